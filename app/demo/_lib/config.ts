import { createHash } from "node:crypto";

/**
 * What the demo application is registered as, in every tenant, by the seed script (a test keeps
 * these equal to the seed's): a public client whose redirect URI is a loopback IP literal, so that
 * Guestgate accepts it on any port (RFC 8252 §7.3).
 */
export const REGISTERED_REDIRECT_URI = "http://127.0.0.1:3000/demo/callback";
export const REGISTERED_POST_LOGOUT_REDIRECT_URI = "http://127.0.0.1:3000/demo/signed-out";

/** What the demo asks for: every user scope Guestgate offers, except offline_access (no refresh token needed). */
export const DEMO_SCOPE = "openid profile email address phone";

/** Cookies of the demo application, scoped to its path on its own origin. */
export const DEMO_COOKIE_PATH = "/demo";
export const TRANSACTION_COOKIE = "gg_demo_tx";
export const SESSION_COOKIE = "gg_demo_session";
export const USERINFO_COOKIE = "gg_demo_userinfo";

/** As long as Guestgate gives a person to finish signing in (oidc LIFETIMES.interaction). */
export const TRANSACTION_SECONDS = 30 * 60;
/** As long as the ID token it shows is valid (oidc LIFETIMES.idToken). */
export const SESSION_SECONDS = 60 * 60;

const LOOPBACK_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]"]);

/** Whether a URL is plain http on this machine: the only case where the demo talks to Guestgate without TLS. */
export function isLoopbackHttp(url: string): boolean {
  const parsed = new URL(url);
  return parsed.protocol === "http:" && LOOPBACK_HOSTS.has(parsed.hostname);
}

/**
 * The demo application's own origin: the loopback IP literal on Guestgate's port. Guestgate refuses
 * `localhost` redirect URIs (RFC 8252 §8.3), so the demo lives at 127.0.0.1 — a different origin
 * from Guestgate at localhost, as a real third-party application would be. Its cookies belong to
 * 127.0.0.1, so the demo must be browsed there for them to come back on the callback. Undefined
 * when Guestgate is not served from this machine: the registered redirect URI cannot reach it.
 */
export function demoOrigin(baseUrl: string): string | undefined {
  if (!isLoopbackHttp(baseUrl)) return undefined;
  // URL drops a default port (:80), so the origin compares equal to a Host header's.
  return new URL(`http://127.0.0.1:${new URL(baseUrl).port || "80"}`).origin;
}

/**
 * Built from the base URL, never from the request: Next reports requests to 127.0.0.1 as
 * `localhost` in `request.url`, and the token request must repeat the authorization request's
 * redirect_uri exactly (RFC 6749 §4.1.3).
 */
export function demoRedirectUri(origin: string): string {
  return `${origin}/demo/callback`;
}

/**
 * RP-Initiated Logout compares post_logout_redirect_uri exactly (no loopback port rule), so the
 * demo sends one only when it runs where the seed registered it (port 3000); elsewhere Guestgate
 * ends on its own "signed out" page.
 */
export function demoPostLogoutRedirectUri(origin: string): string | undefined {
  const candidate = `${origin}/demo/signed-out`;
  return candidate === REGISTERED_POST_LOGOUT_REDIRECT_URI ? candidate : undefined;
}

/** The tenant's issuer: `{GUESTGATE_BASE_URL}/{tenant}/v2.0`. */
export function tenantIssuer(baseUrl: string, tenant: string): string {
  return `${baseUrl}/${tenant}/v2.0`;
}

/**
 * The seed's public demo client id of a tenant: UUID version 5 (RFC 9562 §5.5) of
 * "guestgate-demo:{slug}:public" in the seed's namespace — e.g. woodgrove
 * 540a2eb4-526c-545d-b702-1caab8d4a622. Repeated here because the app does not import the seed.
 */
export function demoClientId(slug: string): string {
  const namespace = Buffer.from("3d0c6f4e8a2b4c1d9e7f5a6b0c1d2e3f", "hex");
  const hash = createHash("sha1").update(namespace).update(`guestgate-demo:${slug}:public`).digest();
  hash[6] = (hash[6]! & 0x0f) | 0x50;
  hash[8] = (hash[8]! & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** Whether a request's Host is the demo's origin (127.0.0.1), where its cookies live. */
export function isOnDemoOrigin(origin: string, host: string | null): boolean {
  return host !== null && new URL(origin).host === host.toLowerCase();
}

/** Why a sign-in did not end on the result page; each has its own explanation on /demo/error. */
export const DEMO_ERROR_REASONS = ["expired", "denied", "rejected", "unavailable"] as const;
export type DemoErrorReason = (typeof DEMO_ERROR_REASONS)[number];

/**
 * The error page's URL. Only a reason, a tenant slug and an error code travel in it — never a
 * free-text description, which anyone could put in a link to make our page say it.
 */
export function demoErrorUrl(origin: string, reason: DemoErrorReason, details: { tenant?: string; code?: string } = {}): URL {
  const target = new URL("/demo/error", origin);
  target.searchParams.set("reason", reason);
  if (details.tenant) target.searchParams.set("tenant", details.tenant);
  if (details.code && ERROR_CODE.test(details.code)) target.searchParams.set("code", details.code);
  return target;
}

/** An OAuth error code (RFC 6749 §4.1.2.1: %x20-21 / %x23-5B / %x5D-7E, here narrower) or an openid-client error code. */
export const ERROR_CODE = /^[A-Za-z0-9_.-]{1,64}$/;
