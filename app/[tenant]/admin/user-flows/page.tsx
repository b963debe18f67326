import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { services } from "../../../_lib/server";
import { LINK } from "../_components/form-parts";
import { requireAdmin } from "../_lib/session";
import { tenantOrNotFound } from "../../tenant";

interface Props {
  params: Promise<{ tenant: string }>;
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { tenant } = await params;
  const t = await getTranslations("admin.userFlows");
  return { title: t("list.pageTitle", { tenant: tenantOrNotFound(tenant).displayName }) };
}

/** The tenant's user flows as the user-flow service stores them (the same the journeys and Graph read). */
export default async function UserFlowsPage({ params }: Props) {
  const { tenant, actor } = await requireAdmin((await params).tenant, "userFlows.read");
  const t = await getTranslations("admin.userFlows");
  const flows = await services().userFlows.list(actor, tenant.slug);
  const base = `/${tenant.slug}/admin/user-flows`;
  return (
    <section>
      <h1 className="text-2xl font-bold">{t("list.title")}</h1>
      <p className="mt-2 max-w-3xl">{t("list.intro")}</p>
      {flows.length === 0 ? (
        <p className="mt-6">{t("list.empty")}</p>
      ) : (
        <div className="mt-6 overflow-x-auto">
          <table className="w-full border-collapse text-left">
            <caption className="sr-only">{t("list.caption")}</caption>
            <thead>
              <tr className="border-b-2 border-gray-900">
                <th scope="col" className="py-2 pr-4">
                  {t("list.displayName")}
                </th>
                <th scope="col" className="py-2 pr-4">
                  {t("list.name")}
                </th>
                <th scope="col" className="py-2 pr-4">
                  {t("list.attributes")}
                </th>
                <th scope="col" className="py-2 pr-4">
                  {t("list.applications")}
                </th>
              </tr>
            </thead>
            <tbody>
              {flows.map((flow) => {
                const definition = flow.definition as { attributes?: unknown[] };
                return (
                  <tr key={flow.id} className="border-b border-gray-300">
                    <th scope="row" className="py-2 pr-4 font-normal">
                      <a href={`${base}/${flow.name}`} className={LINK}>
                        {flow.displayName}
                      </a>
                    </th>
                    <td className="py-2 pr-4 font-mono text-sm">{flow.name}</td>
                    <td className="py-2 pr-4">{Array.isArray(definition.attributes) ? definition.attributes.length : 0}</td>
                    <td className="py-2 pr-4">{flow.applications.length}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
