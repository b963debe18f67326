import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { pageRequest } from "./_lib/http/page-request";
import { tenants } from "./_lib/server";

/** Reached for an unknown tenant (its layout calls notFound()) and for paths outside any tenant. */
export default async function NotFound() {
  const [t, { path }] = [await getTranslations("notFound"), await pageRequest()];
  const knownTenant = tenants().find(path.split(/[/?]/)[1] ?? "") !== undefined;
  return (
    <main id="main" className="mx-auto max-w-xl px-4 py-16">
      {/* WCAG 2.4.2: notFound() from a layout drops the metadata, so the page names itself. */}
      <title>{t("title")}</title>
      <div className="rounded-xl bg-white p-8 text-black shadow">
        <h1 className="text-2xl font-bold">{t("title")}</h1>
        <p className="mt-4">{knownTenant ? t("pageBody") : t("tenantBody")}</p>
        <p className="mt-6">
          <Link className="underline underline-offset-2" href="/">
            {t("backHome")}
          </Link>
        </p>
      </div>
    </main>
  );
}
