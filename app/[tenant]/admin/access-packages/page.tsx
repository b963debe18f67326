import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { services } from "../../../_lib/server";
import { tenantOrNotFound } from "../../tenant";
import { BUTTON, FieldProblem, INPUT, LINK, Notice, ProblemSummary, ReturnTo, problemId } from "../_components/form-parts";
import { readFeedback, readNotice } from "../_lib/form-feedback";
import { requireAdmin } from "../_lib/session";
import { AccessTabs } from "./_components/access-tabs";
import { Field } from "./_components/fields";
import { Pager } from "./_components/pager";
import { namesFor, pageArgs, pageLinks, pageQuery } from "./_lib/paging";
import { accessProblemTexts } from "./_lib/problems";

interface Props {
  params: Promise<{ tenant: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

export async function generateMetadata({ params, searchParams }: Props): Promise<Metadata> {
  const t = await getTranslations("admin.access");
  const title = t("packages.pageTitle", { tenant: tenantOrNotFound((await params).tenant).displayName });
  return { title: readFeedback((await searchParams).form) ? t("errorTitle", { title }) : title };
}

/**
 * Entitlement management's front page: the tenant's access packages (each with its catalog) and a
 * form for a new one. Administrators who may read entitlement management see it; writers change it.
 */
export default async function AccessPackagesPage({ params, searchParams }: Props) {
  const { tenant, actor, session } = await requireAdmin((await params).tenant, "access.read");
  const t = await getTranslations("admin.access");
  const query = await searchParams;
  const feedback = readFeedback(query.form);
  const problems = await accessProblemTexts(feedback);
  const notice = readNotice(query.done, ["packageDeleted"] as const);
  const at = pageQuery(query);
  const entitlements = services().entitlements;
  const [packages, catalogs] = await Promise.all([
    entitlements.listPackages(actor, tenant.slug, pageArgs(at)),
    // The new package's catalog choice.
    entitlements.listCatalogs(actor, tenant.slug, { top: 200 }),
  ]);
  const catalogName = await namesFor(
    packages.items.map((item) => item.catalogId),
    catalogs.items,
    (id) => entitlements.getCatalog(actor, tenant.slug, id),
  );
  const base = `/${tenant.slug}/admin/access-packages`;
  const labels: Record<string, string> = {
    displayName: t("fields.displayName"),
    description: t("fields.description"),
    catalogId: t("fields.catalog"),
  };
  return (
    <section className="max-w-4xl">
      <h1 className="text-2xl font-bold">{t("packages.title")}</h1>
      <AccessTabs tenantSlug={tenant.slug} current="packages" />
      <p className="mt-4 max-w-prose">{t("packages.intro")}</p>
      <div className="mt-6">
        {notice && <Notice>{t(`notices.${notice}`)}</Notice>}
        <ProblemSummary
          title={t("problemsTitle")}
          problems={Object.entries(problems).map(([field, text]) => ({
            field,
            text: t("problemEntry", { field: labels[field] ?? field, problem: text }),
          }))}
        />
      </div>
      {packages.items.length === 0 ? (
        <p>{t("packages.empty")}</p>
      ) : (
        <div className="overflow-x-auto">
          <table className="w-full border-collapse text-left">
            <caption className="sr-only">{t("packages.title")}</caption>
            <thead>
              <tr className="border-b-2 border-gray-900">
                <th scope="col" className="py-2 pr-4">
                  {t("fields.displayName")}
                </th>
                <th scope="col" className="py-2 pr-4">
                  {t("fields.catalog")}
                </th>
                <th scope="col" className="py-2 pr-4">
                  {t("fields.description")}
                </th>
              </tr>
            </thead>
            <tbody>
              {packages.items.map((item) => (
                <tr key={item.id} className="border-b border-gray-300">
                  <th scope="row" className="py-2 pr-4 font-normal">
                    <a href={`${base}/${item.id}`} className={LINK}>
                      {item.displayName}
                    </a>
                  </th>
                  <td className="py-2 pr-4">{catalogName.get(item.catalogId) ?? "—"}</td>
                  <td className="py-2 pr-4">{item.description}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pager path={base} links={pageLinks(packages, at)} list={t("packages.title")} />
      {session.actorFor("access.write") &&
        (catalogs.items.length === 0 ? (
          <p className="mt-10">
            {t("packages.needCatalog")}{" "}
            <a href={`${base}/catalogs`} className={LINK}>
              {t("tabs.catalogs")}
            </a>
          </p>
        ) : (
          <form method="post" action={`${base}/create`} className="mt-10 space-y-4 rounded border border-gray-400 p-4" noValidate>
            <h2 className="text-xl font-bold">{t("packages.create")}</h2>
            <ReturnTo path={base} />
            <div>
              <label htmlFor="catalogId" className="block font-semibold">
                {labels.catalogId}
              </label>
              <select
                id="catalogId"
                name="catalogId"
                defaultValue={feedback?.values.catalogId}
                aria-invalid={problems.catalogId ? true : undefined}
                aria-describedby={problems.catalogId ? problemId("catalogId") : undefined}
                className={INPUT}
              >
                {catalogs.items.map((catalog) => (
                  <option key={catalog.id} value={catalog.id}>
                    {catalog.displayName}
                  </option>
                ))}
              </select>
              <FieldProblem field="catalogId" text={problems.catalogId} />
            </div>
            <Field
              name="displayName"
              label={labels.displayName!}
              value={feedback?.values.displayName ?? ""}
              problem={problems.displayName}
              maxLength={256}
              required
            />
            <Field
              name="description"
              label={labels.description!}
              value={feedback?.values.description ?? ""}
              problem={problems.description}
              rows={2}
            />
            <button type="submit" className={BUTTON}>
              {t("packages.submit")}
            </button>
          </form>
        ))}
    </section>
  );
}
