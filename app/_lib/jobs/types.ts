import type { SystemActor } from "../directory";

/**
 * A background job: something the site does on its own, on a period, on whichever instance takes
 * the job's lease first. Later features (invitation expiry, access-package lifecycle) add theirs to
 * the registry the composition root builds.
 */
export interface Job {
  /** Unique, stable, lower-case with hyphens: it keys the lease row and names the actor (`job:<name>`). */
  name: string;
  /** What it does, for `jobs list`. */
  summary: string;
  /** At most one run per period across all instances. */
  everySeconds: number;
  /**
   * How long one run may take before another instance may assume its holder died and take over.
   * Runs should stay well under it (work in bounded batches).
   */
  leaseSeconds?: number;
  run(context: JobContext): Promise<JobResult>;
}

export interface JobContext {
  /** The moment the run started (from the runner's clock, so tests can move time). */
  now: Date;
  /** Who acts: verbs a job calls audit it as `{ type: "system", name: "job:<name>" }`. */
  actor: SystemActor;
}

/** What a run did, counted per kind of thing (e.g. `{ journeys: 3 }`): printed, logged, stored. */
export type JobResult = Record<string, number>;

/**
 * One lease row per job. `take` is one conditional write: it succeeds for exactly one caller when
 * the lease is free (leasedUntil passed) and the job is due (its last finished run started at or
 * before dueBefore, or it never ran). `finish` writes only while the caller still holds the lease.
 */
export interface JobLeaseStore {
  take(request: { name: string; holder: string; now: Date; leasedUntil: Date; dueBefore: Date | null }): Promise<boolean>;
  finish(report: {
    name: string;
    holder: string;
    startedAt: Date;
    finishedAt: Date;
    outcome: "ok" | "failed";
    result: JobResult;
  }): Promise<void>;
  list(): Promise<JobLeaseRecord[]>;
}

export interface JobLeaseRecord {
  name: string;
  holder: string;
  leasedUntil: Date;
  lastRunAt: Date | null;
  lastFinishedAt: Date | null;
  lastOutcome: string | null;
  lastResult: JobResult | null;
  runs: number;
}

/** A store whose rows die: deletes at most `limit` of those dead before `before`, returns how many. */
export interface ExpiringStore {
  deleteExpired(before: Date, limit: number): Promise<number>;
}

/** Where the jobs module reports (one implementation: log.ts). */
export interface JobLog {
  ran(name: string, holder: string, result: JobResult, ms: number): void;
  failed(name: string, holder: string, error: unknown): void;
  schedulerFailed(error: unknown): void;
}
