import { randomBytes } from "node:crypto";
import type { AdministratorActor } from "../directory";
import {
  checkBulkRows,
  inviteBulkRow,
  summarise,
  type BulkOptions,
  type BulkResult,
  type BulkRow,
  type BulkRowResult,
} from "./bulk";
import { InvitationError } from "./errors";
import { mayActOnInvitations } from "./permissions";
import type { InvitationInternals } from "./service";

export type BulkJobState = "queued" | "running" | "finished" | "failed";

export interface BulkJobRecord {
  id: string;
  tenantId: string;
  memberId: string;
  actor: AdministratorActor;
  fileName: string;
  redirectUrl: string | null;
  sendInvitationMessage: boolean;
  state: BulkJobState;
  total: number;
  done: number;
  createdAt: Date;
  finishedAt: Date | null;
}

/** What the page of a job shows: how far it got, and the per-row result once finished. */
export type BulkJobView = Omit<BulkJobRecord, "actor" | "memberId">;

/** Storage of bulk jobs: plain reads and writes, no decisions (app/_lib/db implements it on Prisma). */
export interface BulkJobStore {
  insert(job: Omit<BulkJobRecord, "done" | "createdAt" | "finishedAt">, rows: readonly BulkRow[]): Promise<void>;
  find(id: string): Promise<BulkJobRecord | null>;
  /** The oldest job still queued or running, in any tenant. */
  nextOpen(): Promise<BulkJobRecord | null>;
  rows(jobId: string, which: "unsettled" | "all", limit?: number): Promise<Array<BulkRow & { result: BulkRowResult | null }>>;
  /**
   * Records outcomes of rows that have none yet (one conditional write each), and adds the number
   * actually recorded to the job's `done`, in one transaction: a row is settled once.
   */
  settle(jobId: string, results: readonly BulkRowResult[]): Promise<number>;
  setState(jobId: string, state: BulkJobState, finishedAt: Date | null): Promise<void>;
}

export interface BulkJobPorts {
  store: BulkJobStore;
  invitations: InvitationInternals;
  clock: { now(): Date };
  /** Asks for the worker to run soon (the job runner, which respects the lease); nothing when absent. */
  nudge?: () => void;
  warn?: (message: string, fields: Record<string, unknown>) => void;
}

export interface BulkJobs {
  /** Stores the upload and its rows as a queued job of this administrator; the worker invites them. */
  submit(
    actor: AdministratorActor,
    tenantId: string,
    fileName: string,
    rows: readonly BulkRow[],
    options: BulkOptions,
  ): Promise<string>;
  /** The job if it is this administrator's in this tenant (anyone else: undefined, shown as 404). */
  find(actor: AdministratorActor, tenantId: string, id: string): Promise<BulkJobView | undefined>;
  /** The per-row result of a finished job of this administrator. */
  result(actor: AdministratorActor, tenantId: string, id: string): Promise<BulkResult | undefined>;
  /** The worker: handles open jobs, oldest first, until none is left or the time budget is spent. */
  work(options: { budgetMs: number; batch?: number }): Promise<{ jobs: number; rows: number }>;
}

const JOB_ID = /^[A-Za-z0-9_-]{22}$/;
const DEFAULT_BATCH = 25;

/**
 * Bulk invitations as stored jobs: the upload only stores rows, and the job `invitation-bulk-uploads`
 * invites them on whichever instance holds its lease, settling each row with one conditional write,
 * so any instance reads the progress and the result, and a row is invited once even when a holder
 * dies and another takes over (it then finds the row's invitation live and reports it
 * `alreadyInvited`). The rows are invited as the administrator who uploaded, whose verbs audit them.
 */
export function createBulkJobs(ports: BulkJobPorts): BulkJobs {
  const { store, invitations, clock } = ports;

  async function mine(actor: AdministratorActor, tenantId: string, id: string) {
    if (!JOB_ID.test(id)) return undefined;
    const job = await store.find(id);
    return job && job.tenantId === tenantId && job.memberId === actor.id ? job : undefined;
  }

  const optionsOf = (job: BulkJobRecord): BulkOptions => ({
    ...(job.redirectUrl ? { redirectUrl: job.redirectUrl } : {}),
    sendInvitationMessage: job.sendInvitationMessage,
    correlationId: job.id,
  });

  /** One job, batch by batch, until its rows are settled or the deadline passes; whether it finished. */
  async function advance(job: BulkJobRecord, deadline: number, batch: number, counted: { rows: number }) {
    const options = optionsOf(job);
    if (job.state === "queued") {
      // Every row checked before anything is sent, as in the synchronous verb; checking twice after a crash is harmless.
      const all = await store.rows(job.id, "unsettled");
      const { invalid } = await checkBulkRows(invitations, job.actor, job.tenantId, all, options);
      counted.rows += await store.settle(job.id, invalid);
      await store.setState(job.id, "running", null);
    }
    for (;;) {
      if (Date.now() >= deadline) return false;
      const rows = await store.rows(job.id, "unsettled", batch);
      if (rows.length === 0) break;
      for (const row of rows) {
        const result = await inviteBulkRow(invitations, job.actor, job.tenantId, row, options);
        counted.rows += await store.settle(job.id, [result]);
      }
    }
    await store.setState(job.id, "finished", clock.now());
    return true;
  }

  return {
    async submit(actor, tenantId, fileName, rows, options) {
      if (!mayActOnInvitations(actor, "invite"))
        throw new InvitationError("forbidden", "forbidden", `${actor.type} may not invite here`);
      const id = randomBytes(16).toString("base64url");
      await store.insert(
        {
          id,
          tenantId,
          memberId: actor.id,
          actor,
          fileName,
          redirectUrl: options.redirectUrl ?? null,
          sendInvitationMessage: options.sendInvitationMessage,
          state: "queued",
          total: rows.length,
        },
        rows,
      );
      ports.nudge?.();
      return id;
    },

    async find(actor, tenantId, id) {
      const job = await mine(actor, tenantId, id);
      if (!job) return undefined;
      if (job.state === "queued" || job.state === "running") ports.nudge?.();
      const { actor: _actor, memberId: _member, ...view } = job;
      void _actor;
      void _member;
      return view;
    },

    async result(actor, tenantId, id) {
      const job = await mine(actor, tenantId, id);
      if (!job || job.state !== "finished") return undefined;
      const rows = await store.rows(job.id, "all");
      return summarise(rows.flatMap((row) => (row.result ? [row.result] : [])));
    },

    async work({ budgetMs, batch = DEFAULT_BATCH }) {
      const deadline = Date.now() + budgetMs;
      const counted = { rows: 0 };
      let jobs = 0;
      while (Date.now() < deadline) {
        const job = await store.nextOpen();
        if (!job) break;
        try {
          if (!(await advance(job, deadline, batch, counted))) break;
        } catch (error) {
          // A refusal (the administrator lost the role) or a bug: this job stops, the others go on.
          ports.warn?.("a bulk invitation job failed", { jobId: job.id, tenantId: job.tenantId, err: error });
          await store.setState(job.id, "failed", clock.now());
        }
        jobs++;
      }
      return { jobs, rows: counted.rows };
    },
  };
}

/** The worker for the job registry (app/_lib/jobs' Job shape): one holder at a time across instances. */
export function invitationBulkJob(bulkJobs: Pick<BulkJobs, "work">) {
  return {
    name: "invitation-bulk-uploads",
    summary: "invite the rows of bulk uploads (CSV) stored by the admin portal, each row once",
    everySeconds: 10,
    // Longer than a run's budget plus one row: a live holder is never taken over.
    leaseSeconds: 180,
    async run() {
      return bulkJobs.work({ budgetMs: 60_000 });
    },
  };
}
