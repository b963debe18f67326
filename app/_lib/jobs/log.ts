import type { Logger } from "../log";
import type { JobLog } from "./types";

/**
 * The jobs module's only log calls, over the structured logger: one line per run. Results are
 * counts, never row contents.
 */
export function jobLogOver(log: Logger): JobLog {
  return {
    ran(name, holder, result, ms) {
      log.info("job ran", { job: name, holder, ms, result });
    },
    failed(name, holder, error) {
      log.error("job failed", { job: name, holder, err: error });
    },
    schedulerFailed(error) {
      log.error("the scheduler could not run the due jobs", { err: error });
    },
  };
}
