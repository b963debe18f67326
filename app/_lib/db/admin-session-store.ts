import type { AdminSessionRecord, AdminSessionStore } from "../admin";
import type { PrismaClient } from "./client";

/** Admin portal sessions on Prisma: plain reads and writes, the service decides. */
export function createAdminSessionStore(prisma: PrismaClient): AdminSessionStore {
  return {
    async create(record) {
      await prisma.adminSession.create({ data: { ...record, amr: JSON.stringify(record.amr) } });
    },
    async findByTokenHash(tenantId, tokenHash) {
      const row = await prisma.adminSession.findUnique({ where: { tokenHash } });
      if (!row || row.tenantId !== tenantId) return undefined;
      return {
        id: row.id,
        tenantId: row.tenantId,
        memberId: row.memberId,
        tokenHash: row.tokenHash,
        amr: parseAmr(row.amr),
        authenticatedAt: row.authenticatedAt,
        lastSeenAt: row.lastSeenAt,
        expiresAt: row.expiresAt,
      } satisfies AdminSessionRecord;
    },
    async touch(id, { lastSeenAt, authenticatedAt, amr }) {
      await prisma.adminSession.updateMany({
        where: { id },
        data: { lastSeenAt, ...(authenticatedAt ? { authenticatedAt } : {}), ...(amr ? { amr: JSON.stringify(amr) } : {}) },
      });
    },
    async delete(id) {
      await prisma.adminSession.deleteMany({ where: { id } });
    },
    async deleteExpired(before, limit) {
      const rows = await prisma.adminSession.findMany({
        where: { expiresAt: { lt: before } },
        select: { id: true },
        take: limit,
      });
      if (rows.length === 0) return 0;
      const { count } = await prisma.adminSession.deleteMany({ where: { id: { in: rows.map((row) => row.id) } } });
      return count;
    },
  };
}

function parseAmr(stored: string): string[] {
  try {
    const parsed: unknown = JSON.parse(stored);
    return Array.isArray(parsed) ? parsed.filter((value): value is string => typeof value === "string") : [];
  } catch {
    return [];
  }
}
