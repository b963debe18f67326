import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import type { Actor } from "../../../../_lib/directory";
import { services } from "../../../../_lib/server";
import { tenantOrNotFound } from "../../../tenant";
import { BUTTON, LINK, Notice, ProblemSummary, ReturnTo } from "../../_components/form-parts";
import { readFeedback, readNotice } from "../../_lib/form-feedback";
import { requireAdmin } from "../../_lib/session";
import { AccessTabs } from "../_components/access-tabs";
import { DeleteSection } from "../_components/delete-section";
import { Field, Group, Radio } from "../_components/fields";
import { Pager } from "../_components/pager";
import { pageArgs, pageHref, pageLinks, pageQuery } from "../_lib/paging";
import { accessProblemTexts } from "../_lib/problems";
import { entitlementRefusal, guidOrUndefined } from "../_lib/refusal";

interface Props {
  params: Promise<{ tenant: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

export async function generateMetadata({ params, searchParams }: Props): Promise<Metadata> {
  const t = await getTranslations("admin.access");
  const title = t("organizations.pageTitle", { tenant: tenantOrNotFound((await params).tenant).displayName });
  return { title: readFeedback((await searchParams).form) ? t("errorTitle", { title }) : title };
}

async function organizationOrNull(actor: Actor, tenantId: string, id: unknown) {
  try {
    return await services().entitlements.getConnectedOrganization(actor, tenantId, guidOrUndefined(id)!);
  } catch (error) {
    if (entitlementRefusal(error) === "notFound") return null;
    throw error;
  }
}

/** The tenant's connected organisations (known by their e-mail domains, configured or proposed) and a form for a new one. */
export default async function ConnectedOrganizationsPage({ params, searchParams }: Props) {
  const { tenant, actor, session } = await requireAdmin((await params).tenant, "access.read");
  const t = await getTranslations("admin.access");
  const query = await searchParams;
  const feedback = readFeedback(query.form);
  const problems = await accessProblemTexts(feedback);
  const notice = readNotice(query.done, ["organizationCreated", "organizationDeleted"] as const);
  const at = pageQuery(query);
  const entitlements = services().entitlements;
  const organizations = await entitlements.listConnectedOrganizations(actor, tenant.slug, pageArgs(at));
  const base = `/${tenant.slug}/admin/access-packages/connected-organizations`;
  const writer = session.actorFor("access.write");
  // The confirmation step of a row's delete link (?delete=id), on this page, without a script.
  const deleting = writer && guidOrUndefined(query.delete) ? await organizationOrNull(actor, tenant.slug, query.delete) : null;
  const here = pageHref(base, {}, at);
  const labels: Record<string, string> = {
    displayName: t("fields.displayName"),
    domain: t("fields.domain"),
    state: t("fields.state"),
    confirm: t("delete.field"),
  };
  const state = feedback?.values.state ?? "configured";
  return (
    <section className="max-w-4xl">
      <h1 className="text-2xl font-bold">{t("organizations.title")}</h1>
      <AccessTabs tenantSlug={tenant.slug} current="organizations" />
      <p className="mt-4 max-w-prose">{t("organizations.intro")}</p>
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
      {organizations.items.length === 0 ? (
        <p>{t("organizations.empty")}</p>
      ) : (
        <div className="overflow-x-auto">
          <table className="w-full border-collapse text-left">
            <caption className="sr-only">{t("organizations.title")}</caption>
            <thead>
              <tr className="border-b-2 border-gray-900">
                <th scope="col" className="py-2 pr-4">
                  {t("fields.displayName")}
                </th>
                <th scope="col" className="py-2 pr-4">
                  {t("organizations.domains")}
                </th>
                <th scope="col" className="py-2 pr-4">
                  {t("fields.state")}
                </th>
                {writer && (
                  <th scope="col" className="py-2 pr-4">
                    <span className="sr-only">{t("delete.actions")}</span>
                  </th>
                )}
              </tr>
            </thead>
            <tbody>
              {organizations.items.map((organization) => (
                <tr key={organization.id} className="border-b border-gray-300">
                  <th scope="row" className="py-2 pr-4 font-normal">
                    {organization.displayName}
                  </th>
                  <td className="py-2 pr-4 break-all">
                    {organization.identitySources.map((source) => source.domainName).join(", ")}
                  </td>
                  <td className="py-2 pr-4">
                    {t(organization.state === "configured" ? "organizationStates.configured" : "organizationStates.proposed")}
                  </td>
                  {writer && (
                    <td className="py-2 pr-4">
                      <a
                        href={`${pageHref(base, { delete: organization.id }, at)}#delete-heading`}
                        className={`${LINK} inline-flex min-h-11 items-center`}
                      >
                        {t("delete.link")}
                        <span className="sr-only"> {organization.displayName}</span>
                      </a>
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pager path={base} links={pageLinks(organizations, at)} list={t("organizations.title")} />
      {deleting && (
        <DeleteSection
          action={`${base}/${deleting.id}/delete`}
          here={pageHref(base, { delete: deleting.id }, at)}
          name={deleting.displayName}
          warning={t("delete.organizationWarning")}
          problem={problems.confirm}
          cancel={here}
        />
      )}
      {writer && (
        <form method="post" action={`${base}/create`} className="mt-10 space-y-4 rounded border border-gray-400 p-4" noValidate>
          <h2 className="text-xl font-bold">{t("organizations.create")}</h2>
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
            name="domain"
            label={labels.domain!}
            hint={t("organizations.domainHint")}
            value={feedback?.values.domain ?? ""}
            problem={problems.domain}
            maxLength={253}
            required
          />
          <Group name="state" legend={labels.state!} problem={problems.state}>
            <Radio name="state" value="configured" label={t("organizations.configured")} checked={state === "configured"} />
            <Radio name="state" value="proposed" label={t("organizations.proposed")} checked={state === "proposed"} />
          </Group>
          <button type="submit" className={BUTTON}>
            {t("organizations.submit")}
          </button>
        </form>
      )}
    </section>
  );
}
