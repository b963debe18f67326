import { safeLocalPath } from "../http";
import { federationBasePath } from "./cookies";

/**
 * Where the browser goes after the upstream: a local path of this tenant, never another origin or
 * tenant (RFC 9700 §4.11, open redirectors), and never Auth.js's own routes (a loop).
 */
export function validReturnTo(slug: string, candidate: unknown): string | undefined {
  const path = safeLocalPath(candidate, `/${slug}`);
  if (!path) return undefined;
  const pathname = path.split("?")[0] ?? path;
  const roundTrip = federationBasePath(slug);
  if (pathname === roundTrip || pathname.startsWith(`${roundTrip}/`)) return undefined;
  return path;
}

/** The same rule for an absolute URL (Auth.js keeps the return address absolute): same origin as Guestgate. */
export function validReturnUrl(slug: string, baseUrl: string, candidate: unknown): string | undefined {
  if (typeof candidate !== "string") return undefined;
  let url: URL;
  try {
    url = new URL(candidate, baseUrl);
  } catch {
    return undefined;
  }
  if (url.origin !== new URL(baseUrl).origin) return undefined;
  const path = validReturnTo(slug, url.pathname + url.search);
  return path ? `${url.origin}${path}` : undefined;
}
