import { LOCALE_COOKIE, requestLocale, type Locale } from "../i18n";
import type { Tenant } from "../tenant";
import { contentSecurityPolicy, createNonce, securityHeaders } from "./security-headers";

export interface NavigationRequest {
  searchParams: URLSearchParams;
  /** The request's `Cookie` header, as sent. */
  cookieHeader: string | null;
  acceptLanguage: string | null;
}

export interface NavigationHeaders {
  nonce: string;
  csp: string;
  locale: Locale;
  /** What every answer to a browser's navigation carries: CSP, Content-Language, the security headers. */
  headers: Record<string, string>;
}

/** What navigationHeaders reads of a WHATWG Request (the front's; the proxy reads its NextRequest). */
export function navigationRequestOf(request: Request): NavigationRequest {
  return {
    searchParams: new URL(request.url).searchParams,
    cookieHeader: request.headers.get("cookie"),
    acceptLanguage: request.headers.get("accept-language"),
  };
}

/**
 * The headers of an answer to a browser's navigation, for the proxy (pages, the authorization
 * endpoint through Next) and for `npm start`'s front (the authorization endpoint before Next), so
 * both answer with the same ones. The nonce is fresh per call.
 */
export function navigationHeaders(
  request: NavigationRequest,
  tenant: Tenant | undefined,
  options: { https: boolean; development: boolean; everyLocale?: boolean },
): NavigationHeaders {
  const nonce = createNonce();
  const csp = contentSecurityPolicy({ nonce, development: options.development, https: options.https });
  const locale = requestLocale(
    {
      searchParams: request.searchParams,
      cookie: cookieValue(request.cookieHeader, LOCALE_COOKIE),
      acceptLanguage: request.acceptLanguage,
    },
    tenant,
    { everyLocale: options.everyLocale },
  );
  return {
    nonce,
    csp,
    locale,
    headers: { "Content-Security-Policy": csp, "Content-Language": locale, ...securityHeaders({ https: options.https }) },
  };
}

/**
 * One cookie's value from a `Cookie` header as Next's `request.cookies.get()` reads it (the last
 * of duplicates wins, percent-decoded), so the proxy and the front pick the same language.
 */
export function cookieValue(header: string | null, name: string): string | undefined {
  if (!header) return undefined;
  let value: string | undefined;
  for (const part of header.split(/; */)) {
    const equals = part.indexOf("=");
    const key = equals === -1 ? part : part.slice(0, equals);
    if (key !== name) continue;
    const raw = equals === -1 ? "true" : part.slice(equals + 1);
    try {
      value = decodeURIComponent(raw);
    } catch {
      // Next skips a pair it cannot decode.
    }
  }
  return value;
}
