import { safeLocalPath } from "../../../_lib/http";
import { settings } from "../../../_lib/server";

/** The OpenID request of a sign-in (state, nonce, PKCE verifier) waits this long on the server. */
export const SIGN_IN_SECONDS = 10 * 60;

/**
 * The cookie that ties a sign-in's callback to the browser that started it: a random token whose
 * hash finds the stored request (state, nonce, PKCE verifier). Scoped to the portal's path.
 */
export function signInCookieName(tenantSlug: string): string {
  const base = `gg_admin_signin_${tenantSlug}`;
  return settings().GUESTGATE_BASE_URL.startsWith("https:") ? `__Secure-${base}` : base;
}

export function signInCookie(tenantSlug: string, token: string, maxAgeSeconds: number): string {
  const secure = settings().GUESTGATE_BASE_URL.startsWith("https:") ? "; Secure" : "";
  return `${signInCookieName(tenantSlug)}=${token}; Path=/${tenantSlug}/admin; HttpOnly; SameSite=Lax; Max-Age=${maxAgeSeconds}${secure}`;
}

/** RFC 8176 methods a passkey proof is recorded as: hardware- or software-secured key. */
export function hasPasskeyProof(amr: readonly string[]): boolean {
  return amr.includes("hwk") || amr.includes("swk");
}

/** A path of this tenant's portal to return to, else the portal's start (no open redirect, RFC 9700 §4.11). */
export function portalReturnPath(tenantSlug: string, candidate: unknown): string {
  const portal = `/${tenantSlug}/admin`;
  const path = safeLocalPath(candidate, portal) ?? portal;
  // Never back into the sign-in itself (a loop after signing in).
  return path.startsWith(`${portal}/sign-in`) || path.startsWith(`${portal}/callback`) ? portal : path;
}

/** The passkey step a required-passkey tenant asks for after a passcode sign-in. */
export function passkeyStepPath(tenantSlug: string, returnTo: string): string {
  return `/${tenantSlug}/admin/sign-in/passkey?${new URLSearchParams({ returnTo }).toString()}`;
}

export function readRequestCookie(request: Request, name: string): string | undefined {
  for (const part of (request.headers.get("cookie") ?? "").split(";")) {
    const [key, ...value] = part.trim().split("=");
    if (key === name) return value.join("=");
  }
  return undefined;
}

export function seeOther(location: string, cookies: string[] = []): Response {
  const headers = new Headers({
    Location: new URL(location, settings().GUESTGATE_BASE_URL).toString(),
    "Cache-Control": "no-store",
  });
  for (const cookie of cookies) headers.append("Set-Cookie", cookie);
  return new Response(null, { status: 303, headers });
}
