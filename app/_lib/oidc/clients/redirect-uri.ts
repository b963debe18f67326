/**
 * Redirect URIs: strict when registered, exact string match when used (RFC 9700 §4.1.3,
 * RFC 6749 §3.1.2), with one exception: for loopback IP redirect URIs the port may differ, because
 * native apps listen on whatever port the OS gives them (RFC 8252 §7.3).
 */
const MAX_LENGTH = 2048;
/** RFC 8252 §7.3 and §8.3: the IP literals, not `localhost` (which a resolver may send elsewhere). */
const LOOPBACK = /^http:\/\/(127\.0\.0\.1|\[::1\])(?::(\d{1,5}))?(\/[^?#]*)?(\?[^#]*)?$/;

/** Why a URI cannot be registered, or undefined when it can. */
export function redirectUriProblem(uri: string): string | undefined {
  if (uri.length === 0 || uri.length > MAX_LENGTH) return "must be 1–2048 characters";
  if (/[\u0000-\u0020\u007f-\u009f]/.test(uri)) return "must not contain spaces or control characters";
  if (uri.includes("#")) return "must not contain a fragment (RFC 6749 §3.1.2)";
  if (uri.includes("*")) return "must not contain a wildcard: redirect URIs are matched exactly";
  let url: URL;
  try {
    url = new URL(uri);
  } catch {
    return "must be an absolute URI";
  }
  if (url.username || url.password) return "must not contain user information";
  if (url.protocol === "https:") return url.hostname ? undefined : "must name a host";
  if (url.protocol === "http:") {
    if (!LOOPBACK.test(uri)) return "http is allowed only for the loopback IP literals 127.0.0.1 and [::1] (RFC 8252 §7.3)";
    const port = LOOPBACK.exec(uri)?.[2];
    if (port !== undefined && Number(port) > 65535) return "has an invalid port";
    return undefined;
  }
  return "must use https (or http on a loopback IP literal)";
}

/** Whether the requested redirect_uri matches one registered for the client. */
export function matchRedirectUri(registered: readonly string[], requested: string): boolean {
  return registered.some((candidate) => redirectUrisMatch(candidate, requested));
}

export function redirectUrisMatch(registered: string, requested: string): boolean {
  if (registered === requested) return true;
  const a = LOOPBACK.exec(registered);
  const b = LOOPBACK.exec(requested);
  if (!a || !b) return false;
  // Same host literal, same path and query; only the port may vary (RFC 8252 §7.3).
  return (
    a[1] === b[1] &&
    (a[3] ?? "") === (b[3] ?? "") &&
    (a[4] ?? "") === (b[4] ?? "") &&
    (b[2] === undefined || Number(b[2]) <= 65535)
  );
}
