import { AsyncLocalStorage } from "node:async_hooks";
import type { FederationFailureReason } from "./types";

/**
 * Auth.js reports a failed trip as a redirect to its error page with one coarse word
 * (`?error=Configuration` for anything that is not "client-safe"), which cannot tell an upstream
 * that is down from one that said no. So each request to Auth.js runs with a probe: our fetch wrapper
 * and our Auth.js logger note what went wrong *for this request* (AsyncLocalStorage keeps concurrent
 * requests apart), and `classifyFailure` turns that into the journey's reason.
 */
export interface FailureProbe {
  /** A network failure, or a discovery document that could not be fetched or read. */
  unreachable: boolean;
  errors: unknown[];
}

const probes = new AsyncLocalStorage<FailureProbe>();

export function withFailureProbe<T>(run: (probe: FailureProbe) => Promise<T>): Promise<T> {
  const probe: FailureProbe = { unreachable: false, errors: [] };
  return probes.run(probe, () => run(probe));
}

export function noteFailure(error: unknown): void {
  probes.getStore()?.errors.push(error);
}

const DISCOVERY_SUFFIX = "/.well-known/openid-configuration";
const requestUrl = (input: Parameters<typeof fetch>[0]): string =>
  input instanceof Request ? input.url : input instanceof URL ? input.href : String(input);

/** Wraps the fetch Auth.js uses for one provider: a throw (no connection) or a bad discovery answer marks the probe. */
export function probingFetch(inner: typeof fetch = fetch): typeof fetch {
  return async (input, init) => {
    const probe = probes.getStore();
    try {
      const response = await inner(input, init);
      if (probe && !response.ok && new URL(requestUrl(input)).pathname.endsWith(DISCOVERY_SUFFIX)) probe.unreachable = true;
      return response;
    } catch (error) {
      if (probe) probe.unreachable = true;
      throw error;
    }
  };
}

const NETWORK_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ENOTFOUND",
  "EAI_AGAIN",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "ENETUNREACH",
]);

/** True when an error, or anything in its cause chain, is a failed connection (undici says `fetch failed`). */
export function isNetworkFailure(error: unknown, depth = 0): boolean {
  if (!error || typeof error !== "object" || depth > 6) return false;
  const { code, message, cause, err } = error as { code?: unknown; message?: unknown; cause?: unknown; err?: unknown };
  if (typeof code === "string" && (NETWORK_CODES.has(code) || code.startsWith("UND_ERR_CONNECT"))) return true;
  if (error instanceof TypeError && message === "fetch failed") return true;
  // Auth.js wraps the original error as `cause.err` (CallbackRouteError).
  return isNetworkFailure(cause, depth + 1) || isNetworkFailure(err, depth + 1);
}

/**
 * One log line for an Auth.js error: its own message is a link to their docs, the useful part is
 * the wrapped cause (e.g. `OperationProcessingError: unexpected JWT "iss" (issuer) claim value`).
 */
export function describeFailure(error: unknown): string {
  const parts: string[] = [];
  let current: unknown = error;
  for (let depth = 0; current && typeof current === "object" && depth < 6; depth++) {
    const { name, message, cause, err, error: code } = current as Record<string, unknown>;
    const text = typeof message === "string" ? message.replace(/\s*Read more at \S+$/, "").replace(/\.$/, "") : "";
    if (typeof name === "string") parts.push(text ? `${name}: ${text}` : name);
    else if (typeof code === "string") parts.push(`upstream answered ${code}`); // OAuthCallbackError's cause
    current = err ?? cause;
  }
  return parts.join(" ← ");
}

export interface FailureEvidence {
  /** The `error` Auth.js put on its error-page redirect (an Auth.js error type). */
  authError: string | null;
  /** The `error` the upstream put on the callback (RFC 6749 §4.1.2.1), if any. */
  upstreamError: string | null;
  probe: FailureProbe;
}

/**
 * `cancelled` needs both sides to agree: Auth.js validated the response (state, RFC 6749 §10.12) and
 * reported the upstream's error (`OAuthCallbackError`), and that error is `access_denied`. A bare
 * `?error=access_denied` that fails the state check is an upstream error, not a cancellation.
 */
export function classifyFailure({ authError, upstreamError, probe }: FailureEvidence): FederationFailureReason {
  if (probe.unreachable || probe.errors.some((error) => isNetworkFailure(error))) return "unreachable";
  if (authError === "OAuthCallbackError" && upstreamError === "access_denied") return "cancelled";
  return "upstreamError";
}
