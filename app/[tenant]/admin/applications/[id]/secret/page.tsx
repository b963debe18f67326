import type { Metadata } from "next";
import { cookies } from "next/headers";
import { notFound } from "next/navigation";
import { getFormatter, getTranslations } from "next-intl/server";
import { isApplicationDirectoryError } from "../../../../../_lib/oidc";
import { services } from "../../../../../_lib/server";
import { LINK } from "../../../_components/form-parts";
import { requireAdmin } from "../../../_lib/session";
import { revealCookieName, takeSecret } from "../../_lib/secret-reveal";
import { tenantOrNotFound } from "../../../../tenant";

interface Props {
  params: Promise<{ tenant: string; id: string }>;
}

/** Rendered for every request (it reads cookies), so Next sends it with `Cache-Control: no-store`. */
export const dynamic = "force-dynamic";

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { tenant } = await params;
  const t = await getTranslations("admin.applications");
  return { title: t("secretShown.pageTitle", { tenant: tenantOrNotFound(tenant).displayName }) };
}

/**
 * The new secret's value, shown this once: the entry is taken out as the page renders, so a
 * reload (or the back button) finds nothing and says so.
 */
export default async function NewSecretPage({ params }: Props) {
  const { tenant: slug, id } = await params;
  const { tenant, actor, session } = await requireAdmin(slug, "applications.write");
  let app;
  try {
    app = await services().applications.get(actor, tenant.slug, { id });
  } catch (error) {
    if (isApplicationDirectoryError(error) && error.code === "notFound") notFound();
    throw error;
  }
  const t = await getTranslations("admin.applications");
  const format = await getFormatter();
  const revealed = takeSecret((await cookies()).get(revealCookieName(tenant.slug))?.value, {
    sessionId: session.id,
    applicationId: app.id,
  });
  const back = `/${tenant.slug}/admin/applications/${app.id}`;
  return (
    <section className="max-w-3xl">
      <h1 className="text-2xl font-bold">{t("secretShown.title", { application: app.displayName })}</h1>
      {revealed ? (
        <>
          <p role="status" className="mt-4 rounded-lg border-l-4 border-amber-700 bg-amber-50 p-4 text-amber-950">
            {t("secretShown.once")}
          </p>
          <dl className="mt-6 grid gap-x-6 gap-y-2 sm:grid-cols-[max-content_1fr]">
            <dt className="font-semibold">{t("detail.clientId")}</dt>
            <dd className="font-mono text-sm break-all">{app.appId}</dd>
            <dt className="font-semibold">{t("secrets.displayName")}</dt>
            <dd>{revealed.meta.displayName ?? t("secrets.unnamed")}</dd>
            <dt className="font-semibold">{t("secrets.expires")}</dt>
            <dd>{format.dateTime(new Date(revealed.meta.endDateTime), { dateStyle: "medium" })}</dd>
          </dl>
          <label htmlFor="secret" className="mt-6 block font-semibold">
            {t("secretShown.value")}
          </label>
          <input
            id="secret"
            readOnly
            value={revealed.secret}
            data-secret
            autoComplete="off"
            spellCheck={false}
            className="mt-1 block w-full rounded border border-gray-600 bg-gray-50 px-3 py-2 font-mono text-sm text-black focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-gray-900"
          />
        </>
      ) : (
        <p className="mt-4">{t("secretShown.gone")}</p>
      )}
      <p className="mt-6">
        <a href={back} className={LINK}>
          {t("secretShown.done")}
        </a>
      </p>
    </section>
  );
}
