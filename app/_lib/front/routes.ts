/**
 * The provider's JSON endpoints as the route files under app/[tenant]/ declare them: the path after
 * the tenant, the endpoint of `oidc().endpoints` that file calls, and the methods it exports. The
 * front answers exactly these (path, method) pairs; anything else — another method (Next's 405), a
 * HEAD, a trailing slash, an encoded tenant — goes to Next as before. routes.test.ts checks this
 * table against the route files.
 */
export type JsonEndpointName = "token" | "jwks" | "discovery" | "userinfo" | "introspect" | "revoke";

interface Route<Name extends string> {
  endpoint: Name;
  methods: readonly string[];
}
type JsonRoute = Route<JsonEndpointName>;

export const JSON_ROUTES: Readonly<Record<string, JsonRoute>> = {
  "oauth2/v2.0/token": { endpoint: "token", methods: ["POST", "OPTIONS"] },
  "discovery/v2.0/keys": { endpoint: "jwks", methods: ["GET", "OPTIONS"] },
  "v2.0/.well-known/openid-configuration": { endpoint: "discovery", methods: ["GET", "OPTIONS"] },
  ".well-known/openid-configuration": { endpoint: "discovery", methods: ["GET", "OPTIONS"] },
  "oauth2/v2.0/userinfo": { endpoint: "userinfo", methods: ["GET", "POST", "OPTIONS"] },
  "oauth2/v2.0/introspect": { endpoint: "introspect", methods: ["POST"] },
  "oauth2/v2.0/revoke": { endpoint: "revoke", methods: ["POST"] },
};

/**
 * The authorization endpoint: a browser's navigation, answered with a redirect (a code, the
 * interaction page, an error), never a page, so the front can answer it too — with the headers the
 * proxy gives a navigation (http/navigation-headers.ts). Checked against its route file as above.
 */
export type NavigationEndpointName = "authorize";

export const NAVIGATION_ROUTES: Readonly<Record<string, Route<NavigationEndpointName>>> = {
  "oauth2/v2.0/authorize": { endpoint: "authorize", methods: ["GET", "POST"] },
};

/**
 * A tenant segment Next would hand the route as it is: unreserved characters only (RFC 3986 §2.3),
 * so no percent-decoding can make the front's tenant differ from Next's `params.tenant`.
 */
const PLAIN_SEGMENT = /^[A-Za-z0-9._~-]+$/;

/** The endpoint for a request target (path and query, as on the request line), or undefined for Next. */
export function matchJsonEndpoint(target: string, method: string): { tenant: string; endpoint: JsonEndpointName } | undefined {
  return matchIn(JSON_ROUTES, target, method);
}

/** The navigation endpoint for a request target, or undefined (then Next, or a JSON endpoint). */
export function matchNavigationEndpoint(
  target: string,
  method: string,
): { tenant: string; endpoint: NavigationEndpointName } | undefined {
  return matchIn(NAVIGATION_ROUTES, target, method);
}

function matchIn<Name extends string>(
  routes: Readonly<Record<string, Route<Name>>>,
  target: string,
  method: string,
): { tenant: string; endpoint: Name } | undefined {
  const question = target.indexOf("?");
  const pathname = question === -1 ? target : target.slice(0, question);
  if (pathname.charCodeAt(0) !== 47 /* "/" */) return undefined;
  const slash = pathname.indexOf("/", 1);
  if (slash === -1) return undefined;
  const route = routes[pathname.slice(slash + 1)];
  if (!route || !route.methods.includes(method)) return undefined;
  const tenant = pathname.slice(1, slash);
  return PLAIN_SEGMENT.test(tenant) ? { tenant, endpoint: route.endpoint } : undefined;
}
