import { errorFields } from "./error-fields";
import type { Logger } from "./logger";
import { requestContext } from "./request-context";
import { REQUEST_ID_HEADER } from "./request-ids";

/** What Next hands `onRequestError` about the request (structurally, so this module needs no Next import). */
export interface RequestErrorInfo {
  path: string;
  method: string;
  headers: Record<string, string | string[] | undefined>;
}

export interface RequestErrorContext {
  routerKind: string;
  routePath: string;
  routeType: string;
  renderSource?: string;
}

/**
 * The log line of a failure Next caught (instrumentation.ts `onRequestError`). It carries Next's
 * `digest` — the same value the App Router's error boundary (app/error.tsx) shows the person as the
 * reference — and the request id, so the two meet in the log. The path is logged without its
 * query: an authorization callback's query holds a code, a logout's an ID token.
 */
export function logRequestError(log: Logger, error: unknown, request: RequestErrorInfo, context: RequestErrorContext): void {
  const digest = typeof error === "object" && error !== null && "digest" in error ? String(error.digest) : undefined;
  const forwarded = request.headers[REQUEST_ID_HEADER];
  log.error("unexpected failure", {
    // The storage holds it for every request (request-ids.ts); the header is what the proxy forwarded.
    requestId: requestContext()?.requestId ?? (typeof forwarded === "string" ? forwarded : undefined),
    reference: digest,
    digest,
    method: request.method,
    path: request.path.split("?")[0],
    route: context.routePath,
    routeType: context.routeType,
    renderSource: context.renderSource,
    err: errorFields(error),
  });
}
