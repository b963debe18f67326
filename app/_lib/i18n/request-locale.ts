import type { Tenant } from "../tenant";
import { SUPPORTED_LOCALES, SOURCE_LOCALE, type Locale } from "./locales";
import { negotiateLocale } from "./negotiate";

/** Where the proxy hands the chosen language to the page (the next-intl request config reads it). */
export const LOCALE_HEADER = "x-guestgate-locale";
/** The language a person picked with the switcher. */
export const LOCALE_COOKIE = "gg_locale";

interface LocaleRequest {
  searchParams: URLSearchParams;
  cookie: string | undefined;
  acceptLanguage: string | null;
}

/**
 * A tenant's page speaks the tenant's languages; anything else (the start page, an unknown tenant's
 * 404) any of ours. The admin portal (`everyLocale`) speaks all of ours at every tenant: its
 * administrators' languages are not the guests'.
 */
export function requestLocale(
  request: LocaleRequest,
  tenant: Tenant | undefined,
  options: { everyLocale?: boolean } = {},
): Locale {
  const enabled = options.everyLocale || !tenant ? SUPPORTED_LOCALES : tenant.locales.enabled;
  const fallback = tenant?.locales.default ?? SOURCE_LOCALE;
  return negotiateLocale(
    { uiLocales: request.searchParams.get("ui_locales"), cookie: request.cookie, acceptLanguage: request.acceptLanguage },
    enabled,
    fallback,
  );
}
