import type { JobRunner } from "./runner";
import type { JobLog } from "./types";

export interface JobScheduler {
  /** Clears the timer and waits for a run in progress to finish. */
  stop(): Promise<void>;
}

export interface SchedulerOptions {
  runner: Pick<JobRunner, "runDue">;
  log: Pick<JobLog, "schedulerFailed">;
  /** How often this instance asks which jobs are due; each job's own period decides whether it runs. */
  tickSeconds: number;
  /** The first tick, after start-up has settled (default: one tick, jittered). */
  firstTickSeconds?: number;
  random?: () => number;
}

/**
 * Asks the runner for due jobs every tick, with ±20% jitter so that instances started together do
 * not all knock on the leases at the same instant. Timers are unref'd: the scheduler never keeps a
 * process alive, and a process stopping mid-run is safe (each batch is one statement; the lease
 * frees itself when it runs out).
 */
export function startJobScheduler(options: SchedulerOptions): JobScheduler {
  const random = options.random ?? Math.random;
  const jittered = (seconds: number) => seconds * 1000 * (0.8 + 0.4 * random());
  let timer: ReturnType<typeof setTimeout> | undefined;
  let running: Promise<void> | undefined;
  let stopped = false;

  const schedule = (ms: number) => {
    if (stopped) return;
    timer = setTimeout(tick, ms);
    timer.unref?.();
  };

  function tick() {
    running = options.runner
      .runDue()
      .then(
        () => {},
        (error: unknown) => options.log.schedulerFailed(error),
      )
      .finally(() => {
        running = undefined;
        schedule(jittered(options.tickSeconds));
      });
  }

  schedule(jittered(options.firstTickSeconds ?? options.tickSeconds));
  return {
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}
