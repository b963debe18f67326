import { randomBytes } from "node:crypto";
import { cookies, headers } from "next/headers";
import { notFound } from "next/navigation";
import { demoEnabled } from "../../_lib/env";
import { settings } from "../../_lib/server";
import { DEMO_COOKIE_PATH, demoOrigin, demoPostLogoutRedirectUri, demoRedirectUri } from "./config";
import { createDemoRelyingParty, type DemoRelyingParty } from "./relying-party";
import { deriveSealingKey, unseal, type SealPurpose } from "./seal";

/**
 * The demo application wired to this deployment's settings. The demo is a product demo: served
 * outside production, or with GUESTGATE_DEMO=true (the quick start); otherwise every demo URL is a 404.
 */
export interface Demo {
  /** GUESTGATE_BASE_URL: where Guestgate itself is. */
  baseUrl: string;
  /** The demo's own origin (http://127.0.0.1:PORT); undefined when Guestgate is not on this machine. */
  origin: string | undefined;
  key: Uint8Array;
  relyingParty: DemoRelyingParty | undefined;
}

const holder = globalThis as typeof globalThis & { __guestgateDemo?: Demo };

/** The demo, or undefined when it is switched off. */
export function demo(): Demo | undefined {
  const current = settings();
  if (!demoEnabled(current)) return undefined;
  if (holder.__guestgateDemo) return holder.__guestgateDemo;
  const origin = demoOrigin(current.GUESTGATE_BASE_URL);
  return (holder.__guestgateDemo = {
    baseUrl: current.GUESTGATE_BASE_URL,
    origin,
    // Without AUTH_SECRET (development only) the demo's cookies die with the process: harmless.
    key: deriveSealingKey(current.AUTH_SECRET ?? randomBytes(32)),
    relyingParty: origin
      ? createDemoRelyingParty({
          baseUrl: current.GUESTGATE_BASE_URL,
          redirectUri: demoRedirectUri(origin),
          postLogoutRedirectUri: demoPostLogoutRedirectUri(origin),
        })
      : undefined,
  });
}

/** For pages: the demo, or the 404 page. */
export function demoOrNotFound(): Demo {
  return demo() ?? notFound();
}

export async function pageHost(): Promise<string | null> {
  return (await headers()).get("host");
}

/** A sealed cookie of the demo's, read in a page (route handlers pass their request). */
export async function readSealed<T>(
  current: Demo,
  purpose: SealPurpose,
  name: string,
  request?: Request,
): Promise<T | undefined> {
  const value = request ? cookieValue(request.headers.get("cookie"), name) : (await cookies()).get(name)?.value;
  return unseal<T>(purpose, value, current.key);
}

/** One cookie from a Cookie header (RFC 6265 §5.4); sealed values need no decoding. */
function cookieValue(header: string | null, name: string): string | undefined {
  for (const pair of header?.split(";") ?? []) {
    const eq = pair.indexOf("=");
    if (eq > 0 && pair.slice(0, eq).trim() === name) return pair.slice(eq + 1).trim();
  }
  return undefined;
}

/**
 * A Set-Cookie value for the demo's origin: HttpOnly, only under /demo, SameSite=Lax (so it comes
 * back on the top-level redirect from Guestgate, another site). Not Secure: the demo is plain http
 * on the loopback address.
 */
export function demoCookie(name: string, value: string, maxAgeSeconds: number): string {
  return `${name}=${value}; Path=${DEMO_COOKIE_PATH}; Max-Age=${maxAgeSeconds}; HttpOnly; SameSite=Lax`;
}

export function clearDemoCookie(name: string): string {
  return demoCookie(name, "", 0);
}

/** A 303 to an absolute URL, never cached, with cookies to set. */
export function seeOther(location: string | URL, setCookies: readonly string[] = []): Response {
  const response = new Response(null, { status: 303, headers: { Location: location.toString(), "Cache-Control": "no-store" } });
  for (const cookie of setCookies) response.headers.append("Set-Cookie", cookie);
  return response;
}

export const notFoundResponse = () => new Response(null, { status: 404, headers: { "Cache-Control": "no-store" } });
