import type { MemberRecord, RelationReads, RelationWrites } from "../directory";
import type { PrismaClient } from "./client";

type Tx = Omit<PrismaClient, "$connect" | "$disconnect" | "$on" | "$transaction" | "$extends">;

const memberSelect = { id: true, displayName: true, email: true, userType: true } as const;

/** Sponsors and managers on Prisma (the group store's unit of work carries them). */
export function relationReads(client: Tx): RelationReads {
  return {
    async listSponsors(tenantId, guestId, after, take) {
      const rows = await client.userSponsor.findMany({
        where: { tenantId, guestId, ...(after ? { sponsorId: { gt: after } } : {}) },
        orderBy: { sponsorId: "asc" },
        take,
        select: { sponsor: { select: memberSelect } },
      });
      return rows.map((row): MemberRecord => row.sponsor);
    },
    isSponsor: async (guestId, sponsorId) => (await client.userSponsor.count({ where: { guestId, sponsorId } })) > 0,
    countSponsors: (guestId) => client.userSponsor.count({ where: { guestId } }),
    async findManager(tenantId, guestId) {
      const row = await client.userManager.findFirst({
        where: { tenantId, guestId },
        select: { manager: { select: memberSelect } },
      });
      return row?.manager ?? null;
    },
    async managerIdOf(guestId) {
      const row = await client.userManager.findUnique({ where: { guestId }, select: { managerId: true } });
      return row?.managerId ?? null;
    },
  };
}

export function relationWrites(tx: Tx): RelationWrites {
  return {
    async addSponsor(tenantId, guestId, sponsorId) {
      await tx.userSponsor.create({ data: { tenantId, guestId, sponsorId } });
    },
    async removeSponsor(guestId, sponsorId) {
      await tx.userSponsor.delete({ where: { guestId_sponsorId: { guestId, sponsorId } } });
    },
    async setManager(tenantId, guestId, managerId) {
      await tx.userManager.upsert({
        where: { guestId },
        create: { tenantId, guestId, managerId },
        update: { managerId, createdAt: new Date() },
      });
    },
    async removeManager(guestId) {
      await tx.userManager.delete({ where: { guestId } });
    },
  };
}
