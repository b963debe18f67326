import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import type { AssignmentFilter } from "../../../../_lib/access";
import { services } from "../../../../_lib/server";
import { tenantOrNotFound } from "../../../tenant";
import {
  BUTTON,
  DANGER_BUTTON,
  FieldProblem,
  INPUT,
  Notice,
  ProblemSummary,
  ReturnTo,
  SECONDARY_BUTTON,
  problemId,
} from "../../_components/form-parts";
import { readFeedback, readNotice } from "../../_lib/form-feedback";
import { requireAdmin } from "../../_lib/session";
import { formatDateTime } from "../../guests/_lib/format";
import { AccessTabs } from "../_components/access-tabs";
import { Pager } from "../_components/pager";
import { namesFor, pageArgs, pageHref, pageLinks, pageQuery } from "../_lib/paging";
import { Field } from "../_components/fields";
import { accessProblemTexts } from "../_lib/problems";
import { guidOrUndefined } from "../_lib/refusal";

interface Props {
  params: Promise<{ tenant: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

const NOTICES = ["assignmentAdded", "assignmentPending", "assignmentRemoved"] as const;

export async function generateMetadata({ params, searchParams }: Props): Promise<Metadata> {
  const t = await getTranslations("admin.access");
  const title = t("assignments.pageTitle", { tenant: tenantOrNotFound((await params).tenant).displayName });
  return { title: readFeedback((await searchParams).form) ? t("errorTitle", { title }) : title };
}

/**
 * Who holds which access package (optionally of one package), with removal (adminRemove: the
 * grants go), and assigning a package to a person by e-mail address (adminAdd: someone not yet in
 * the directory becomes a guest; under a policy with approval the request waits for it).
 */
export default async function AssignmentsPage({ params, searchParams }: Props) {
  const { tenant, actor, session, locale } = await requireAdmin((await params).tenant, "access.read");
  const t = await getTranslations("admin.access");
  const query = await searchParams;
  const feedback = readFeedback(query.form);
  const problems = await accessProblemTexts(feedback);
  const notice = readNotice(query.done, NOTICES);
  const packageId = guidOrUndefined(query.package);
  const entitlements = services().entitlements;
  const filters: AssignmentFilter[] = packageId ? [{ property: "accessPackageId", value: packageId }] : [];
  const at = pageQuery(query);
  const [assignments, packages, policies] = await Promise.all([
    entitlements.listAssignments(actor, tenant.slug, { filters, ...pageArgs(at) }),
    // The filter's and the new assignment's choices.
    entitlements.listPackages(actor, tenant.slug, { top: 200 }),
    entitlements.listPolicies(actor, tenant.slug, { top: 200 }),
  ]);
  const packageName = await namesFor(
    assignments.items.map((item) => item.accessPackageId),
    packages.items,
    (id) => entitlements.getPackage(actor, tenant.slug, id),
  );
  const writer = session.actorFor("access.write");
  const base = `/${tenant.slug}/admin/access-packages/assignments`;
  const here = pageHref(base, { package: packageId }, at);
  const labels: Record<string, string> = {
    email: t("fields.email"),
    policyId: t("assignments.policyLabel"),
    justification: t("fields.justification"),
  };
  return (
    <section className="max-w-5xl">
      <h1 className="text-2xl font-bold">{t("assignments.title")}</h1>
      <AccessTabs tenantSlug={tenant.slug} current="assignments" />
      <p className="mt-4 max-w-prose">{t("assignments.intro")}</p>
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
      <form method="get" action={base} className="flex flex-wrap items-end gap-3">
        <div className="min-w-64">
          <label htmlFor="package" className="block font-semibold">
            {t("assignments.filterLabel")}
          </label>
          <select id="package" name="package" defaultValue={packageId ?? ""} className={INPUT}>
            <option value="">{t("assignments.allPackages")}</option>
            {packages.items.map((item) => (
              <option key={item.id} value={item.id}>
                {item.displayName}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className={SECONDARY_BUTTON}>
          {t("assignments.show")}
        </button>
      </form>
      {assignments.items.length === 0 ? (
        <p className="mt-6">{t("assignments.empty")}</p>
      ) : (
        <div className="mt-6 overflow-x-auto">
          <table className="w-full border-collapse text-left">
            <caption className="sr-only">{t("assignments.title")}</caption>
            <thead>
              <tr className="border-b-2 border-gray-900">
                <th scope="col" className="py-2 pr-4">
                  {t("fields.person")}
                </th>
                <th scope="col" className="py-2 pr-4">
                  {t("fields.accessPackage")}
                </th>
                <th scope="col" className="py-2 pr-4">
                  {t("fields.state")}
                </th>
                <th scope="col" className="py-2 pr-4">
                  {t("fields.expiresAt")}
                </th>
                {writer && <td />}
              </tr>
            </thead>
            <tbody>
              {assignments.items.map((assignment) => {
                const person = assignment.target.displayName ?? assignment.target.email ?? assignment.target.id;
                const name = packageName.get(assignment.accessPackageId) ?? assignment.accessPackageId;
                return (
                  <tr key={assignment.id} className="border-b border-gray-300 align-top">
                    <th scope="row" className="py-2 pr-4 font-normal">
                      {person}
                      {assignment.target.email && assignment.target.email !== person && (
                        <span className="block text-sm break-all">{assignment.target.email}</span>
                      )}
                    </th>
                    <td className="py-2 pr-4">{name}</td>
                    <td className="py-2 pr-4">{t(`assignments.states.${assignment.state}`)}</td>
                    <td className="py-2 pr-4">
                      {assignment.expiresAt ? formatDateTime(assignment.expiresAt, locale) : t("assignments.never")}
                    </td>
                    {writer && (
                      <td className="py-2 pr-4">
                        {assignment.state === "delivered" && (
                          <form method="post" action={`${base}/remove`}>
                            <ReturnTo path={here} />
                            <input type="hidden" name="assignmentId" value={assignment.id} />
                            <button
                              type="submit"
                              className={DANGER_BUTTON}
                              aria-label={t("assignments.removeLabel", { accessPackage: name, person })}
                            >
                              {t("assignments.remove")}
                            </button>
                          </form>
                        )}
                      </td>
                    )}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      <Pager path={base} keep={{ package: packageId }} links={pageLinks(assignments, at)} list={t("assignments.title")} />
      {writer && policies.items.length > 0 && (
        <form method="post" action={`${base}/add`} className="mt-10 space-y-4 rounded border border-gray-400 p-4" noValidate>
          <h2 className="text-xl font-bold">{t("assignments.add")}</h2>
          <ReturnTo path={here} />
          <Field
            name="email"
            type="email"
            label={labels.email!}
            hint={t("assignments.emailHint")}
            value={feedback?.values.email ?? ""}
            problem={problems.email}
            maxLength={254}
            required
          />
          <div>
            <label htmlFor="policyId" className="block font-semibold">
              {labels.policyId}
            </label>
            <select
              id="policyId"
              name="policyId"
              defaultValue={feedback?.values.policyId}
              aria-invalid={problems.policyId ? true : undefined}
              aria-describedby={problems.policyId ? problemId("policyId") : undefined}
              className={INPUT}
            >
              {policies.items
                .filter((policy) => !packageId || policy.accessPackageId === packageId)
                .map((policy) => (
                  <option key={policy.id} value={policy.id}>
                    {t("assignments.policyOption", {
                      accessPackage: packageName.get(policy.accessPackageId) ?? "",
                      policy: policy.displayName,
                    })}
                  </option>
                ))}
            </select>
            <FieldProblem field="policyId" text={problems.policyId} />
          </div>
          <Field
            name="justification"
            label={labels.justification!}
            value={feedback?.values.justification ?? ""}
            problem={problems.justification}
            rows={2}
            maxLength={4000}
          />
          <button type="submit" className={BUTTON}>
            {t("assignments.submit")}
          </button>
        </form>
      )}
    </section>
  );
}
