import { ConfigError } from "./errors";
import { logRequestError, tagIncomingRequests, type RequestErrorContext, type RequestErrorInfo } from "./log";
import { logger, startBackgroundJobs, validateConfiguration } from "./server";

/**
 * Node-only start-up (instrumentation.ts `register`): every request gets an id for its log lines,
 * a bad configuration ends the process with the path of the bad value, and the background jobs start.
 */
export function startUp(): void {
  tagIncomingRequests();
  checkConfigurationOrExit();
  startBackgroundJobsUnlessBuilding();
}

export function checkConfigurationOrExit(): void {
  try {
    validateConfiguration();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    logger().error(`Guestgate cannot start: ${error.message}`, { source: error.source, problems: error.problems });
    process.exit(1);
  }
}

/** instrumentation.ts `onRequestError`: a failure Next caught, with the digest its error page shows. */
export function reportRequestError(error: unknown, request: RequestErrorInfo, context: RequestErrorContext): void {
  logRequestError(logger(), error, request, context);
}

/** `next build` loads instrumentation too (NEXT_PHASE=phase-production-build): no jobs there. */
export function startBackgroundJobsUnlessBuilding(): void {
  if (process.env.NEXT_PHASE?.includes("build")) return;
  startBackgroundJobs();
}
