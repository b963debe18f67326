import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { REQUEST_STATES, REQUEST_TYPES, type RequestFilter } from "../../../../_lib/access";
import { services } from "../../../../_lib/server";
import { tenantOrNotFound } from "../../../tenant";
import { INPUT, LINK, SECONDARY_BUTTON } from "../../_components/form-parts";
import { readNotice } from "../../_lib/form-feedback";
import { requireAdmin } from "../../_lib/session";
import { formatDateTime } from "../../guests/_lib/format";
import { AccessTabs } from "../_components/access-tabs";
import { Pager } from "../_components/pager";
import { namesFor, pageArgs, pageLinks, pageQuery } from "../_lib/paging";

interface Props {
  params: Promise<{ tenant: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const t = await getTranslations("admin.access");
  return { title: t("requests.pageTitle", { tenant: tenantOrNotFound((await params).tenant).displayName }) };
}

/** Assignment requests of the tenant, filtered by state; a waiting one links to its approval. */
export default async function RequestsPage({ params, searchParams }: Props) {
  const { tenant, actor, locale } = await requireAdmin((await params).tenant, "access.read");
  const t = await getTranslations("admin.access");
  const query = await searchParams;
  const state = readNotice(query.state, REQUEST_STATES);
  const at = pageQuery(query);
  const entitlements = services().entitlements;
  const filters: RequestFilter[] = state ? [{ property: "state", value: state }] : [];
  const requests = await entitlements.listRequests(actor, tenant.slug, { filters, ...pageArgs(at) });
  const packageName = await namesFor(
    requests.items.map((item) => item.accessPackageId),
    [],
    (id) => entitlements.getPackage(actor, tenant.slug, id),
  );
  // Pages follow the store's keyset; within the page, the newest first.
  const rows = [...requests.items].sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime());
  const base = `/${tenant.slug}/admin/access-packages/requests`;
  const typeText = (type: string) =>
    t(
      `requests.types.${(REQUEST_TYPES as readonly string[]).includes(type) ? (type as (typeof REQUEST_TYPES)[number]) : "notSpecified"}`,
    );
  return (
    <section className="max-w-5xl">
      <h1 className="text-2xl font-bold">{t("requests.title")}</h1>
      <AccessTabs tenantSlug={tenant.slug} current="requests" />
      <p className="mt-4 max-w-prose">{t("requests.intro")}</p>
      <form method="get" action={base} className="mt-6 flex flex-wrap items-end gap-3">
        <div className="min-w-64">
          <label htmlFor="state" className="block font-semibold">
            {t("requests.filterLabel")}
          </label>
          <select id="state" name="state" defaultValue={state ?? ""} className={INPUT}>
            <option value="">{t("requests.allStates")}</option>
            {REQUEST_STATES.map((value) => (
              <option key={value} value={value}>
                {t(`requests.states.${value}`)}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className={SECONDARY_BUTTON}>
          {t("requests.show")}
        </button>
      </form>
      {rows.length === 0 ? (
        <p className="mt-6">{t("requests.empty")}</p>
      ) : (
        <div className="mt-6 overflow-x-auto">
          <table className="w-full border-collapse text-left">
            <caption className="sr-only">{t("requests.title")}</caption>
            <thead>
              <tr className="border-b-2 border-gray-900">
                <th scope="col" className="py-2 pr-4">
                  {t("fields.person")}
                </th>
                <th scope="col" className="py-2 pr-4">
                  {t("fields.accessPackage")}
                </th>
                <th scope="col" className="py-2 pr-4">
                  {t("fields.requestType")}
                </th>
                <th scope="col" className="py-2 pr-4">
                  {t("fields.state")}
                </th>
                <th scope="col" className="py-2 pr-4">
                  {t("fields.createdAt")}
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((request) => {
                const person = request.target?.displayName ?? request.target?.email ?? request.targetEmail ?? "—";
                return (
                  <tr key={request.id} className="border-b border-gray-300 align-top">
                    <th scope="row" className="py-2 pr-4 font-normal">
                      {person}
                    </th>
                    <td className="py-2 pr-4">{packageName.get(request.accessPackageId) ?? "—"}</td>
                    <td className="py-2 pr-4">{typeText(request.requestType)}</td>
                    <td className="py-2 pr-4">
                      {request.state === "pendingApproval" ? (
                        <a href={`/${tenant.slug}/admin/access-approvals/${request.id}`} className={LINK}>
                          {t(`requests.states.${request.state}`)}
                        </a>
                      ) : (
                        t(`requests.states.${request.state}`)
                      )}
                      {request.failureReason && <span className="block text-sm">{request.failureReason}</span>}
                    </td>
                    <td className="py-2 pr-4">{formatDateTime(request.createdAt, locale)}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      <Pager path={base} keep={{ state }} links={pageLinks(requests, at)} list={t("requests.title")} />
    </section>
  );
}
