import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { services } from "../../../_lib/server";
import { LINK } from "../_components/form-parts";
import { requireAdmin } from "../_lib/session";
import { tenantOrNotFound } from "../../tenant";

interface Props {
  params: Promise<{ tenant: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

const PAGE_SIZE = 50;
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { tenant } = await params;
  const t = await getTranslations("admin.applications");
  return { title: t("list.pageTitle", { tenant: tenantOrNotFound(tenant).displayName }) };
}

/** The tenant's applications, keyset-paged by id as the service pages them, filtered by name prefix. */
export default async function ApplicationsPage({ params, searchParams }: Props) {
  const { tenant, actor, session } = await requireAdmin((await params).tenant, "applications.read");
  const query = await searchParams;
  const t = await getTranslations("admin.applications");
  const search = typeof query.q === "string" ? query.q.trim().slice(0, 256) : "";
  const after = typeof query.after === "string" && GUID.test(query.after) ? query.after : undefined;
  const page = await services().applications.list(actor, tenant.slug, {
    ...(search ? { filter: { field: "name", op: "startsWith", value: search } } : {}),
    ...(after ? { after } : {}),
    top: PAGE_SIZE,
  });
  const base = `/${tenant.slug}/admin/applications`;
  const canWrite = session.actorFor("applications.write") !== undefined;
  const next = page.more
    ? `${base}?${new URLSearchParams({ ...(search ? { q: search } : {}), after: page.items.at(-1)!.id })}`
    : undefined;
  return (
    <section>
      <div className="flex flex-wrap items-center justify-between gap-4">
        <h1 className="text-2xl font-bold">{t("list.title")}</h1>
        {canWrite && (
          <a
            href={`${base}/new`}
            className="inline-flex min-h-11 items-center rounded bg-gray-900 px-4 py-2 font-semibold text-white hover:bg-gray-700 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-gray-900"
          >
            {t("list.register")}
          </a>
        )}
      </div>
      <form method="get" action={base} role="search" className="mt-6 flex flex-wrap items-end gap-3">
        <div>
          <label htmlFor="q" className="block font-semibold">
            {t("list.search")}
          </label>
          <input
            id="q"
            name="q"
            type="search"
            defaultValue={search}
            className="mt-1 block w-72 max-w-full rounded border border-gray-600 px-3 py-2 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-gray-900"
          />
        </div>
        <button
          type="submit"
          className="inline-flex min-h-11 items-center rounded border border-gray-900 bg-white px-4 py-2 font-semibold hover:bg-gray-100 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-gray-900"
        >
          {t("list.searchButton")}
        </button>
      </form>
      {page.items.length === 0 ? (
        <p className="mt-6">{search ? t("list.noMatch") : t("list.empty")}</p>
      ) : (
        <div className="mt-6 overflow-x-auto">
          <table className="w-full border-collapse text-left">
            <caption className="sr-only">{t("list.caption")}</caption>
            <thead>
              <tr className="border-b-2 border-gray-900">
                <th scope="col" className="py-2 pr-4">
                  {t("list.name")}
                </th>
                <th scope="col" className="py-2 pr-4">
                  {t("list.type")}
                </th>
                <th scope="col" className="py-2 pr-4">
                  {t("list.appId")}
                </th>
                <th scope="col" className="py-2 pr-4">
                  {t("list.secrets")}
                </th>
              </tr>
            </thead>
            <tbody>
              {page.items.map((app) => (
                <tr key={app.id} className="border-b border-gray-300">
                  <th scope="row" className="py-2 pr-4 font-normal">
                    <a href={`${base}/${app.id}`} className={LINK}>
                      {app.displayName}
                    </a>
                  </th>
                  <td className="py-2 pr-4">{t(`type.${app.clientType}`)}</td>
                  <td className="py-2 pr-4 font-mono text-sm break-all">{app.appId}</td>
                  <td className="py-2 pr-4">{app.passwords.length}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {next && (
        <p className="mt-4">
          <a href={next} className={LINK}>
            {t("list.next")}
          </a>
        </p>
      )}
    </section>
  );
}
