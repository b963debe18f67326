import type { Metadata } from "next";
import { getLocale } from "next-intl/server";
import { tenantHomeKeys, waysInCopy } from "../../_components/journey/provider-copy";
import { providerName } from "../../_components/journey/provider-choice";
import { journeyTranslator } from "../../_components/journey/translator";
import type { Locale } from "../../_lib/i18n";
import { services } from "../../_lib/server";
import { tenantOrNotFound } from "../tenant";

/** The one page of a tenant worth finding in a search engine: it says what it is for (the journey pages are noindex). */
export async function generateMetadata({ params }: { params: Promise<{ tenant: string }> }): Promise<Metadata> {
  const tenant = tenantOrNotFound((await params).tenant);
  const t = await journeyTranslator((await getLocale()) as Locale, undefined);
  return { description: t("meta.tenantDescription", { tenant: tenant.displayName }) };
}

export default async function TenantHomePage({ params }: { params: Promise<{ tenant: string }> }) {
  const tenant = tenantOrNotFound((await params).tenant);
  const locale = (await getLocale()) as Locale;
  const t = await journeyTranslator(locale, undefined);
  const values = { tenant: tenant.displayName };
  // The steps describe the tenant's own ways in: no "account you already have" for a passcode-only tenant.
  const ways = waysInCopy(tenant.identityProviders, (provider) => providerName(provider, t), locale);
  const keys = tenantHomeKeys(ways);
  // The portal's Settings may have changed the tenants file's default.
  const { selfServiceSignUp } = await services().admin.settings.effective(tenant);
  return (
    <article className="rounded-xl bg-white p-8 text-black shadow">
      <h1 className="text-3xl font-bold text-brand">{t("tenantHome.title", values)}</h1>
      <p className="mt-4 text-lg">{t(keys.intro, values)}</p>
      <h2 className="mt-8 text-xl font-semibold">{t("tenantHome.howHeading")}</h2>
      <ol className="mt-4 list-decimal space-y-2 pl-6 marker:font-bold marker:text-brand">
        <li>{t(keys.step, { providers: ways.providers })}</li>
        <li>{t("tenantHome.stepDetails", values)}</li>
        <li>{t("tenantHome.stepReturn")}</li>
      </ol>
      <p className="mt-8 rounded-lg border-l-4 border-brand bg-accent/40 p-4">
        {selfServiceSignUp ? t("tenantHome.startHint") : t("tenantHome.signUpClosed", values)}
      </p>
      <p className="mt-6">
        <a href={`/${tenant.slug}/account`} className="font-semibold text-brand underline underline-offset-2">
          {t("tenantHome.accountLink")}
        </a>
      </p>
    </article>
  );
}
