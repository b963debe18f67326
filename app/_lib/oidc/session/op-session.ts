import type { ProviderContext } from "../context";
import { randomToken, sha256 } from "../crypto";
import { LIFETIMES } from "../constants";
import type { OpSessionRecord } from "../ports";
import { cookieName, readCookie, type Cookie } from "../web/cookies";

/**
 * The OP session: one cookie per tenant holding a random token (only its hash is stored), HttpOnly
 * and SameSite=Lax so that the top-level GET navigation of an authorization request carries it.
 */
export function sessionCookieName(p: ProviderContext, tenant: string): string {
  return cookieName(`gg_op_${tenant}`, p.secure);
}

/** The live session this browser holds at the tenant, if any. */
export async function readSession(p: ProviderContext, request: Request, tenant: string): Promise<OpSessionRecord | undefined> {
  const token = readCookie(request, sessionCookieName(p, tenant));
  if (!token) return undefined;
  const session = await p.repositories.sessions.find(sha256(token));
  return session && isLive(session, tenant, p.clock.now()) ? session : undefined;
}

/**
 * The live session with whether its guest may still sign in (exists in this tenant, active), in
 * one read: an administrator's block or deletion takes effect at the next authorization request.
 */
export async function readSessionAndGuest(
  p: ProviderContext,
  request: Request,
  tenant: string,
): Promise<{ session: OpSessionRecord; guestActive: boolean } | undefined> {
  const token = readCookie(request, sessionCookieName(p, tenant));
  if (!token) return undefined;
  const found = await p.repositories.sessions.findWithGuestState(sha256(token));
  if (!found || !isLive(found.session, tenant, p.clock.now())) return undefined;
  return { session: found.session, guestActive: found.guestState === "active" };
}

export function isLive(session: OpSessionRecord, tenant: string, now: Date): boolean {
  return session.tenantId === tenant && session.endedAt === null && session.expiresAt.getTime() > now.getTime();
}

export interface SignIn {
  guestId: string;
  amr: readonly string[];
  acr?: string | null;
  remember: boolean;
}

/**
 * A sign-in: extends the browser's current session when it belongs to the same guest (same sid,
 * new auth_time), otherwise starts a new one.
 */
export async function signIn(
  p: ProviderContext,
  tenant: string,
  login: SignIn,
  currentToken: string | undefined,
): Promise<{ session: OpSessionRecord; cookie: Cookie }> {
  const now = p.clock.now();
  const lifetime = login.remember ? LIFETIMES.rememberedSession : LIFETIMES.session;
  const change = {
    authTime: now,
    amr: [...login.amr],
    acr: login.acr ?? null,
    remember: login.remember,
    expiresAt: new Date(now.getTime() + lifetime * 1000),
  };
  const cookie = (value: string): Cookie => ({
    name: sessionCookieName(p, tenant),
    value,
    httpOnly: true,
    secure: p.secure,
    sameSite: "lax",
    path: "/",
    ...(login.remember ? { maxAge: lifetime } : {}),
  });

  if (currentToken && /^[A-Za-z0-9_-]{43}$/.test(currentToken)) {
    const current = await p.repositories.sessions.find(sha256(currentToken));
    if (current && isLive(current, tenant, now) && current.guestId === login.guestId) {
      await p.repositories.sessions.reauthenticate(current.id, change);
      return { session: { ...current, ...change }, cookie: cookie(currentToken) };
    }
  }
  const token = randomToken();
  const session: Omit<OpSessionRecord, "endedAt"> = {
    id: sha256(token),
    tenantId: tenant,
    guestId: login.guestId,
    sid: randomToken(16),
    ...change,
  };
  await p.repositories.sessions.create(session);
  return { session: { ...session, endedAt: null }, cookie: cookie(token) };
}

export function clearSessionCookie(p: ProviderContext, tenant: string): Cookie {
  return {
    name: sessionCookieName(p, tenant),
    value: "",
    httpOnly: true,
    secure: p.secure,
    sameSite: "lax",
    path: "/",
    maxAge: 0,
  };
}

/** Binds interactions to the browser that started them: a random value per browser, its hash on each interaction. */
export function bindingCookieName(p: ProviderContext): string {
  return cookieName("gg_ia", p.secure);
}
