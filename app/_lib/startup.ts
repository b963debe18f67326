import { ConfigError } from "./errors";
import { startBackgroundJobs, validateConfiguration } from "./server";

/** Node-only start-up check (instrumentation.ts loads it): a bad configuration ends the process. */
export function checkConfigurationOrExit(): void {
  try {
    validateConfiguration();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(`Guestgate cannot start: ${error.message}`);
    process.exit(1);
  }
}

/** `next build` loads instrumentation too (NEXT_PHASE=phase-production-build): no jobs there. */
export function startBackgroundJobsUnlessBuilding(): void {
  if (process.env.NEXT_PHASE?.includes("build")) return;
  startBackgroundJobs();
}
