import type { JobLeaseStore, JobResult } from "../jobs";
import { isUniqueViolation, type PrismaClient } from "./client";

const NEVER = new Date(0);

/**
 * Job leases on Prisma. The row is created once (a racing second create loses on the primary key
 * and is ignored); taking the lease is then a single conditional UPDATE, which both SQLite (one
 * writer at a time) and PostgreSQL (the second UPDATE waits for the first and re-checks the WHERE
 * on the new row) grant to exactly one caller.
 */
export function createJobLeaseStore(prisma: PrismaClient): JobLeaseStore {
  async function ensureRow(name: string) {
    if (await prisma.jobLease.findUnique({ where: { name }, select: { name: true } })) return;
    try {
      await prisma.jobLease.create({ data: { name, leasedUntil: NEVER } });
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
    }
  }

  return {
    async take({ name, holder, now, leasedUntil, dueBefore }) {
      await ensureRow(name);
      const { count } = await prisma.jobLease.updateMany({
        where: {
          name,
          leasedUntil: { lte: now },
          ...(dueBefore ? { OR: [{ lastRunAt: null }, { lastRunAt: { lte: dueBefore } }] } : {}),
        },
        data: { holder, leasedUntil, runs: { increment: 1 } },
      });
      return count === 1;
    },
    async finish({ name, holder, startedAt, finishedAt, outcome, result }) {
      // Only while still ours: a run that outlived its lease must not overwrite its successor's.
      await prisma.jobLease.updateMany({
        where: { name, holder, leasedUntil: { gt: startedAt } },
        data: {
          leasedUntil: finishedAt,
          lastRunAt: startedAt,
          lastFinishedAt: finishedAt,
          lastOutcome: outcome,
          lastResult: JSON.stringify(result),
        },
      });
    },
    async list() {
      const rows = await prisma.jobLease.findMany({ orderBy: { name: "asc" } });
      return rows.map((row) => ({ ...row, lastResult: parseResult(row.lastResult) }));
    },
  };
}

function parseResult(text: string | null): JobResult | null {
  if (!text) return null;
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === "object" && value !== null ? (value as JobResult) : null;
  } catch {
    return null;
  }
}
