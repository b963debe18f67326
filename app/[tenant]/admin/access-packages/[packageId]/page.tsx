import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { services } from "../../../../_lib/server";
import { tenantOrNotFound } from "../../../tenant";
import { BUTTON, DANGER_BUTTON, INPUT, LINK, Notice, ProblemSummary, ReturnTo } from "../../_components/form-parts";
import { readFeedback, readNotice } from "../../_lib/form-feedback";
import { requireAdmin } from "../../_lib/session";
import { AccessTabs } from "../_components/access-tabs";
import { namesOf, subjectsOf } from "../_lib/names";
import { policySummary, type SummaryTranslate } from "../_lib/policy-summary";
import { DeleteSection } from "../_components/delete-section";
import { accessProblemTexts } from "../_lib/problems";
import { entitlementRefusal, guidOrUndefined } from "../_lib/refusal";

interface Props {
  params: Promise<{ tenant: string; packageId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

const NOTICES = ["created", "roleAdded", "roleRemoved", "policyCreated", "policySaved", "policyDeleted"] as const;

export async function generateMetadata({ params, searchParams }: Props): Promise<Metadata> {
  const t = await getTranslations("admin.access");
  const title = t("package.pageTitle", { tenant: tenantOrNotFound((await params).tenant).displayName });
  return { title: readFeedback((await searchParams).form) ? t("errorTitle", { title }) : title };
}

/**
 * One access package: the resource roles it grants (groups and app roles from its catalog), and
 * its assignment policies, each summed up in plain sentences of who may request and who approves.
 */
export default async function AccessPackagePage({ params, searchParams }: Props) {
  const { tenant: slug, packageId } = await params;
  const { tenant, actor, session, locale } = await requireAdmin(slug, "access.read");
  const id = guidOrUndefined(packageId);
  if (!id) notFound();
  const entitlements = services().entitlements;
  let accessPackage, scopes, policies, catalog;
  try {
    accessPackage = await entitlements.getPackage(actor, tenant.slug, id);
    [scopes, policies, catalog] = await Promise.all([
      entitlements.listRoleScopes(actor, tenant.slug, id),
      entitlements.listPolicies(actor, tenant.slug, { filters: [{ property: "accessPackageId", value: id }], top: 50 }),
      entitlements.getCatalog(actor, tenant.slug, accessPackage.catalogId),
    ]);
  } catch (error) {
    if (entitlementRefusal(error) === "notFound") notFound();
    throw error;
  }
  const t = await getTranslations("admin.access");
  const summaryT = await getTranslations("admin.access.summary");
  const translate: SummaryTranslate = (key, values) => summaryT(key as never, values as never);
  const query = await searchParams;
  const feedback = readFeedback(query.form);
  const problems = await accessProblemTexts(feedback);
  const notice = readNotice(query.done, NOTICES);
  const writer = session.actorFor("access.write");
  const granted = new Set(scopes.map((scope) => scope.role.id));
  const roles = writer
    ? (await entitlements.listResourceRoles(actor, tenant.slug, catalog.id, { top: 200 })).items.filter((r) => !granted.has(r.id))
    : [];
  const names = await namesOf(actor, tenant.slug, policies.items.flatMap(subjectsOf));
  const base = `/${tenant.slug}/admin/access-packages`;
  const here = `${base}/${accessPackage.id}`;
  const roleText = (role: { displayName: string }, resource: { displayName: string; originSystem: string }) =>
    t("package.role", {
      role: role.displayName,
      resource: t(resource.originSystem === "AadGroup" ? "resourceTypes.group" : "resourceTypes.application", {
        name: resource.displayName,
      }),
    });
  return (
    <section className="max-w-4xl">
      <h1 className="text-2xl font-bold break-words">{accessPackage.displayName}</h1>
      <AccessTabs tenantSlug={tenant.slug} current="packages" />
      {accessPackage.description && <p className="mt-4">{accessPackage.description}</p>}
      <p className="mt-2">
        {t("fields.catalog")}:{" "}
        <a href={`${base}/catalogs/${catalog.id}`} className={LINK}>
          {catalog.displayName}
        </a>
      </p>
      <div className="mt-6">
        {notice && <Notice>{t(`notices.${notice}`)}</Notice>}
        <ProblemSummary
          title={t("problemsTitle")}
          problems={Object.entries(problems).map(([field, text]) => ({
            field,
            text: t("problemEntry", { field: field === "confirm" ? t("delete.field") : t("fields.role"), problem: text }),
          }))}
        />
      </div>

      <h2 className="mt-4 text-xl font-bold">{t("package.roles")}</h2>
      {scopes.length === 0 ? (
        <p className="mt-2">{t("package.noRoles")}</p>
      ) : (
        <ul className="mt-2 space-y-2">
          {scopes.map((scope) => (
            <li key={scope.id} className="flex flex-wrap items-center justify-between gap-2 rounded border border-gray-300 p-3">
              <span>{roleText(scope.role, scope.resource)}</span>
              {writer && (
                <form method="post" action={`${here}/roles/remove`}>
                  <ReturnTo path={here} />
                  <input type="hidden" name="scopeId" value={scope.id} />
                  <button type="submit" className={DANGER_BUTTON}>
                    {t("package.removeRole", { role: roleText(scope.role, scope.resource) })}
                  </button>
                </form>
              )}
            </li>
          ))}
        </ul>
      )}
      {writer &&
        (roles.length === 0 ? (
          <p className="mt-4">
            {t("package.noMoreRoles")}{" "}
            <a href={`${base}/catalogs/${catalog.id}`} className={LINK}>
              {catalog.displayName}
            </a>
          </p>
        ) : (
          <form method="post" action={`${here}/roles`} className="mt-4 flex flex-wrap items-end gap-3" noValidate>
            <ReturnTo path={here} />
            <div className="min-w-64 flex-1">
              <label htmlFor="roleId" className="block font-semibold">
                {t("fields.role")}
              </label>
              <select id="roleId" name="roleId" className={INPUT}>
                {roles.map((role) => (
                  <option key={role.id} value={role.id}>
                    {roleText(role, role.resource)}
                  </option>
                ))}
              </select>
            </div>
            <button type="submit" className={BUTTON}>
              {t("package.addRole")}
            </button>
          </form>
        ))}

      <h2 className="mt-10 text-xl font-bold">{t("package.policies")}</h2>
      {policies.items.length === 0 && <p className="mt-2">{t("package.noPolicies")}</p>}
      {policies.items.map((policy) => (
        <article key={policy.id} className="mt-4 rounded border border-gray-300 p-4">
          <h3 className="text-lg font-semibold">{policy.displayName}</h3>
          {policy.description && <p className="mt-1">{policy.description}</p>}
          <ul className="mt-2 list-disc space-y-1 pl-6">
            {policySummary(policy, names, translate, locale).map((sentence) => (
              <li key={sentence}>{sentence}</li>
            ))}
          </ul>
          {writer && (
            <p className="mt-3">
              <a
                href={`${here}/policies/${policy.id}`}
                className={LINK}
                aria-label={t("package.editPolicyLabel", { policy: policy.displayName })}
              >
                {t("package.editPolicy")}
              </a>
            </p>
          )}
        </article>
      ))}
      {writer && (
        <p className="mt-4">
          <a href={`${here}/policies/new`} className={LINK}>
            {t("package.newPolicy")}
          </a>
        </p>
      )}
      <p className="mt-8">
        <a href={`${base}/assignments?package=${accessPackage.id}`} className={LINK}>
          {t("package.assignments")}
        </a>
      </p>
      {writer && (
        <DeleteSection
          action={`${here}/delete`}
          here={here}
          name={accessPackage.displayName}
          warning={t("delete.packageWarning")}
          problem={problems.confirm}
        />
      )}
    </section>
  );
}
