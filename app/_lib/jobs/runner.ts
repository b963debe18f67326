import type { JobRegistry } from "./registry";
import type { Job, JobLeaseStore, JobLog, JobResult } from "./types";

/** A run that takes longer than this without saying otherwise is presumed dead and may be taken over. */
export const DEFAULT_LEASE_SECONDS = 10 * 60;

export type JobOutcome =
  | { name: string; status: "ran"; result: JobResult; ms: number }
  | { name: string; status: "failed"; error: string }
  /** Another instance holds the lease, or ran the job less than one period ago. */
  | { name: string; status: "skipped" };

export interface JobRunnerDeps {
  registry: JobRegistry;
  leases: JobLeaseStore;
  /** Identifies this process in lease rows ("host:pid:random"). */
  holder: string;
  log: JobLog;
  now?: () => Date;
}

export interface RunOptions {
  /** Only these jobs (by name). */
  only?: readonly string[];
  /** Run even if not due; a lease held by another instance is still respected. */
  force?: boolean;
}

/**
 * Runs every due job once, one after another, each under its lease. Which instance runs a job is
 * decided by the database (one conditional write per job), not by timing; a failing job is
 * reported and does not stop the others.
 */
export function createJobRunner(deps: JobRunnerDeps) {
  const now = deps.now ?? (() => new Date());

  async function runJob(job: Job, force: boolean): Promise<JobOutcome> {
    const startedAt = now();
    const leaseMs = (job.leaseSeconds ?? DEFAULT_LEASE_SECONDS) * 1000;
    const taken = await deps.leases.take({
      name: job.name,
      holder: deps.holder,
      now: startedAt,
      leasedUntil: new Date(startedAt.getTime() + leaseMs),
      dueBefore: force ? null : new Date(startedAt.getTime() - job.everySeconds * 1000),
    });
    if (!taken) return { name: job.name, status: "skipped" };

    let outcome: JobOutcome;
    let result: JobResult = {};
    try {
      result = await job.run({ now: startedAt, actor: { type: "system", name: `job:${job.name}` } });
      outcome = { name: job.name, status: "ran", result, ms: now().getTime() - startedAt.getTime() };
      deps.log.ran(job.name, deps.holder, result, outcome.ms);
    } catch (error) {
      outcome = { name: job.name, status: "failed", error: error instanceof Error ? error.message : String(error) };
      deps.log.failed(job.name, deps.holder, error);
    }
    await deps.leases.finish({
      name: job.name,
      holder: deps.holder,
      startedAt,
      finishedAt: now(),
      outcome: outcome.status === "ran" ? "ok" : "failed",
      result,
    });
    return outcome;
  }

  return {
    async runDue(options: RunOptions = {}): Promise<JobOutcome[]> {
      const jobs = deps.registry.list().filter((job) => !options.only || options.only.includes(job.name));
      const outcomes: JobOutcome[] = [];
      for (const job of jobs) outcomes.push(await runJob(job, options.force ?? false));
      return outcomes;
    },
  };
}

export type JobRunner = ReturnType<typeof createJobRunner>;
