import { errorBody, OAuthError } from "../errors";

/** RFC 6749 §5.1: token responses (and anything carrying a token or a secret) must not be cached. */
export const NO_STORE = { "Cache-Control": "no-store", Pragma: "no-cache" } as const;

/**
 * CORS for what a browser-based app calls directly: metadata, JWKS, token and userinfo (OAuth 2.0
 * for Browser-Based Applications, draft-ietf-oauth-browser-based-apps: the authorization server
 * must support CORS there). Never the authorize or logout endpoints, which are navigations. No
 * credentials are involved, so `*` is safe.
 */
export const CORS = {
  "Access-Control-Allow-Origin": "*",
  "Access-Control-Expose-Headers": "WWW-Authenticate",
} as const;

export function preflight(methods: string): Response {
  return new Response(null, {
    status: 204,
    headers: {
      ...CORS,
      "Access-Control-Allow-Methods": methods,
      "Access-Control-Allow-Headers": "Authorization, Content-Type",
      "Access-Control-Max-Age": "600",
    },
  });
}

/**
 * JSON endpoints skip the page proxy (proxy.ts: a CSP means nothing to a JSON body, and the proxy
 * costs more than the token endpoint's own work), so they carry their own baseline headers: on
 * every answer, success or error, with a body or without (a bare 401 challenge, a 204 preflight).
 * `withJsonEndpointHeaders` is the one place they are set (provider.ts wraps each JSON endpoint).
 */
export const JSON_ENDPOINT_HEADERS = {
  "X-Content-Type-Options": "nosniff",
  "Referrer-Policy": "no-referrer",
} as const;

export function withJsonEndpointHeaders<A extends unknown[]>(
  endpoint: (...args: A) => Promise<Response>,
): (...args: A) => Promise<Response> {
  return async (...args) => {
    const response = await endpoint(...args);
    for (const [name, value] of Object.entries(JSON_ENDPOINT_HEADERS)) response.headers.set(name, value);
    return response;
  };
}

export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return jsonText(JSON.stringify(body), status, headers);
}

/** `json` for a body serialized ahead of time (discovery and JWKS documents). */
export function jsonText(body: string, status = 200, headers: Record<string, string> = {}): Response {
  return toResponse(jsonAnswer(body, status, headers));
}

/**
 * An answer as plain data, what a Response would carry: `npm start`'s front writes the metadata
 * GETs' answers to node:http as they are (no WHATWG Request or Response on a path that costs
 * tens of microseconds), and the endpoints wrap the very same answer in a Response.
 */
export interface PlainAnswer {
  status: number;
  headers: Readonly<Record<string, string>>;
  body: string;
}

export function jsonAnswer(body: string, status = 200, headers: Record<string, string> = {}): PlainAnswer {
  return { status, headers: { "Content-Type": "application/json; charset=utf-8", ...JSON_ENDPOINT_HEADERS, ...headers }, body };
}

export function toResponse(answer: PlainAnswer): Response {
  return new Response(answer.body, { status: answer.status, headers: answer.headers });
}

/** RFC 6749 §5.2 error body; invalid_client over 401 names the scheme the client should use. */
export function oauthErrorResponse(error: OAuthError, realm: string, headers: Record<string, string> = {}): Response {
  const extra: Record<string, string> = { ...NO_STORE, ...headers };
  if (error.status === 401 && error.code === "invalid_client") extra["WWW-Authenticate"] = `Basic realm="${realm}"`;
  return json(error.toJSON(), error.status, extra);
}

export function redirect(location: string, status: 302 | 303 = 302, headers: Headers = new Headers()): Response {
  headers.set("Location", location);
  headers.set("Cache-Control", "no-store");
  return new Response(null, { status, headers });
}

export const notFound = (): Response => json(errorBody("not_found", "no such tenant"), 404);

export const methodNotAllowed = (allow: string): Response =>
  json(errorBody("invalid_request", "method not allowed"), 405, { Allow: allow });

/** Appends response parameters to a redirect URI, keeping the URI's own string exactly (RFC 6749 §3.1.2). */
export function withQuery(uri: string, params: Record<string, string | undefined>): string {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) if (value !== undefined) search.append(name, value);
  const query = search.toString();
  if (!query) return uri;
  return uri + (uri.includes("?") ? (uri.endsWith("?") || uri.endsWith("&") ? "" : "&") : "?") + query;
}
