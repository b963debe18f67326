import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import type { PolicyRecord } from "../../../../../../_lib/access";
import { services } from "../../../../../../_lib/server";
import { tenantOrNotFound } from "../../../../../tenant";
import { LINK, ProblemSummary } from "../../../../_components/form-parts";
import { readFeedback } from "../../../../_lib/form-feedback";
import { requireAdmin } from "../../../../_lib/session";
import { namesOf, subjectsOf } from "../../../_lib/names";
import { policySummary, type SummaryTranslate } from "../../../_lib/policy-summary";
import { accessProblemTexts } from "../../../_lib/problems";
import { entitlementRefusal, guidOrUndefined } from "../../../_lib/refusal";
import { PolicyForm } from "../_components/policy-form";
import { DeleteSection } from "../../../_components/delete-section";
import { emailsOf, policyFormContext } from "../_lib/form-context";
import { userIdsOf, valuesOf } from "../_lib/policy-fields";
import { problemLabels } from "../_lib/problem-labels";

interface Props {
  params: Promise<{ tenant: string; packageId: string; policyId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

export async function generateMetadata({ params, searchParams }: Props): Promise<Metadata> {
  const t = await getTranslations("admin.access");
  const title = t("policy.editPageTitle", { tenant: tenantOrNotFound((await params).tenant).displayName });
  return { title: readFeedback((await searchParams).form) ? t("errorTitle", { title }) : title };
}

/** One assignment policy: what it says in plain sentences, and the form to change its settings. */
export default async function PolicyPage({ params, searchParams }: Props) {
  const { tenant: slug, packageId, policyId } = await params;
  const { tenant, actor, session, locale } = await requireAdmin(slug, "access.write");
  const context = await policyFormContext(actor, session, tenant.slug, packageId);
  const id = guidOrUndefined(policyId);
  if (!id) notFound();
  let policy: PolicyRecord;
  try {
    policy = await services().entitlements.getPolicy(actor, tenant.slug, id);
  } catch (error) {
    if (entitlementRefusal(error) === "notFound") notFound();
    throw error;
  }
  if (policy.accessPackageId !== context.accessPackage.id) notFound();
  const t = await getTranslations("admin.access");
  const summaryT = await getTranslations("admin.access.summary");
  const translate: SummaryTranslate = (key, values) => summaryT(key as never, values as never);
  const feedback = readFeedback((await searchParams).form);
  const problems = await accessProblemTexts(feedback);
  const names = await namesOf(actor, tenant.slug, subjectsOf(policy));
  // A refused delete brings no form values back: the form then shows the stored policy, not blanks.
  const typed = feedback && !("confirm" in feedback.problems) ? feedback.values : undefined;
  const values = typed ?? valuesOf(policy, await emailsOf(actor, tenant.slug, userIdsOf(policy)));
  const packagePath = `/${tenant.slug}/admin/access-packages/${context.accessPackage.id}`;
  const here = `${packagePath}/policies/${policy.id}`;
  const labels = problemLabels((key, values) => t(key as never, values as never));
  return (
    <section className="max-w-3xl">
      <p>
        <a href={packagePath} className={LINK}>
          {t("policy.back", { accessPackage: context.accessPackage.displayName })}
        </a>
      </p>
      <h1 className="mt-4 text-2xl font-bold break-words">{policy.displayName}</h1>
      <h2 className="mt-6 text-xl font-bold">{t("policy.summary")}</h2>
      <ul className="mt-2 list-disc space-y-1 pl-6">
        {policySummary(policy, names, translate, locale).map((sentence) => (
          <li key={sentence}>{sentence}</li>
        ))}
      </ul>
      <h2 className="mt-8 text-xl font-bold">{t("policy.edit")}</h2>
      <div className="mt-4">
        <ProblemSummary
          title={t("problemsTitle")}
          problems={Object.entries(problems).map(([field, text]) => ({
            field,
            text: t("problemEntry", { field: field === "confirm" ? t("delete.field") : labels(field), problem: text }),
          }))}
        />
      </div>
      <PolicyForm
        action={`${here}/save`}
        here={here}
        values={values}
        problems={problems}
        groups={context.groups}
        organizations={context.organizations}
        submit={t("policy.save")}
        t={t}
      />
      <DeleteSection
        action={`${here}/delete`}
        here={here}
        name={policy.displayName}
        warning={t("delete.policyWarning")}
        problem={problems.confirm}
      />
    </section>
  );
}
