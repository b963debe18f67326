import { NextResponse, type NextRequest } from "next/server";
import { tenantNotFound } from "./app/_components/not-found-page";
import { navigationHeaders, securityHeaders, NONCE_HEADER, PATH_HEADER } from "./app/_lib/http";
import { LOCALE_HEADER } from "./app/_lib/i18n";
import { newRequestId, requestContext, REQUEST_ID_HEADER } from "./app/_lib/log";
import { settings, tenants } from "./app/_lib/server";

/**
 * Every request: a fresh CSP nonce, the page language, the request id, and the security headers.
 * This is not an authorization boundary (Next 16 proxies are skippable by design): each route
 * checks access itself.
 */
export async function proxy(request: NextRequest): Promise<NextResponse> {
  // `/%FF` or `/woodgrove/journey/%ZZ`: Next would throw decoding the path and answer 500. A path
  // that is not percent-encoded UTF-8 (RFC 3986 §2.1, §2.5) names nothing here: 400, before Next.
  if (!isDecodablePath(new URL(request.url).pathname)) return badPath();
  const https = settings().GUESTGATE_BASE_URL.startsWith("https:");
  const [, first = "", area] = request.nextUrl.pathname.split("/");
  const tenant = tenants().find(first);
  // The same headers npm start's front gives the authorization endpoint's answers (app/_lib/front).
  const { nonce, csp, locale, headers } = navigationHeaders(
    {
      searchParams: request.nextUrl.searchParams,
      cookieHeader: request.headers.get("cookie"),
      acceptLanguage: request.headers.get("accept-language"),
    },
    tenant,
    { https, development: process.env.NODE_ENV === "development", everyLocale: area === "admin" },
  );

  const forwarded = new Headers(request.headers);
  forwarded.set(NONCE_HEADER, nonce);
  // Next reads the nonce for its own scripts from the request's CSP header.
  forwarded.set("content-security-policy", csp);
  forwarded.set(LOCALE_HEADER, locale);
  forwarded.set(PATH_HEADER, request.nextUrl.pathname + request.nextUrl.search);
  // The id the log lines of this request carry (app/_lib/log/request-ids.ts), for pages that show
  // or pass it on; whatever a client sent under this name is replaced.
  const requestId = requestContext()?.requestId ?? newRequestId();
  forwarded.set(REQUEST_ID_HEADER, requestId);

  // An address under no tenant: the 404 is answered here, whole, rather than by a notFound() that
  // Next would send as an empty shell until its JavaScript runs (WCAG 2.4.2, 3.1.1).
  const response =
    !tenant && !APP_ROUTES.has(first)
      ? new NextResponse((await tenantNotFound(first, { locale, nonce })).body, {
          status: 404,
          headers: { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store" },
        })
      : NextResponse.next({ request: { headers: forwarded } });
  for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
  response.headers.set(REQUEST_ID_HEADER, requestId);
  return response;
}

/** First path segments that are Guestgate's own pages and files, not tenants (app/*, public/*). */
const APP_ROUTES = new Set(["", "api", "demo", "dev", "_next", "favicon.ico"]);

function isDecodablePath(path: string): boolean {
  try {
    decodeURIComponent(path);
    return true;
  } catch {
    return false;
  }
}

function badPath(): NextResponse {
  const response = new NextResponse("Bad Request: the path is not valid percent-encoded UTF-8.\n", {
    status: 400,
    headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" },
  });
  for (const [name, value] of Object.entries(securityHeaders({ https: settings().GUESTGATE_BASE_URL.startsWith("https:") }))) {
    response.headers.set(name, value);
  }
  response.headers.set("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'");
  return response;
}

export const config = {
  // Static files carry no HTML. The OpenID provider's JSON endpoints (token, userinfo, revoke,
  // introspect, JWKS, discovery) and the Graph API set their own headers and are hot: measured in docs/PERFORMANCE.md,
  // the proxy cost more than the token endpoint's own work. Pages and redirects all pass through it.
  matcher: [
    "/((?!_next/static|_next/image|favicon.ico|tenants/|[^/]+/oauth2/v2\\.0/(?:token|userinfo|revoke|introspect)|[^/]+/discovery/v2\\.0/keys|[^/]+/graph/|[^/]+/(?:v2\\.0/)?\\.well-known/).*)",
  ],
};
