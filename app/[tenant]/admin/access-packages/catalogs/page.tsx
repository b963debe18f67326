import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { services } from "../../../../_lib/server";
import { tenantOrNotFound } from "../../../tenant";
import { BUTTON, LINK, Notice, ProblemSummary, ReturnTo } from "../../_components/form-parts";
import { readFeedback, readNotice } from "../../_lib/form-feedback";
import { requireAdmin } from "../../_lib/session";
import { AccessTabs } from "../_components/access-tabs";
import { Check, Field } from "../_components/fields";
import { Pager } from "../_components/pager";
import { pageArgs, pageLinks, pageQuery } from "../_lib/paging";
import { accessProblemTexts } from "../_lib/problems";

interface Props {
  params: Promise<{ tenant: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

export async function generateMetadata({ params, searchParams }: Props): Promise<Metadata> {
  const t = await getTranslations("admin.access");
  const title = t("catalogs.pageTitle", { tenant: tenantOrNotFound((await params).tenant).displayName });
  return { title: readFeedback((await searchParams).form) ? t("errorTitle", { title }) : title };
}

/** The tenant's catalogs (what an access package may grant comes from its catalog) and a form for a new one. */
export default async function CatalogsPage({ params, searchParams }: Props) {
  const { tenant, actor, session } = await requireAdmin((await params).tenant, "access.read");
  const t = await getTranslations("admin.access");
  const feedback = readFeedback((await searchParams).form);
  const problems = await accessProblemTexts(feedback);
  const query = await searchParams;
  const notice = readNotice(query.done, ["catalogDeleted"] as const);
  const at = pageQuery(query);
  const catalogs = await services().entitlements.listCatalogs(actor, tenant.slug, pageArgs(at));
  const base = `/${tenant.slug}/admin/access-packages/catalogs`;
  const labels: Record<string, string> = { displayName: t("fields.displayName"), description: t("fields.description") };
  return (
    <section className="max-w-4xl">
      <h1 className="text-2xl font-bold">{t("catalogs.title")}</h1>
      <AccessTabs tenantSlug={tenant.slug} current="catalogs" />
      <p className="mt-4 max-w-prose">{t("catalogs.intro")}</p>
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
      {catalogs.items.length === 0 ? (
        <p>{t("catalogs.empty")}</p>
      ) : (
        <div className="overflow-x-auto">
          <table className="w-full border-collapse text-left">
            <caption className="sr-only">{t("catalogs.title")}</caption>
            <thead>
              <tr className="border-b-2 border-gray-900">
                <th scope="col" className="py-2 pr-4">
                  {t("fields.displayName")}
                </th>
                <th scope="col" className="py-2 pr-4">
                  {t("fields.description")}
                </th>
                <th scope="col" className="py-2 pr-4">
                  {t("fields.external")}
                </th>
              </tr>
            </thead>
            <tbody>
              {catalogs.items.map((catalog) => (
                <tr key={catalog.id} className="border-b border-gray-300">
                  <th scope="row" className="py-2 pr-4 font-normal">
                    <a href={`${base}/${catalog.id}`} className={LINK}>
                      {catalog.displayName}
                    </a>
                  </th>
                  <td className="py-2 pr-4">{catalog.description}</td>
                  <td className="py-2 pr-4">{catalog.isExternallyVisible ? t("yes") : t("no")}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pager path={base} links={pageLinks(catalogs, at)} list={t("catalogs.title")} />
      {session.actorFor("access.write") && (
        <form method="post" action={`${base}/create`} className="mt-10 space-y-4 rounded border border-gray-400 p-4" noValidate>
          <h2 className="text-xl font-bold">{t("catalogs.create")}</h2>
          <ReturnTo path={base} />
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
          <Check
            name="isExternallyVisible"
            label={t("catalogs.externalLabel")}
            checked={feedback ? feedback.values.isExternallyVisible === "on" : true}
          />
          <button type="submit" className={BUTTON}>
            {t("catalogs.submit")}
          </button>
        </form>
      )}
    </section>
  );
}
