import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { LOCALE_AUTONYMS, isLocale } from "../../_lib/i18n";
import { services } from "../../_lib/server";
import type { Tenant } from "../../_lib/tenant";
import { tenantOrNotFound } from "../tenant";
import { BreakdownSection } from "./_components/overview/breakdown-section";
import { DaySection } from "./_components/overview/day-section";
import { FunnelSection } from "./_components/overview/funnel-section";
import { RangeForm } from "./_components/overview/range-form";
import { overviewRange } from "./_lib/overview-range";
import { requireAdmin } from "./_lib/session";

type Query = Record<string, string | string[] | undefined>;
interface Props {
  params: Promise<{ tenant: string }>;
  searchParams: Promise<Query>;
}

export async function generateMetadata({ params, searchParams }: Props): Promise<Metadata> {
  const tenant = tenantOrNotFound((await params).tenant);
  const t = await getTranslations("admin.overview");
  const title = t("documentTitle", { tenant: tenant.displayName });
  return { title: overviewRange(await searchParams, new Date()).invalid ? t("range.errorTitle", { title }) : title };
}

const WEEK_MS = 7 * 24 * 60 * 60 * 1000;

/** The portal's start page: guest counts and the sign-up funnel of the chosen period, drawn and tabled. */
export default async function AdminOverviewPage({ params, searchParams }: Props) {
  const { tenant, actor, locale } = await requireAdmin((await params).tenant, "overview.read");
  const t = await getTranslations("admin.overview");
  const now = new Date();
  const { range, invalid, fields } = overviewRange(await searchParams, now);
  const { directory, signUpFunnel } = services();
  const [total, recent, report] = await Promise.all([
    directory.count(actor, tenant.slug, { userType: "Guest" }),
    directory.count(actor, tenant.slug, {
      userType: "Guest",
      expression: { field: "createdAt", op: "ge", values: [new Date(now.getTime() - WEEK_MS).toISOString()] },
    }),
    signUpFunnel.report(actor, tenant.slug, range),
  ]);
  const number = new Intl.NumberFormat(locale);
  const date = new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeZone: "UTC" });
  const period = { from: date.format(new Date(`${range.from}T00:00:00Z`)), to: date.format(new Date(`${range.to}T00:00:00Z`)) };
  const providerLabel = await providerLabels(tenant);
  return (
    <section>
      <h1 className="text-2xl font-bold">{t("title")}</h1>
      <p className="mt-2 text-gray-700">{t("intro", { tenant: tenant.displayName })}</p>
      <section aria-labelledby="guests-heading" className="mt-6">
        <h2 id="guests-heading" className="text-xl font-bold">
          {t("guests.heading")}
        </h2>
        <dl className="mt-3 grid max-w-xl grid-cols-2 gap-4">
          <div className="rounded border border-gray-300 p-4">
            <dt className="text-sm text-gray-700">{t("guests.total")}</dt>
            <dd className="text-3xl font-bold tabular-nums" id="guests-total">
              {number.format(total)}
            </dd>
          </div>
          <div className="rounded border border-gray-300 p-4">
            <dt className="text-sm text-gray-700">{t("guests.newThisWeek")}</dt>
            <dd className="text-3xl font-bold tabular-nums" id="guests-new">
              {number.format(recent)}
            </dd>
          </div>
        </dl>
      </section>
      <RangeForm action={`/${tenant.slug}/admin`} fields={fields} invalid={invalid} />
      <p className="mt-2 text-sm text-gray-700">{t("range.showing", period)}</p>
      <FunnelSection report={report} locale={locale} period={period} />
      <BreakdownSection
        id="by-flow"
        heading={t("breakdown.byFlow")}
        column={t("breakdown.flow")}
        series={report.byFlow}
        labelOf={(key) => key}
        locale={locale}
      />
      <BreakdownSection
        id="by-provider"
        heading={t("breakdown.byProvider")}
        column={t("breakdown.provider")}
        series={report.byProvider}
        labelOf={providerLabel}
        locale={locale}
      />
      <BreakdownSection
        id="by-locale"
        heading={t("breakdown.byLocale")}
        column={t("breakdown.locale")}
        series={report.byLocale}
        labelOf={(key) => (isLocale(key) ? LOCALE_AUTONYMS[key] : key)}
        locale={locale}
      />
      <DaySection series={report.byDay} locale={locale} period={period} />
    </section>
  );
}

/** A provider's name as the people signing up saw it; the passcode has its own words; "" is "none chosen yet". */
async function providerLabels(tenant: Tenant): Promise<(key: string) => string> {
  const [t, names] = [await getTranslations("admin.overview.providers"), await getTranslations("federation.providerNames")];
  return (key) => {
    if (!key) return t("none");
    const provider = tenant.identityProviders.find((p) => p.id === key);
    if (!provider) return key;
    if (provider.kind === "email-otp") return t("email");
    return names.has(provider.kind as never) ? names(provider.kind as never) : key;
  };
}
