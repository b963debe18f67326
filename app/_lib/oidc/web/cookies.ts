/** A cookie to set, as data: route handlers and server actions each have their own way to set one. */
export interface Cookie {
  name: string;
  value: string;
  httpOnly: true;
  secure: boolean;
  sameSite: "lax";
  path: "/";
  /** Seconds; absent for a cookie that ends with the browser session, 0 to delete. */
  maxAge?: number;
}

/** `__Host-` pins a cookie to our origin, https and path / (RFC 6265bis §4.1.3.2); plain http cannot use it. */
export function cookieName(base: string, secure: boolean): string {
  return secure ? `__Host-${base}` : base;
}

export function serializeCookie(cookie: Cookie): string {
  const parts = [`${cookie.name}=${cookie.value}`, `Path=${cookie.path}`, "HttpOnly", "SameSite=Lax"];
  if (cookie.secure) parts.push("Secure");
  if (cookie.maxAge !== undefined) parts.push(`Max-Age=${cookie.maxAge}`);
  return parts.join("; ");
}

/** The value of one cookie from a Cookie header; undefined when absent or sent twice (ambiguous). */
export function readCookie(request: Request, name: string): string | undefined {
  const header = request.headers.get("cookie");
  if (!header) return undefined;
  const found = header
    .split(";")
    .map((part) => part.trim())
    .filter((part) => part.startsWith(`${name}=`))
    .map((part) => part.slice(name.length + 1));
  if (found.length !== 1) return undefined;
  const value = found[0]!;
  return /^[A-Za-z0-9_-]{1,128}$/.test(value) ? value : undefined;
}
