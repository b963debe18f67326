import { readChunked, setCookiesOf } from "./cookies";
import { classifyFailure, withFailureProbe } from "./failures";
import { isAuthJsPage } from "./handle";
import type { TenantFederation } from "./instance";
import { createHash } from "node:crypto";
import { decodeResult } from "./result-token";
import { validReturnTo } from "./return-to";
import type { CookieStore, FederationFailure, UpstreamOutcome } from "./types";

export type FederationStart = { ok: true; location: string } | ({ ok: false } & FederationFailure);

export class InvalidReturnToError extends TypeError {
  override name = "InvalidReturnToError";
}

/**
 * Auth.js's own sign-in, run on the server: the same two requests its sign-in page makes (fetch a CSRF
 * token, POST `signin/{provider}` with it and the return address), in-process, at
 * GUESTGATE_BASE_URL. next-auth's `signIn()` helper would do the same but build the URL (and so the
 * redirect_uri) from the Host / X-Forwarded-Host headers. The browser gets the state, PKCE and nonce
 * cookies and the upstream's authorization URL; the CSRF cookie is not needed again and stays here.
 */
export async function startWith(
  federation: TenantFederation | undefined,
  slug: string,
  providerId: string,
  returnTo: string,
  store: CookieStore,
): Promise<FederationStart> {
  const path = validReturnTo(slug, returnTo);
  if (!path)
    throw new InvalidReturnToError(
      `returnTo must be a local path under /${slug}/ (and not under /${slug}/federation): ${returnTo}`,
    );
  if (!federation?.offered.some((provider) => provider.id === providerId))
    return { ok: false, reason: "unavailable", providerId };

  return withFailureProbe(async (probe) => {
    const csrf = await federation.call("/csrf");
    const { csrfToken } = (await csrf.json()) as { csrfToken: string };
    const csrfCookie = setCookiesOf(csrf).find((cookie) => cookie.name === federation.cookies.csrfToken.name);
    const response = await federation.call(`/signin/${providerId}`, {
      method: "POST",
      headers: {
        "content-type": "application/x-www-form-urlencoded",
        cookie: csrfCookie ? `${csrfCookie.name}=${encodeURIComponent(csrfCookie.value)}` : "",
      },
      body: new URLSearchParams({ csrfToken, callbackUrl: `${federation.origin}${path}` }),
    });
    const location = response.headers.get("location");
    if (!location || isAuthJsPage(location, federation)) {
      const authError = location ? new URL(location, federation.origin).searchParams.get("error") : null;
      return { ok: false, reason: classifyFailure({ authError, upstreamError: null, probe }), providerId };
    }
    for (const cookie of setCookiesOf(response)) {
      if (cookie.name !== federation.cookies.csrfToken.name) store.set(cookie.name, cookie.value, cookie.options);
    }
    // A result nobody took (an abandoned earlier trip) must not be mistaken for this trip's.
    const { sessionToken } = federation.cookies;
    if (store.get(sessionToken.name)) store.set(sessionToken.name, "", { ...sessionToken.options, maxAge: 0 });
    return { ok: true, location };
  });
}

/**
 * The server's memory of results already taken, shared by every instance (the database): clearing
 * the cookie only asks the browser to forget it, and a copy of the cookie (a second tab, a replay by
 * whoever saw it) would otherwise be taken again within its lifetime.
 */
export interface TakenResults {
  /** True the first time `key` is taken; false for every later take until `expiresAt`. */
  takeOnce(key: string, issuedAt: Date, expiresAt: Date): Promise<boolean>;
}

/** The marker's key: a digest of the sealed cookie, never the cookie itself (it is a bearer credential). */
export const takenResultKey = (slug: string, sealed: string): string =>
  `federation-result:${slug}:${createHash("sha256").update(sealed).digest("base64url")}`;

/**
 * Reads the carried result once: the cookie is cleared whatever it held, so a reload finds nothing,
 * and a valid result is marked taken on the server, so a replayed copy finds nothing either.
 */
export async function takeWith(
  federation: TenantFederation | undefined,
  store: CookieStore,
  taken: TakenResults,
): Promise<UpstreamOutcome | undefined> {
  if (!federation) return undefined;
  const { name, options } = federation.cookies.sessionToken;
  const { value, names } = readChunked(store, name);
  if (!value) return undefined;
  for (const cookieName of names) store.set(cookieName, "", { ...options, maxAge: 0 });
  const result = await decodeResult(value, federation.secret, name);
  // Only a result that decrypts is remembered, so forged cookies cannot fill the table.
  if (!result) return undefined;
  const first = await taken.takeOnce(takenResultKey(federation.slug, value), result.issuedAt, result.expiresAt);
  return first ? result.outcome : undefined;
}
