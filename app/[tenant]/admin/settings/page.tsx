import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { services } from "../../../_lib/server";
import { requireAdmin } from "../_lib/session";

interface Props {
  params: Promise<{ tenant: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

export async function generateMetadata({ searchParams }: Props): Promise<Metadata> {
  const t = await getTranslations("admin.settings");
  return { title: (await searchParams).error ? t("titleWithError") : t("title") };
}

const RADIO = "size-5 accent-gray-900 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-gray-900";

/** The tenant's settings the portal may change: the tenants file is the default, a saved choice is stored and audited. */
export default async function SettingsPage({ params, searchParams }: Props) {
  const { tenant } = await requireAdmin((await params).tenant, "settings.write");
  const query = await searchParams;
  const t = await getTranslations("admin.settings");
  const current = await services().admin.settings.effective(tenant);
  const base = `/${tenant.slug}/admin`;
  const choice = (name: "selfServiceSignUp" | "passkeyRequired") => (
    <fieldset className="mt-6">
      <legend className="font-semibold">{t(`${name}.legend`)}</legend>
      <p className="text-gray-800">{t(`${name}.hint`)}</p>
      {(["on", "off"] as const).map((value) => (
        <label key={value} className="mt-2 flex min-h-11 items-center gap-3">
          <input type="radio" name={name} value={value} defaultChecked={current[name] === (value === "on")} className={RADIO} />
          <span>{t(`${name}.${value}`)}</span>
        </label>
      ))}
    </fieldset>
  );
  return (
    <section>
      <h1 className="text-2xl font-bold">{t("title")}</h1>
      <p className="mt-2">{t("intro")}</p>
      {query.saved === "1" && (
        <p role="status" className="mt-4 rounded border-l-4 border-gray-700 bg-gray-100 p-4">
          {t("saved")}
        </p>
      )}
      {query.error && (
        <p role="alert" className="mt-4 rounded border-l-4 border-red-700 bg-red-50 p-4">
          {t("invalid")}
        </p>
      )}
      <form method="post" action={`${base}/settings/save`}>
        <input type="hidden" name="returnTo" value={`${base}/settings`} />
        {choice("selfServiceSignUp")}
        {choice("passkeyRequired")}
        <button
          type="submit"
          className="mt-6 min-h-11 rounded bg-gray-900 px-5 py-2 font-semibold text-white hover:bg-gray-700 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-gray-900"
        >
          {t("save")}
        </button>
      </form>
    </section>
  );
}
