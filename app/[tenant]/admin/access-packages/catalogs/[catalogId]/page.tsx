import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { services } from "../../../../../_lib/server";
import { tenantOrNotFound } from "../../../../tenant";
import { BUTTON, DANGER_BUTTON, INPUT, LINK, Notice, ProblemSummary, ReturnTo } from "../../../_components/form-parts";
import { readFeedback, readNotice } from "../../../_lib/form-feedback";
import { requireAdmin } from "../../../_lib/session";
import { AccessTabs } from "../../_components/access-tabs";
import { DeleteSection } from "../../_components/delete-section";
import { accessProblemTexts } from "../../_lib/problems";
import { entitlementRefusal, guidOrUndefined } from "../../_lib/refusal";
import { resourceOptions } from "../../_lib/resource-options";

interface Props {
  params: Promise<{ tenant: string; catalogId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

const NOTICES = ["created", "resourceAdded", "resourceRemoved"] as const;

export async function generateMetadata({ params, searchParams }: Props): Promise<Metadata> {
  const t = await getTranslations("admin.access");
  const title = t("catalog.pageTitle", { tenant: tenantOrNotFound((await params).tenant).displayName });
  return { title: readFeedback((await searchParams).form) ? t("errorTitle", { title }) : title };
}

/** One catalog: its groups and applications (whose roles its packages grant), and adding or removing one. */
export default async function CatalogPage({ params, searchParams }: Props) {
  const { tenant: slug, catalogId } = await params;
  const { tenant, actor, session } = await requireAdmin(slug, "access.read");
  const id = guidOrUndefined(catalogId);
  if (!id) notFound();
  const entitlements = services().entitlements;
  let catalog, resources;
  try {
    catalog = await entitlements.getCatalog(actor, tenant.slug, id);
    resources = await entitlements.listResources(actor, tenant.slug, id, { top: 200 });
  } catch (error) {
    if (entitlementRefusal(error) === "notFound") notFound();
    throw error;
  }
  const t = await getTranslations("admin.access");
  const query = await searchParams;
  const feedback = readFeedback(query.form);
  const problems = await accessProblemTexts(feedback);
  const notice = readNotice(query.done, NOTICES);
  const writer = session.actorFor("access.write");
  const here = `/${tenant.slug}/admin/access-packages/catalogs/${catalog.id}`;
  const present = new Set(resources.items.map((r) => `${r.originSystem}:${r.originId}`));
  const options = writer
    ? (await resourceOptions(session, tenant.slug)).filter((o) => !present.has(`${o.originSystem}:${o.id}`))
    : [];
  return (
    <section className="max-w-4xl">
      <h1 className="text-2xl font-bold break-words">{catalog.displayName}</h1>
      <AccessTabs tenantSlug={tenant.slug} current="catalogs" />
      {catalog.description && <p className="mt-4">{catalog.description}</p>}
      <p className="mt-2">{catalog.isExternallyVisible ? t("catalog.external") : t("catalog.internal")}</p>
      <div className="mt-6">
        {notice && <Notice>{t(`notices.${notice}`)}</Notice>}
        <ProblemSummary
          title={t("problemsTitle")}
          problems={Object.entries(problems).map(([field, text]) => ({
            field,
            text: t("problemEntry", { field: field === "confirm" ? t("delete.field") : t("fields.resource"), problem: text }),
          }))}
        />
      </div>
      <h2 className="mt-4 text-xl font-bold">{t("catalog.resources")}</h2>
      {resources.items.length === 0 ? (
        <p className="mt-2">{t("catalog.noResources")}</p>
      ) : (
        <ul className="mt-2 space-y-3">
          {resources.items.map((resource) => (
            <li key={resource.id} className="rounded border border-gray-300 p-3">
              <p className="font-semibold">
                {t(resource.originSystem === "AadGroup" ? "resourceTypes.group" : "resourceTypes.application", {
                  name: resource.displayName,
                })}
              </p>
              <p className="mt-1 text-sm">
                {t("catalog.roles", { roles: resource.roles.map((role) => role.displayName).join(", ") || "—" })}
              </p>
              {writer && (
                <form method="post" action={`${here}/resources/remove`} className="mt-2">
                  <ReturnTo path={here} />
                  <input type="hidden" name="originSystem" value={resource.originSystem} />
                  <input type="hidden" name="originId" value={resource.originId} />
                  <button type="submit" className={DANGER_BUTTON}>
                    {t("catalog.remove", { name: resource.displayName })}
                  </button>
                </form>
              )}
            </li>
          ))}
        </ul>
      )}
      {writer && (
        <form method="post" action={`${here}/resources`} className="mt-8 flex flex-wrap items-end gap-3" noValidate>
          <ReturnTo path={here} />
          <div className="min-w-64 flex-1">
            <label htmlFor="resource" className="block font-semibold">
              {t("fields.resource")}
            </label>
            <select id="resource" name="resource" className={INPUT} aria-invalid={problems.resource ? true : undefined}>
              {options.map((option) => (
                <option key={`${option.originSystem}:${option.id}`} value={`${option.originSystem}:${option.id}`}>
                  {t(option.originSystem === "AadGroup" ? "resourceTypes.group" : "resourceTypes.application", {
                    name: option.displayName,
                  })}
                </option>
              ))}
            </select>
          </div>
          <button type="submit" className={BUTTON} disabled={options.length === 0}>
            {t("catalog.add")}
          </button>
        </form>
      )}
      {writer && (
        <DeleteSection
          action={`${here}/delete`}
          here={here}
          name={catalog.displayName}
          warning={t("delete.catalogWarning")}
          problem={problems.confirm}
        />
      )}
      <p className="mt-8">
        <a href={`/${tenant.slug}/admin/access-packages/catalogs`} className={LINK}>
          {t("catalog.back")}
        </a>
      </p>
    </section>
  );
}
