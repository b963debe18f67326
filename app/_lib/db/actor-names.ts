import type { Actor } from "../directory";
import type { PrismaClient } from "./client";

/**
 * The name audit events record for a caller (Graph directoryAudits initiatedBy displayName): an
 * application's registered name, an administrator's display name, looked up in its tenant.
 */
export function createActorNames(prisma: PrismaClient) {
  return {
    async nameOf(tenantId: string, actor: Actor): Promise<string | null> {
      if (actor.type === "application") {
        const app = await prisma.application.findFirst({ where: { tenantId, clientId: actor.clientId }, select: { name: true } });
        return app?.name ?? null;
      }
      if (actor.type === "administrator" || actor.type === "guest") {
        const id = actor.type === "guest" ? actor.guestId : actor.id;
        const member = await prisma.guest.findFirst({ where: { tenantId, id }, select: { displayName: true } });
        return member?.displayName ?? null;
      }
      return null;
    },
  };
}
