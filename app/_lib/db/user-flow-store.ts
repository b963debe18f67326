import type { UserFlowStore } from "../journeys";
import { auditLogOn } from "./audit-log";
import type { PrismaClient } from "./client";
import { createUserFlowEditStore } from "./user-flow-edit-store";

/** User flows on Prisma: rows in, rows out. The rules and the parse cache are the user-flow service's. */
export function createUserFlowStore(prisma: PrismaClient): UserFlowStore {
  return {
    ...createUserFlowEditStore(prisma),
    async assigned(tenantId, clientId) {
      const assignment = await prisma.userFlowApplication.findUnique({
        where: { tenantId_clientId: { tenantId, clientId } },
        select: { userFlow: { select: { name: true, definition: true } } },
      });
      return assignment?.userFlow ?? null;
    },
    async list(tenantId) {
      const rows = await prisma.userFlow.findMany({
        where: { tenantId },
        include: { applications: { select: { clientId: true }, orderBy: { clientId: "asc" } } },
        orderBy: { name: "asc" },
      });
      return rows.map(({ applications, ...row }) => ({ ...row, applications: applications.map((a) => a.clientId) }));
    },
    transaction(work) {
      return prisma.$transaction((tx) =>
        work({
          flows: (tenantId) => tx.userFlow.findMany({ where: { tenantId }, select: { id: true, name: true, definition: true } }),
          upsert: (tenantId, name, definition) =>
            tx.userFlow.upsert({
              where: { tenantId_name: { tenantId, name } },
              create: { tenantId, name, definition },
              update: { definition },
              select: { id: true },
            }),
          async replaceAssignments(tenantId, assignments) {
            await tx.userFlowApplication.deleteMany({ where: { tenantId } });
            if (assignments.length)
              await tx.userFlowApplication.createMany({ data: assignments.map((a) => ({ tenantId, ...a })) });
          },
          audit: auditLogOn(tx),
        }),
      );
    },
  };
}
