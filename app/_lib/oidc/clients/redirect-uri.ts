/**
 * Redirect URIs: strict when registered, exact string match when used (RFC 9700 §4.1.3,
 * RFC 6749 §3.1.2), with one exception: for loopback IP redirect URIs the port may differ, because
 * native apps listen on whatever port the OS gives them (RFC 8252 §7.3).
 */
const MAX_LENGTH = 2048;
/** RFC 8252 §7.3 and §8.3: the IP literals, not `localhost` (which a resolver may send elsewhere). */
const LOOPBACK = /^http:\/\/(127\.0\.0\.1|\[::1\])(?::(\d{1,5}))?(\/[^?#]*)?(\?[^#]*)?$/;

/** Why a URI cannot be registered, as a code a page can word in its own language. */
export type RedirectUriProblem =
  | "length"
  | "whitespace"
  | "fragment"
  | "wildcard"
  | "notAbsolute"
  | "userInfo"
  | "noHost"
  | "httpNotLoopback"
  | "port"
  | "scheme";

const PROBLEM_TEXT: Record<RedirectUriProblem, string> = {
  length: "must be 1–2048 characters",
  whitespace: "must not contain spaces or control characters",
  fragment: "must not contain a fragment (RFC 6749 §3.1.2)",
  wildcard: "must not contain a wildcard: redirect URIs are matched exactly",
  notAbsolute: "must be an absolute URI",
  userInfo: "must not contain user information",
  noHost: "must name a host",
  httpNotLoopback: "http is allowed only for the loopback IP literals 127.0.0.1 and [::1] (RFC 8252 §7.3)",
  port: "has an invalid port",
  scheme: "must use https (or http on a loopback IP literal)",
};

/** The rule a URI breaks, or undefined when it can be registered (the one copy of the rules). */
export function redirectUriProblemCode(uri: string): RedirectUriProblem | undefined {
  if (uri.length === 0 || uri.length > MAX_LENGTH) return "length";
  if (/[\u0000-\u0020\u007f-\u009f]/.test(uri)) return "whitespace";
  if (uri.includes("#")) return "fragment";
  if (uri.includes("*")) return "wildcard";
  let url: URL;
  try {
    url = new URL(uri);
  } catch {
    return "notAbsolute";
  }
  if (url.username || url.password) return "userInfo";
  if (url.protocol === "https:") return url.hostname ? undefined : "noHost";
  if (url.protocol === "http:") {
    if (!LOOPBACK.test(uri)) return "httpNotLoopback";
    const port = LOOPBACK.exec(uri)?.[2];
    if (port !== undefined && Number(port) > 65535) return "port";
    return undefined;
  }
  return "scheme";
}

/** Why a URI cannot be registered, or undefined when it can. */
export function redirectUriProblem(uri: string): string | undefined {
  const code = redirectUriProblemCode(uri);
  return code && PROBLEM_TEXT[code];
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
