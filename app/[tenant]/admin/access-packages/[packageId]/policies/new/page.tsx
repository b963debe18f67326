import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { tenantOrNotFound } from "../../../../../tenant";
import { LINK, ProblemSummary } from "../../../../_components/form-parts";
import { readFeedback } from "../../../../_lib/form-feedback";
import { requireAdmin } from "../../../../_lib/session";
import { accessProblemTexts } from "../../../_lib/problems";
import { PolicyForm } from "../_components/policy-form";
import { policyFormContext } from "../_lib/form-context";
import { blankValues } from "../_lib/policy-fields";
import { problemLabels } from "../_lib/problem-labels";

interface Props {
  params: Promise<{ tenant: string; packageId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

export async function generateMetadata({ params, searchParams }: Props): Promise<Metadata> {
  const t = await getTranslations("admin.access");
  const title = t("policy.newPageTitle", { tenant: tenantOrNotFound((await params).tenant).displayName });
  return { title: readFeedback((await searchParams).form) ? t("errorTitle", { title }) : title };
}

/** A new assignment policy of the package. */
export default async function NewPolicyPage({ params, searchParams }: Props) {
  const { tenant: slug, packageId } = await params;
  const { tenant, actor, session } = await requireAdmin(slug, "access.write");
  const context = await policyFormContext(actor, session, tenant.slug, packageId);
  const t = await getTranslations("admin.access");
  const feedback = readFeedback((await searchParams).form);
  const problems = await accessProblemTexts(feedback);
  const packagePath = `/${tenant.slug}/admin/access-packages/${context.accessPackage.id}`;
  const here = `${packagePath}/policies/new`;
  const labels = problemLabels((key, values) => t(key as never, values as never));
  return (
    <section className="max-w-3xl">
      <p>
        <a href={packagePath} className={LINK}>
          {t("policy.back", { accessPackage: context.accessPackage.displayName })}
        </a>
      </p>
      <h1 className="mt-4 text-2xl font-bold break-words">
        {t("policy.newTitle", { accessPackage: context.accessPackage.displayName })}
      </h1>
      <div className="mt-6">
        <ProblemSummary
          title={t("problemsTitle")}
          problems={Object.entries(problems).map(([field, text]) => ({
            field,
            text: t("problemEntry", { field: labels(field), problem: text }),
          }))}
        />
      </div>
      <PolicyForm
        action={`${packagePath}/policies/create`}
        here={here}
        values={feedback?.values ?? blankValues()}
        problems={problems}
        groups={context.groups}
        organizations={context.organizations}
        submit={t("policy.create")}
        t={t}
      />
    </section>
  );
}
