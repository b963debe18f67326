import { AsyncLocalStorage } from "node:async_hooks";
import { randomBytes } from "node:crypto";

/**
 * What every log line written while handling one request carries. Held in an AsyncLocalStorage
 * on globalThis: Next bundles the instrumentation hook, the proxy and each route separately, and
 * each bundle gets its own copy of this module — one storage must serve them all.
 */
export type RequestContext = {
  requestId: string;
  /**
   * The connection's peer as the socket reports it (request-ids.ts), for http/client-address.ts:
   * Next gives route handlers no socket. Not a log field (log lines carry no client addresses).
   */
  peerAddress?: string;
};

/** The fields of the request context that go into log lines. */
export function logContext(): { requestId: string } | undefined {
  const context = storage.getStore();
  return context && { requestId: context.requestId };
}

const KEY = Symbol.for("guestgate.log.requestContext");
const holder = globalThis as typeof globalThis & { [KEY]?: AsyncLocalStorage<RequestContext> };
const storage = (holder[KEY] ??= new AsyncLocalStorage<RequestContext>());

/** The request being handled, or undefined outside one (start-up, jobs, the CLI). */
export function requestContext(): RequestContext | undefined {
  return storage.getStore();
}

export function runWithRequestContext<T>(context: RequestContext, run: () => T): T {
  return storage.run(context, run);
}

/**
 * Makes `context` current for the rest of the synchronous execution and everything it starts.
 * Only for a hook that runs before the request's own code and cannot wrap it (request-ids.ts).
 */
export function enterRequestContext(context: RequestContext): void {
  storage.enterWith(context);
}

/** 128 random bits, base64url: unguessable, so a request id says nothing about other requests. */
export function newRequestId(): string {
  return randomBytes(16).toString("base64url");
}

// Crockford's base32 without I, L, O, U: a reference a person can read out on the phone.
const REFERENCE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/** A short id shown to the person and written in the log line of the same failure (10 characters, 50 bits). */
export function newErrorReference(): string {
  const bytes = randomBytes(10);
  let reference = "";
  for (const byte of bytes) reference += REFERENCE_ALPHABET[byte & 31];
  return reference;
}

/** What a reference or id from a URL or header must look like before it is shown or logged. */
export function isWellFormedReference(value: unknown): value is string {
  return typeof value === "string" && /^[0-9A-Za-z_-]{1,64}$/.test(value);
}
