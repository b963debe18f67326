import { ConfigError } from "./errors";
import { logRequestError, tagIncomingRequests, type RequestErrorContext, type RequestErrorInfo } from "./log";
import { logger, validateConfiguration } from "./server";

/**
 * Node-only start-up (instrumentation.ts `register`): every request gets an id for its log lines,
 * and a bad configuration ends the process with the path of the bad value.
 */
export function startUp(): void {
  tagIncomingRequests();
  checkConfigurationOrExit();
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
