import type { Instrumentation } from "next";

/**
 * Runs once when the server starts. A bad environment variable or tenants file must stop the
 * start with the path of the bad value, not surface later as a 500 on some page. Then the
 * background jobs start (Node runtime only, and never while `next build` collects pages).
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { startUp } = await import("./app/_lib/startup");
  startUp();
}

/**
 * Every failure Next catches while rendering a page, running a route handler or server action, or
 * in the proxy: one log line with Next's `digest` — the reference app/[tenant]/error.tsx shows —
 * and the request's id.
 */
export const onRequestError: Instrumentation.onRequestError = async (error, request, context) => {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { reportRequestError } = await import("./app/_lib/startup");
  reportRequestError(error, request, context);
};
