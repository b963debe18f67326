import type { ReactNode } from "react";
import { useTranslations } from "next-intl";
// eslint-disable-next-line guestgate/layers -- the Pages Router's browser build must not reach the barrel's file loader
import { brandingStyleSheet } from "../_lib/tenant/branding";
// eslint-disable-next-line guestgate/layers -- the Pages Router's browser build must not reach the barrel's file loader
import type { Tenant } from "../_lib/tenant/schema";
import { LanguageSwitcher } from "./language-switcher";
import { SkipLink, MAIN_ID } from "./skip-link";
import { TenantFooter } from "./tenant-footer";

interface Props {
  tenant: Tenant;
  /** The CSP nonce of this response: the branding style sheet is inline. */
  nonce: string | undefined;
  /** This page's path and query, for the language switcher to come back to. */
  path: string;
  children: ReactNode;
}

/**
 * A guest page's frame: the tenant's colours, logo, language switcher and footer. Synchronous, as
 * the Pages Router's script-free guest pages (PlainGuestPage) render it with next-intl's hooks.
 */
export function GuestShell({ tenant, nonce, path, children }: Props) {
  const t = useTranslations("layout");
  return (
    <>
      {/* The tenant's colours as CSS variables; nonce'd because the CSP allows no other inline style. */}
      <style nonce={nonce}>{brandingStyleSheet(tenant.branding)}</style>
      <SkipLink />
      {/* The header stays light in the dark theme too: tenants' logos are drawn for a light ground. */}
      <header className="bg-[#ffffffe6] text-[#000] shadow-sm">
        <div className="mx-auto flex max-w-3xl flex-wrap items-center justify-between gap-4 px-4 py-3">
          <a href={`/${tenant.slug}`} aria-label={t("homeLink", { tenant: tenant.displayName })}>
            {/* eslint-disable-next-line @next/next/no-img-element -- an SVG from public/, no optimisation to gain */}
            <img
              src={tenant.branding.logo}
              alt={tenant.branding.logoAlt ?? t("logoAlt", { tenant: tenant.displayName })}
              // Sized before the file arrives, so the header does not jump when it does (CLS); the
              // demo logos are 240×48, others keep their own ratio through w-auto once loaded.
              width={200}
              height={40}
              className="h-10 w-auto max-w-[60vw]"
            />
          </a>
          <div>
            <LanguageSwitcher tenantSlug={tenant.slug} locales={tenant.locales.enabled} returnTo={path} />
          </div>
        </div>
        <div className="brand-stripe h-1 bg-brand" />
      </header>
      <main id={MAIN_ID} tabIndex={-1} className="mx-auto max-w-3xl px-4 py-10">
        {children}
      </main>
      <TenantFooter links={tenant.branding.footerLinks} />
    </>
  );
}
