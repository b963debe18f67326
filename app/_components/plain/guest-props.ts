import type { GetServerSidePropsContext, GetServerSidePropsResult } from "next";
import { journeyTranslator, type Translate } from "../journey/translator";
import { NONCE_HEADER, PATH_HEADER } from "../../_lib/http";
import { isLocale, loadMessages, LOCALE_HEADER, type Locale } from "../../_lib/i18n";
import { tenants } from "../../_lib/server";
import type { Tenant } from "../../_lib/tenant";

// Server-only: imported by pages for getServerSideProps alone, which Next keeps out of the browser build.
/**
 * What a script-free guest page (Pages Router, `unstable_runtimeJS: false`) renders from: the
 * tenant, the language and nonce the proxy chose, and only the message namespaces the page uses.
 * Nothing of it reaches the browser as data: with the runtime off, Next sends the HTML alone.
 */
export interface PlainGuestProps {
  tenant: Tenant;
  locale: Locale;
  nonce: string | null;
  path: string;
  messages: Record<string, unknown>;
  /** The document's title (WCAG 2.4.2), in the page's language. */
  title: string;
}

/** The shell's own namespaces; a page adds its own. */
export const SHELL_NAMESPACES = ["layout", "languageSwitcher", "footer", "meta"];

export const header = (context: GetServerSidePropsContext, name: string) => {
  const value = context.req.headers[name];
  return (Array.isArray(value) ? value[0] : value) ?? null;
};

export async function plainGuestProps(
  context: GetServerSidePropsContext,
  namespaces: readonly string[],
  titleOf: (t: Translate, tenant: Tenant) => string,
): Promise<GetServerSidePropsResult<PlainGuestProps>> {
  const tenant = tenantOf(context);
  if (!tenant) return { notFound: true };
  const locale = localeOf(context, tenant);
  const all = (await loadMessages(locale)) as unknown as Record<string, unknown>;
  const messages = Object.fromEntries([...SHELL_NAMESPACES, ...namespaces].map((name) => [name, all[name]]));
  return { props: shellProps(context, tenant, locale, messages, titleOf(await journeyTranslator(locale, undefined), tenant)) };
}

/** The tenant the path names (the page's `[tenant]` segment). */
export function tenantOf(context: GetServerSidePropsContext): Tenant | undefined {
  const slug = typeof context.params?.tenant === "string" ? context.params.tenant : "";
  return tenants().find(slug);
}

/** The language the proxy chose for this request (proxy.ts), else the tenant's. */
export function localeOf(context: GetServerSidePropsContext, tenant: Tenant): Locale {
  const chosen = header(context, LOCALE_HEADER);
  return isLocale(chosen) ? chosen : tenant.locales.default;
}

/** The shell's props for a page with these messages and title; marks the response uncacheable. */
export function shellProps(
  context: GetServerSidePropsContext,
  tenant: Tenant,
  locale: Locale,
  messages: Record<string, unknown>,
  title: string,
): PlainGuestProps {
  // Never cached: the page carries this response's nonce (and, on journey pages, the person's state).
  context.res.setHeader("Cache-Control", "no-store");
  return {
    // Props must be JSON: the round trip drops the undefined optional fields Next would refuse.
    tenant: JSON.parse(JSON.stringify(tenant)) as Tenant,
    locale,
    nonce: header(context, NONCE_HEADER),
    path: header(context, PATH_HEADER) ?? `/${tenant.slug}`,
    messages,
    title,
  };
}
