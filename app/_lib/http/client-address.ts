/**
 * Who is asking, for rate limits only (never for access decisions). Next gives route handlers no
 * socket address; `next start` and the reverse proxies we document set X-Forwarded-For, whose
 * first entry is the client as the outermost proxy saw it. A client can prepend a fake entry when
 * no proxy strips it: per-address limits hold regardless, per-client limits are then best effort.
 */
export function clientAddress(headers: Headers): string {
  const forwarded = headers.get("x-forwarded-for")?.split(",")[0]?.trim();
  return forwarded && forwarded.length <= 64 ? forwarded : "unknown";
}
