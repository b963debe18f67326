import type { Metadata } from "next";
import type { ReactNode } from "react";
import { getTranslations } from "next-intl/server";
import { LanguageSwitcher } from "../../_components/language-switcher";
import { SkipLink, MAIN_ID } from "../../_components/skip-link";
import { TenantFooter } from "../../_components/tenant-footer";
import { pageRequest } from "../../_lib/http/page-request";
import { brandingStyleSheet } from "../../_lib/tenant";
import { tenantOrNotFound } from "../tenant";

interface Props {
  children: ReactNode;
  params: Promise<{ tenant: string }>;
}

export async function generateMetadata({ params }: Omit<Props, "children">): Promise<Metadata> {
  const tenant = tenantOrNotFound((await params).tenant);
  const t = await getTranslations("meta");
  return { title: t("tenantTitle", { tenant: tenant.displayName }), icons: { icon: tenant.branding.favicon } };
}

export default async function TenantLayout({ children, params }: Props) {
  const tenant = tenantOrNotFound((await params).tenant);
  const [t, request] = [await getTranslations("layout"), await pageRequest()];
  return (
    <>
      {/* The tenant's colours as CSS variables; nonce'd because the CSP allows no other inline style. */}
      <style nonce={request.nonce}>{brandingStyleSheet(tenant.branding)}</style>
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
            <LanguageSwitcher tenantSlug={tenant.slug} locales={tenant.locales.enabled} returnTo={request.path} />
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
