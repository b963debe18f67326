import { randomBytes } from "node:crypto";
import type { AdministratorActor } from "../../../../_lib/directory";
import type { BulkOptions, BulkResult, BulkRow } from "../../../../_lib/invitations";
import { services } from "../../../../_lib/server";

/**
 * A bulk upload being invited: the upload answers at once and the page of the job shows how far
 * it got (a refreshing page, so it works without JavaScript), then the per-row result. Held in the
 * server process: one instance's uploads, kept for a day. The invitations themselves are stored
 * and audited by the service; what is lost on a restart is only this progress report, and
 * uploading the file again is harmless (the bulk verb is idempotent).
 */
export interface BulkJob {
  id: string;
  tenantId: string;
  /** Who uploaded: only they see the job (another administrator of the tenant gets 404). */
  memberId: string;
  fileName: string;
  total: number;
  done: number;
  state: "running" | "finished" | "failed";
  result?: BulkResult;
  startedAt: Date;
  finishedAt?: Date;
}

const KEEP_MS = 24 * 3600 * 1000;
const MAX_JOBS = 200;
const JOB_ID = /^[A-Za-z0-9_-]{22}$/;

// On globalThis: the route handler that starts a job and the page that shows it may be separate bundles.
const holder = globalThis as typeof globalThis & { __guestgateBulkInvitationJobs?: Map<string, BulkJob> };
const jobs = (holder.__guestgateBulkInvitationJobs ??= new Map());

function prune(now: number) {
  for (const [id, job] of jobs)
    if (job.state !== "running" && now - (job.finishedAt ?? job.startedAt).getTime() > KEEP_MS) jobs.delete(id);
  while (jobs.size >= MAX_JOBS) {
    const oldest = [...jobs.values()].find((job) => job.state !== "running");
    if (!oldest) break;
    jobs.delete(oldest.id);
  }
}

/** Starts inviting the rows in the background; the job's id (unguessable) names its page. */
export function startBulkJob(
  actor: AdministratorActor,
  tenantId: string,
  fileName: string,
  rows: readonly BulkRow[],
  options: BulkOptions,
): BulkJob {
  prune(Date.now());
  const job: BulkJob = {
    id: randomBytes(16).toString("base64url"),
    tenantId,
    memberId: actor.id,
    fileName,
    total: rows.length,
    done: 0,
    state: "running",
    startedAt: new Date(),
  };
  jobs.set(job.id, job);
  void services()
    .invitations.bulkInvite(actor, tenantId, rows, options, (done, valid) => {
      // Invalid rows are settled before the first invitation: they count as done from the start.
      job.done = rows.length - valid + done;
    })
    .then(
      (result) => Object.assign(job, { state: "finished", result, done: rows.length, finishedAt: new Date() }),
      (error: unknown) => {
        Object.assign(job, { state: "failed", finishedAt: new Date() });
        services().logger.error("a bulk invitation upload failed", { module: "admin", tenantId, err: error });
      },
    );
  return job;
}

/** The job, if it is this administrator's in this tenant. */
export function findBulkJob(tenantId: string, memberId: string, id: string): BulkJob | undefined {
  if (!JOB_ID.test(id)) return undefined;
  const job = jobs.get(id);
  return job && job.tenantId === tenantId && job.memberId === memberId ? job : undefined;
}
