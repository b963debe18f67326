import type { Metadata } from "next";
import type { ReactNode } from "react";
import { getTranslations } from "next-intl/server";
import { LanguageSwitcher } from "../../_components/language-switcher";
import { SkipLink, MAIN_ID } from "../../_components/skip-link";
import { capabilitiesOf } from "../../_lib/admin";
import { pageRequest } from "../../_lib/http/page-request";
import { SUPPORTED_LOCALES } from "../../_lib/i18n";
import { brandingStyleSheet } from "../../_lib/tenant";
import { tenantOrNotFound } from "../tenant";
import { AdminNavigation } from "./_components/navigation";
import { currentAdmin } from "./_lib/session";

interface Props {
  children: ReactNode;
  params: Promise<{ tenant: string }>;
}

export async function generateMetadata({ params }: Omit<Props, "children">): Promise<Metadata> {
  const tenant = tenantOrNotFound((await params).tenant);
  const t = await getTranslations("admin.shell");
  return {
    title: t("title", { tenant: tenant.displayName }),
    robots: { index: false },
    icons: { icon: tenant.branding.favicon },
  };
}

/**
 * The admin portal's frame: the tenant's logo and colours, but visibly an admin area (a dark bar
 * saying so), the navigation the administrator's roles allow (every page checks again on the
 * server), who is signed in and the way out. Pages under it call `requireAdmin` themselves; the
 * sign-in page is under it too and renders without a session.
 */
export default async function AdminLayout({ children, params }: Props) {
  const tenant = tenantOrNotFound((await params).tenant);
  const [t, request, session] = [await getTranslations("admin.shell"), await pageRequest(), await currentAdmin(tenant.slug)];
  return (
    <>
      <style nonce={request.nonce}>{brandingStyleSheet(tenant.branding)}</style>
      <SkipLink />
      <header className="bg-gray-900 text-white">
        <div className="mx-auto flex max-w-7xl flex-wrap items-center justify-between gap-4 px-4 py-3">
          <a
            href={`/${tenant.slug}/admin`}
            className="flex items-center gap-3 rounded focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-white"
          >
            <span className="rounded bg-white p-1">
              {/* eslint-disable-next-line @next/next/no-img-element -- an SVG from public/, no optimisation to gain */}
              <img src={tenant.branding.logo} alt="" className="h-8 w-auto" />
            </span>
            <span className="font-semibold">{t("heading", { tenant: tenant.displayName })}</span>
          </a>
          <div className="flex flex-wrap items-center gap-4">
            <LanguageSwitcher tenantSlug={tenant.slug} locales={SUPPORTED_LOCALES} returnTo={request.path} />
            {session && (
              <form method="post" action={`/${tenant.slug}/admin/sign-out`} className="flex items-center gap-3">
                <span className="text-sm">{t("signedInAs", { name: session.displayName ?? session.email ?? "" })}</span>
                <button
                  type="submit"
                  className="min-h-11 rounded border border-white px-3 py-1 text-sm hover:bg-white hover:text-gray-900 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-white"
                >
                  {t("signOut")}
                </button>
              </form>
            )}
          </div>
        </div>
        <div className="h-1 bg-brand" />
      </header>
      <div className="mx-auto flex max-w-7xl flex-col gap-6 px-4 py-6 md:flex-row">
        {session && (
          <AdminNavigation tenantSlug={tenant.slug} capabilities={capabilitiesOf(session.roles)} currentPath={request.path} />
        )}
        <main id={MAIN_ID} tabIndex={-1} className="min-w-0 flex-1 text-black">
          {children}
        </main>
      </div>
    </>
  );
}
