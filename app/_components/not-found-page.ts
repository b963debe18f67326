import { NONCE_HEADER, notFoundResponse, PATH_HEADER, type NotFoundDocument } from "../_lib/http";
import { isLocale, LOCALE_AUTONYMS, LOCALE_HEADER, type Locale } from "../_lib/i18n";
import { tenants } from "../_lib/server";
import { darkColours, readableTextOn, type Tenant } from "../_lib/tenant";
import { journeyTranslator } from "./journey/translator";

/**
 * The 404 for an address under /{slug}: in the tenant's colours and logo when the tenant exists
 * ("this page does not exist"), plain when it does not ("no organisation at this address"), in the
 * language the proxy chose for the request. Used by the tenant's catch-all route and the proxy.
 */
export async function tenantNotFound(
  slug: string,
  request: { locale: string | null; nonce: string | null; path?: string | null },
): Promise<Response> {
  const tenant = tenants().find(slug);
  const locale = isLocale(request.locale) ? request.locale : (tenant?.locales.default ?? "en");
  const t = await journeyTranslator(locale, undefined);
  const title = t("notFound.title");
  return notFoundResponse({
    lang: locale,
    title: tenant ? t("meta.errorTitle", { title, tenant: tenant.displayName }) : title,
    heading: title,
    body: t(tenant ? "notFound.pageBody" : "notFound.tenantBody"),
    homeHref: tenant ? `/${tenant.slug}` : "/",
    homeLabel: t("notFound.backHome"),
    nonce: request.nonce ?? "",
    ...(tenant ? tenantLook(tenant, locale, t, request.path ?? `/${tenant.slug}`) : {}),
  });
}

/** The tenant's colours, logo and language switcher (coming back to `returnTo`) for a server-built page. */
export function tenantLook(
  tenant: Tenant,
  locale: Locale,
  t: Awaited<ReturnType<typeof journeyTranslator>>,
  returnTo: string,
): Pick<NotFoundDocument, "brand" | "switcher"> {
  return {
    brand: {
      primary: tenant.branding.primaryColor,
      onPrimary: readableTextOn(tenant.branding.primaryColor),
      darkPrimary: darkColours(tenant.branding).primary,
      background: tenant.branding.backgroundColor,
      onBackground: readableTextOn(tenant.branding.backgroundColor),
      logo: tenant.branding.logo,
      logoAlt: tenant.branding.logoAlt ?? t("layout.logoAlt", { tenant: tenant.displayName }),
    },
    switcher:
      tenant.locales.enabled.length > 1
        ? {
            action: `/${tenant.slug}/locale`,
            returnTo,
            label: t("languageSwitcher.label"),
            languages: tenant.locales.enabled.map((code) => ({
              locale: code,
              autonym: LOCALE_AUTONYMS[code],
              current: code === locale,
              hint: t(code === locale ? "languageSwitcher.current" : "languageSwitcher.change", {
                language: LOCALE_AUTONYMS[code],
              }),
            })),
          }
        : undefined,
  };
}

/** The same, for a route handler: the language and nonce the proxy put on the request. */
export const tenantNotFoundFor = (request: Request, slug: string) =>
  tenantNotFound(slug, {
    locale: request.headers.get(LOCALE_HEADER),
    nonce: request.headers.get(NONCE_HEADER),
    path: request.headers.get(PATH_HEADER),
  });
