import type { AdministratorActor } from "../directory";
import type { BulkJobRecord, BulkJobState, BulkJobStore, BulkRowResult } from "../invitations";
import type { PrismaClient } from "./client";
import type { InvitationBulkJob as JobRow } from "../../../prisma/generated/client/sqlite/client";

const STATES: readonly BulkJobState[] = ["queued", "running", "finished", "failed"];
/** Rows per INSERT: well under SQLite's and PostgreSQL's bound-parameter limits (10 columns a row). */
const INSERT_CHUNK = 500;

/**
 * Bulk invitation jobs on Prisma. A row is settled with one conditional UPDATE (`outcome is null`),
 * and the job's `done` grows by what was settled in the same transaction, so two workers (or one
 * that took over from a dead holder) cannot settle a row twice or count it twice.
 */
export function createInvitationBulkStore(prisma: PrismaClient): BulkJobStore {
  return {
    async insert(job, rows) {
      await prisma.$transaction(async (tx) => {
        await tx.invitationBulkJob.create({ data: { ...job, actor: JSON.stringify(job.actor) } });
        for (let i = 0; i < rows.length; i += INSERT_CHUNK)
          await tx.invitationBulkRow.createMany({
            data: rows.slice(i, i + INSERT_CHUNK).map((row) => ({
              jobId: job.id,
              line: row.line,
              email: row.email,
              displayName: row.displayName ?? null,
              language: row.language ?? null,
              redirectUrl: row.redirectUrl ?? null,
            })),
          });
      });
    },
    async find(id) {
      const row = await prisma.invitationBulkJob.findUnique({ where: { id } });
      return row && toRecord(row);
    },
    async nextOpen() {
      const row = await prisma.invitationBulkJob.findFirst({
        where: { state: { in: ["queued", "running"] } },
        orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      });
      return row && toRecord(row);
    },
    async rows(jobId, which, limit) {
      const rows = await prisma.invitationBulkRow.findMany({
        where: { jobId, ...(which === "unsettled" ? { outcome: null } : {}) },
        orderBy: { line: "asc" },
        ...(limit ? { take: limit } : {}),
      });
      return rows.map((row) => ({
        line: row.line,
        email: row.email,
        ...(row.displayName !== null ? { displayName: row.displayName } : {}),
        ...(row.language !== null ? { language: row.language } : {}),
        ...(row.redirectUrl !== null ? { redirectUrl: row.redirectUrl } : {}),
        result: resultOf(row),
      }));
    },
    async settle(jobId, results) {
      if (results.length === 0) return 0;
      return prisma.$transaction(async (tx) => {
        let settled = 0;
        for (const result of results) {
          const { count } = await tx.invitationBulkRow.updateMany({
            where: { jobId, line: result.line, outcome: null },
            data: {
              outcome: result.outcome,
              reason: "reason" in result ? result.reason : null,
              invitationId: "invitationId" in result ? result.invitationId : null,
              guestId: "guestId" in result ? result.guestId : null,
            },
          });
          settled += count;
        }
        if (settled > 0) await tx.invitationBulkJob.update({ where: { id: jobId }, data: { done: { increment: settled } } });
        return settled;
      });
    },
    async setState(jobId, state, finishedAt) {
      await prisma.invitationBulkJob.update({ where: { id: jobId }, data: { state, finishedAt } });
    },
  };
}

function toRecord(row: JobRow): BulkJobRecord {
  if (!STATES.includes(row.state as BulkJobState)) throw new Error(`bulk job ${row.id}: unknown state`);
  return { ...row, state: row.state as BulkJobState, actor: JSON.parse(row.actor) as AdministratorActor };
}

function resultOf(row: {
  line: number;
  email: string;
  outcome: string | null;
  reason: string | null;
  invitationId: string | null;
  guestId: string | null;
}): BulkRowResult | null {
  switch (row.outcome) {
    case null:
      return null;
    case "invalid":
    case "failed":
      return { line: row.line, email: row.email.trim(), outcome: row.outcome, reason: row.reason ?? "" };
    case "invited":
    case "alreadyInvited":
    case "alreadyGuest":
      return {
        line: row.line,
        email: row.email.trim(),
        outcome: row.outcome,
        invitationId: row.invitationId ?? "",
        guestId: row.guestId ?? "",
      };
    default:
      throw new Error(`bulk row ${row.line}: unknown outcome`);
  }
}
