import { getTranslations } from "next-intl/server";
import { services } from "../../_lib/server";
import { tenantOrNotFound } from "../tenant";

export default async function TenantHomePage({ params }: { params: Promise<{ tenant: string }> }) {
  const tenant = tenantOrNotFound((await params).tenant);
  const t = await getTranslations("tenantHome");
  const values = { tenant: tenant.displayName };
  // The portal's Settings may have changed the tenants file's default.
  const { selfServiceSignUp } = await services().admin.settings.effective(tenant);
  return (
    <article className="rounded-xl bg-white p-8 text-black shadow">
      <h1 className="text-3xl font-bold text-brand">{t("title", values)}</h1>
      <p className="mt-4 text-lg">{t("intro", values)}</p>
      <h2 className="mt-8 text-xl font-semibold">{t("howHeading")}</h2>
      <ol className="mt-4 list-decimal space-y-2 pl-6 marker:font-bold marker:text-brand">
        <li>{t("stepAccount")}</li>
        <li>{t("stepDetails", values)}</li>
        <li>{t("stepReturn")}</li>
      </ol>
      <p className="mt-8 rounded-lg border-l-4 border-brand bg-accent/40 p-4">
        {selfServiceSignUp ? t("startHint") : t("signUpClosed", values)}
      </p>
      <p className="mt-6">
        <a href={`/${tenant.slug}/account`} className="font-semibold text-brand underline underline-offset-2">
          {t("accountLink")}
        </a>
      </p>
    </article>
  );
}
