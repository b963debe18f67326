import type { CookieOptions, CookieStore } from "./types";

/** The carried result lives at most this long: the browser goes straight from the callback to the journey. */
export const RESULT_MAX_AGE_SECONDS = 5 * 60;
/** Auth.js's own limit for its state, PKCE and nonce cookies. */
const CHECK_MAX_AGE_SECONDS = 15 * 60;

export const federationBasePath = (slug: string): string => `/${slug}/federation`;

/**
 * Auth.js's cookies, per tenant: the tenant is in every name (each is also the key-derivation salt of
 * its encrypted value, so one tenant's cookie does not even decrypt as another's), and each is
 * path-scoped (RFC 6265 §5.1.4: `/woodgrove` does not match `/woodgrove-b`). The round-trip cookies
 * stay under `/{tenant}/federation`; only the result reaches `/{tenant}`, where the journey reads it.
 */
export function federationCookies(slug: string, secure: boolean) {
  const base = `${secure ? "__Secure-" : ""}guestgate.${slug}.federation`;
  const cookie = (suffix: string, path: string, extra: CookieOptions = {}) => ({
    name: `${base}.${suffix}`,
    options: { httpOnly: true, sameSite: "lax" as const, secure, path, ...extra },
  });
  const roundTrip = federationBasePath(slug);
  return {
    sessionToken: cookie("result", `/${slug}`),
    callbackUrl: cookie("return-to", roundTrip),
    csrfToken: cookie("csrf", roundTrip),
    pkceCodeVerifier: cookie("pkce", roundTrip, { maxAge: CHECK_MAX_AGE_SECONDS }),
    state: cookie("state", roundTrip, { maxAge: CHECK_MAX_AGE_SECONDS }),
    nonce: cookie("nonce", roundTrip, { maxAge: CHECK_MAX_AGE_SECONDS }),
    webauthnChallenge: cookie("challenge", roundTrip, { maxAge: CHECK_MAX_AGE_SECONDS }),
  };
}

export interface SetCookie {
  name: string;
  value: string;
  options: CookieOptions;
}

/** Reads one `Set-Cookie` header as Auth.js writes them (name=value; Path; Expires; Max-Age; HttpOnly; Secure; SameSite). */
export function parseSetCookie(header: string): SetCookie | undefined {
  const [pair, ...attributes] = header.split(";");
  const separator = pair?.indexOf("=") ?? -1;
  if (!pair || separator <= 0) return undefined;
  const options: CookieOptions = {};
  for (const attribute of attributes) {
    const [rawKey = "", ...rest] = attribute.split("=");
    const key = rawKey.trim().toLowerCase();
    const value = rest.join("=").trim();
    if (key === "path") options.path = value;
    else if (key === "httponly") options.httpOnly = true;
    else if (key === "secure") options.secure = true;
    else if (key === "samesite") options.sameSite = value.toLowerCase() as CookieOptions["sameSite"];
    else if (key === "max-age") options.maxAge = Number(value);
    else if (key === "expires") options.expires = new Date(value);
  }
  return { name: pair.slice(0, separator).trim(), value: safeDecode(pair.slice(separator + 1).trim()), options };
}

/** All `Set-Cookie` headers of a response, parsed. */
export const setCookiesOf = (response: Response): SetCookie[] =>
  response.headers.getSetCookie().flatMap((header) => parseSetCookie(header) ?? []);

/** One `Set-Cookie` header value (RFC 6265 §4.1). */
export function serializeSetCookie({ name, value, options }: SetCookie): string {
  const parts = [`${name}=${encodeURIComponent(value)}`];
  if (options.path) parts.push(`Path=${options.path}`);
  if (options.expires) parts.push(`Expires=${options.expires.toUTCString()}`);
  if (options.maxAge !== undefined) parts.push(`Max-Age=${Math.floor(options.maxAge)}`);
  if (options.httpOnly) parts.push("HttpOnly");
  if (options.secure) parts.push("Secure");
  if (options.sameSite) parts.push(`SameSite=${options.sameSite[0]?.toUpperCase()}${options.sameSite.slice(1)}`);
  return parts.join("; ");
}

/** The cookies of a request, as a read-only store. */
export function requestCookies(request: Request): CookieStore {
  const pairs = new Map<string, string>();
  for (const part of (request.headers.get("cookie") ?? "").split(";")) {
    const separator = part.indexOf("=");
    if (separator <= 0) continue;
    const name = part.slice(0, separator).trim();
    if (!pairs.has(name)) pairs.set(name, safeDecode(part.slice(separator + 1).trim()));
  }
  return {
    get: (name) => (pairs.has(name) ? { value: pairs.get(name) ?? "" } : undefined),
    set: () => {
      throw new Error("request cookies are read-only");
    },
  };
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

/** Reads a cookie Auth.js may have split into `name.0`, `name.1`, … when it outgrew 4 KB. */
export function readChunked(store: CookieStore, name: string): { value?: string; names: string[] } {
  const whole = store.get(name)?.value;
  if (whole) return { value: whole, names: [name] };
  const names: string[] = [];
  const parts: string[] = [];
  for (let index = 0; index < 10; index++) {
    const part = store.get(`${name}.${index}`)?.value;
    if (!part) break;
    names.push(`${name}.${index}`);
    parts.push(part);
  }
  return { value: parts.length ? parts.join("") : undefined, names };
}
