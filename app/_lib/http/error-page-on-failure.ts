import { newErrorReference, type Logger } from "../log";

/** The error page's code for a failure nobody foresaw (pages/[tenant]/error.tsx). */
export const UNEXPECTED_ERROR_CODE = "unexpected";

export interface ErrorPageOnFailureDeps {
  log: () => Logger;
  /** GUESTGATE_BASE_URL: the error page's address is built on it, never on the request's Host. */
  baseUrl: () => string;
  /** Whether the slug names a tenant; only a tenant has an error page to send the person to. */
  isTenant: (slug: string) => boolean;
}

type RouteHandler<C> = (request: Request, context: C) => Promise<Response>;

/**
 * Route handlers do not pass through error.tsx: an unexpected throw would reach Next's unbranded
 * English 500. This wraps a tenant's route handler so that such a throw is answered by
 * `unexpectedFailure` below. Errors that carry a `digest` are Next's own control flow (redirect(),
 * notFound(), dynamic-rendering signals) and are passed on untouched.
 */
export function errorPageOnFailure(deps: ErrorPageOnFailureDeps) {
  return function withErrorPage<C extends { params: Promise<{ tenant: string }> }>(handler: RouteHandler<C>): RouteHandler<C> {
    return async (request, context) => {
      try {
        return await handler(request, context);
      } catch (error) {
        if (isFrameworkSignal(error)) throw error;
        return unexpectedFailure(deps, request, (await context.params).tenant, error);
      }
    };
  };
}

/**
 * The answer to a failure nobody foresaw in a tenant's endpoint (framework-free, for endpoints
 * shaped `(request, tenant, …) => Response` too): logged once under a fresh reference, and a 303 to
 * the tenant's error page showing that reference in the page's language. The error's text never
 * reaches the page, only the log.
 */
export function unexpectedFailure(deps: ErrorPageOnFailureDeps, request: Request, tenant: string, error: unknown): Response {
  const reference = newErrorReference();
  deps.log().error("unexpected failure", {
    reference,
    method: request.method,
    // Without the query: a callback's query holds codes and tokens.
    path: new URL(request.url).pathname,
    err: error,
  });
  if (!deps.isTenant(tenant)) return new Response(null, { status: 500, headers: { "Cache-Control": "no-store" } });
  const location = new URL(`/${encodeURIComponent(tenant)}/error`, deps.baseUrl());
  location.search = new URLSearchParams({ code: UNEXPECTED_ERROR_CODE, ref: reference }).toString();
  // 303: after a form POST the browser must GET the error page (RFC 9700 §4.12).
  return new Response(null, { status: 303, headers: { Location: location.toString(), "Cache-Control": "no-store" } });
}

function isFrameworkSignal(error: unknown): boolean {
  return typeof error === "object" && error !== null && typeof (error as { digest?: unknown }).digest === "string";
}
