import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { services } from "../../../_lib/server";
import { LINK, Notice } from "../_components/form-parts";
import { readNotice } from "../_lib/form-feedback";
import { requireAdmin } from "../_lib/session";
import { tenantOrNotFound } from "../../tenant";

interface Props {
  params: Promise<{ tenant: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const t = await getTranslations("admin.extensions");
  return { title: t("list.pageTitle", { tenant: tenantOrNotFound((await params).tenant).displayName }) };
}

const TH = "py-2 pr-4";

/**
 * The tenant's API connectors (Entra's workforce contract) and custom authentication extensions
 * (the external-tenant contract): what the Graph routes identity/apiConnectors and
 * identity/customAuthenticationExtensions list, read through the same service verbs.
 */
export default async function ExtensionsPage({ params, searchParams }: Props) {
  const { tenant, actor, session } = await requireAdmin((await params).tenant, "extensions.read");
  const t = await getTranslations("admin.extensions");
  const events = await getTranslations("admin.extensions.events");
  const [connectors, extensions] = await Promise.all([
    services().apiConnectors.list(actor, tenant.slug),
    services().customExtensions.list(actor, tenant.slug),
  ]);
  const notice = readNotice((await searchParams).done, ["deleted"] as const);
  const base = `/${tenant.slug}/admin/extensions`;
  const canWrite = session.actorFor("extensions.write") !== undefined;
  return (
    <section className="max-w-5xl">
      <h1 className="text-2xl font-bold">{t("list.title")}</h1>
      <p className="mt-2 max-w-prose">{t("list.intro")}</p>
      <div className="mt-6">{notice && <Notice>{t(`notices.${notice}`)}</Notice>}</div>

      <h2 className="mt-8 text-xl font-bold">{t("list.connectors")}</h2>
      {connectors.length === 0 ? (
        <p className="mt-2">{t("list.noConnectors")}</p>
      ) : (
        <div className="mt-2 overflow-x-auto">
          <table className="w-full border-collapse text-left">
            <caption className="sr-only">{t("list.connectors")}</caption>
            <thead>
              <tr className="border-b-2 border-gray-900">
                <th scope="col" className={TH}>
                  {t("fields.displayName")}
                </th>
                <th scope="col" className={TH}>
                  {t("fields.targetUrl")}
                </th>
                <th scope="col" className={TH}>
                  {t("fields.authentication")}
                </th>
              </tr>
            </thead>
            <tbody>
              {connectors.map((connector) => (
                <tr key={connector.id} className="border-b border-gray-300">
                  <th scope="row" className={`${TH} font-normal`}>
                    <a href={`${base}/api-connectors/${connector.id}`} className={LINK}>
                      {connector.displayName}
                    </a>
                  </th>
                  <td className={`${TH} font-mono text-sm break-all`}>{connector.targetUrl}</td>
                  <td className={TH}>{t(`fields.authTypes.${connector.authType}`)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {canWrite && (
        <p className="mt-3">
          <a href={`${base}/api-connectors/new`} className={LINK}>
            {t("list.addConnector")}
          </a>
        </p>
      )}

      <h2 className="mt-10 text-xl font-bold">{t("list.extensions")}</h2>
      {extensions.length === 0 ? (
        <p className="mt-2">{t("list.noExtensions")}</p>
      ) : (
        <div className="mt-2 overflow-x-auto">
          <table className="w-full border-collapse text-left">
            <caption className="sr-only">{t("list.extensions")}</caption>
            <thead>
              <tr className="border-b-2 border-gray-900">
                <th scope="col" className={TH}>
                  {t("fields.displayName")}
                </th>
                <th scope="col" className={TH}>
                  {t("fields.eventType")}
                </th>
                <th scope="col" className={TH}>
                  {t("fields.targetUrl")}
                </th>
              </tr>
            </thead>
            <tbody>
              {extensions.map((extension) => (
                <tr key={extension.id} className="border-b border-gray-300">
                  <th scope="row" className={`${TH} font-normal`}>
                    <a href={`${base}/custom-extensions/${extension.id}`} className={LINK}>
                      {extension.displayName}
                    </a>
                  </th>
                  <td className={TH}>{events(extension.eventType)}</td>
                  <td className={`${TH} font-mono text-sm break-all`}>{extension.targetUrl}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {canWrite && (
        <p className="mt-3">
          <a href={`${base}/custom-extensions/new`} className={LINK}>
            {t("list.addExtension")}
          </a>
        </p>
      )}
    </section>
  );
}
