import type { JobLog } from "./types";

/**
 * The jobs module's only log calls: one line per run, so a structured logger can replace this
 * object alone. Results are counts, never row contents.
 */
export const consoleJobLog: JobLog = {
  ran(name, holder, result, ms) {
    console.info(`[jobs] ${name} ran on ${holder} in ${ms} ms: ${JSON.stringify(result)}`);
  },
  failed(name, holder, error) {
    console.error(`[jobs] ${name} failed on ${holder}:`, error);
  },
  schedulerFailed(error) {
    console.error("[jobs] the scheduler could not run the due jobs:", error);
  },
};
