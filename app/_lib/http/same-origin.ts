/**
 * CSRF defence for our own form posts: the browser says where the request came from
 * (Fetch Metadata, then Origin). A request with neither is not from a current browser's form.
 */
export function isSameOriginPost(headers: Headers, publicOrigin: string): boolean {
  const site = headers.get("sec-fetch-site");
  if (site) return site === "same-origin";
  const origin = headers.get("origin");
  return origin !== null && origin === publicOrigin;
}

/**
 * A path to send the person back to after a same-site action: only a local absolute path, never
 * `//host` or `/\host` (which browsers read as another origin) — no open redirect (RFC 9700 §4.11).
 */
export function safeLocalPath(candidate: unknown, mustStartWith: string): string | undefined {
  if (typeof candidate !== "string" || candidate.length > 2048) return undefined;
  if (!candidate.startsWith("/") || candidate.startsWith("//") || candidate.includes("\\")) return undefined;
  if (/[\u0000-\u001f\u007f]/.test(candidate)) return undefined;
  const url = new URL(candidate, "http://guestgate.invalid");
  if (url.origin !== "http://guestgate.invalid") return undefined;
  const path = url.pathname;
  if (path !== mustStartWith && !path.startsWith(`${mustStartWith}/`)) return undefined;
  return url.pathname + url.search;
}
