import type { Metadata } from "next";
import { forbidden, notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import type { ApprovalDetails, SubjectSet } from "../../../../_lib/access";
import type { Locale } from "../../../../_lib/i18n";
import { services } from "../../../../_lib/server";
import { tenantOrNotFound } from "../../../tenant";
import { LINK, ProblemSummary } from "../../_components/form-parts";
import { readFeedback, readNotice } from "../../_lib/form-feedback";
import { requireAdmin } from "../../_lib/session";
import { namesOf, subjectsOf } from "../../access-packages/_lib/names";
import { policySummary, subjectText, type SummaryTranslate } from "../../access-packages/_lib/policy-summary";
import { entitlementRefusal, guidOrUndefined } from "../../access-packages/_lib/refusal";
import { formatDateTime } from "../../guests/_lib/format";
import { answersOf } from "../_lib/answers";
import { personOf } from "../_lib/queue";
import { DecisionForm } from "./decision-form";
import { StageHistory } from "./stage-history";

interface Props {
  params: Promise<{ tenant: string; requestId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

const PROBLEMS = ["decided", "notStarted", "forbidden"] as const;

export async function generateMetadata({ params, searchParams }: Props): Promise<Metadata> {
  const t = await getTranslations("admin.accessApprovals");
  const title = t("detail.pageTitle", { tenant: tenantOrNotFound((await params).tenant).displayName });
  const query = await searchParams;
  return { title: readFeedback(query.form) || readNotice(query.problem, PROBLEMS) ? t("errorTitle", { title }) : title };
}

/**
 * One access-package request as its approvers see it (the link of the approvers' e-mail): who
 * it is for and from which organisation, the package and policy, answers and justification, each
 * stage's history; and the decision form when a stage waits for this administrator. When another
 * approver decided first, says who and when.
 */
export default async function AccessApprovalPage({ params, searchParams }: Props) {
  const { tenant: slug, requestId } = await params;
  const { tenant, actor, session, locale } = await requireAdmin(slug, "access.approve");
  const id = guidOrUndefined(requestId);
  if (!id) notFound();
  const reader = session.actorFor("access.read") ?? actor;
  let details: ApprovalDetails;
  try {
    details = await services().entitlements.approvalDetails(reader, tenant.slug, id);
  } catch (error) {
    if (entitlementRefusal(error) === "notFound") notFound();
    if (entitlementRefusal(error) === "forbidden") forbidden();
    throw error;
  }
  const query = await searchParams;
  const t = await getTranslations("admin.accessApprovals");
  const summaryT = await getTranslations("admin.access.summary");
  const translate: SummaryTranslate = (key, values) => summaryT(key as never, values as never);
  const { request, stages } = details.approval;
  const reviewers: SubjectSet[] = stages.flatMap((stage) =>
    stage.reviewedById ? [{ "@odata.type": "#microsoft.graph.singleUser", userId: stage.reviewedById }] : [],
  );
  const stageSubjects = stages.flatMap((stage) => [
    ...stage.settings.primaryApprovers,
    ...stage.settings.fallbackPrimaryApprovers,
  ]);
  const names = await namesOf(reader, tenant.slug, [
    ...stageSubjects,
    ...reviewers,
    ...(details.policy ? subjectsOf(details.policy) : []),
  ]);
  const here = `/${tenant.slug}/admin/access-approvals/${request.id}`;
  const waiting = stages.find((stage) => stage.assignedToMe && stage.status === "InProgress");
  const own = request.target?.id === session.memberId || request.requestorId === session.memberId;
  const feedback = readFeedback(query.form);
  const problem = readNotice(query.problem, PROBLEMS);
  const decidedStage = stages.find((stage) => stage.id === guidOrUndefined(query.stage));
  const person = personOf(details);
  const answers = answersOf(details);
  return (
    <section className="max-w-4xl">
      <p>
        <a href={`/${tenant.slug}/admin/access-approvals`} className={LINK}>
          {t("back")}
        </a>
      </p>
      <h1 className="mt-4 text-2xl font-bold break-words">
        {t("detail.title", { person, accessPackage: details.accessPackage?.displayName ?? "—" })}
      </h1>
      <div className="mt-6">
        {problem === "decided" && decidedStage ? (
          <DecidedElsewhere details={details} stageId={decidedStage.id} names={names} locale={locale} t={t} />
        ) : (
          problem && (
            <p role="alert" className="mb-6 rounded-lg border-l-4 border-red-700 bg-red-50 p-4 text-red-900">
              {t(`problems.${problem}`)}
            </p>
          )
        )}
        <ProblemSummary
          title={t("problemsTitle")}
          problems={Object.keys(feedback?.problems ?? {}).map((field) => ({ field, text: t("problems.justificationRequired") }))}
        />
      </div>
      <dl className="mt-4 grid grid-cols-1 gap-x-6 gap-y-2 sm:grid-cols-[max-content_1fr]">
        <dt className="font-semibold">{t("fields.person")}</dt>
        <dd className="break-words">
          {person}
          {(request.target?.email ?? request.targetEmail) && (
            <span className="block break-all">{request.target?.email ?? request.targetEmail}</span>
          )}
          {!request.target && <span className="block text-sm">{t("detail.notInDirectory")}</span>}
        </dd>
        <dt className="font-semibold">{t("fields.organization")}</dt>
        <dd>
          {details.organizations.length === 0
            ? t("detail.noOrganization")
            : details.organizations
                .map((o) =>
                  t("detail.organization", {
                    name: o.displayName,
                    state: t(o.state === "configured" ? "organizationStates.configured" : "organizationStates.proposed"),
                  }),
                )
                .join(", ")}
        </dd>
        <dt className="font-semibold">{t("fields.accessPackage")}</dt>
        <dd>{details.accessPackage?.displayName ?? "—"}</dd>
        <dt className="font-semibold">{t("fields.policy")}</dt>
        <dd>{details.policy?.displayName ?? "—"}</dd>
        <dt className="font-semibold">{t("fields.requestedBy")}</dt>
        <dd>
          {details.requestor
            ? (details.requestor.displayName ?? details.requestor.email)
            : request.requestType === "userAdd"
              ? person
              : t("detail.requestedByOther")}
        </dd>
        <dt className="font-semibold">{t("fields.requestedAt")}</dt>
        <dd>{formatDateTime(request.createdAt, locale)}</dd>
        <dt className="font-semibold">{t("fields.state")}</dt>
        <dd>{t(`requestStates.${request.state}`)}</dd>
        <dt className="font-semibold">{t("fields.justification")}</dt>
        <dd className="whitespace-pre-wrap">{request.justification || t("detail.noJustification")}</dd>
      </dl>
      {answers.length > 0 && (
        <>
          <h2 className="mt-8 text-xl font-bold">{t("detail.answers")}</h2>
          <dl className="mt-2 space-y-2">
            {answers.map((answer, index) => (
              <div key={index}>
                <dt className="font-semibold">{answer.question}</dt>
                <dd className="whitespace-pre-wrap">{answer.answer}</dd>
              </div>
            ))}
          </dl>
        </>
      )}
      {details.policy && (
        <>
          <h2 className="mt-8 text-xl font-bold">{t("detail.policySummary")}</h2>
          <ul className="mt-2 list-disc space-y-1 pl-6">
            {policySummary(details.policy, names, translate, locale).map((sentence) => (
              <li key={sentence}>{sentence}</li>
            ))}
          </ul>
        </>
      )}
      <h2 className="mt-8 text-xl font-bold">{t("detail.history")}</h2>
      <StageHistory
        stages={stages}
        approvers={(stage) =>
          new Intl.ListFormat(locale, { type: "disjunction" }).format(
            stage.settings.primaryApprovers.map((s) => subjectText(s, names, translate)),
          )
        }
        reviewer={(stage) => stage.reviewedByName ?? names.get(stage.reviewedById ?? "") ?? stage.reviewedById ?? ""}
        locale={locale}
        t={t}
      />
      {waiting && request.state === "pendingApproval" && !own && (
        <DecisionForm
          action={`${here}/decide`}
          here={here}
          stage={waiting}
          number={stages.indexOf(waiting) + 1}
          person={person}
          justification={feedback?.values.justification ?? ""}
          problem={feedback?.problems.justification ? t("problems.justificationRequired") : undefined}
          t={t}
        />
      )}
      {waiting && own && <p className="mt-8">{t("detail.ownRequest")}</p>}
    </section>
  );
}

type ApprovalsT = Awaited<ReturnType<typeof getTranslations<"admin.accessApprovals">>>;

/** Graph's 409 in words: the stage this administrator tried to decide was decided by someone else first. */
function DecidedElsewhere(props: {
  details: ApprovalDetails;
  stageId: string;
  names: ReadonlyMap<string, string>;
  locale: Locale;
  t: ApprovalsT;
}) {
  const { details, stageId, names, locale, t } = props;
  const stage = details.approval.stages.find((s) => s.id === stageId)!;
  const who = stage.reviewedByName ?? names.get(stage.reviewedById ?? "") ?? stage.reviewedById ?? "";
  const when = stage.reviewedAt ? formatDateTime(stage.reviewedAt, locale) : "";
  const text =
    stage.reviewResult === "Approve"
      ? t("problems.decidedApproved", { who, when })
      : stage.reviewResult === "Deny"
        ? t("problems.decidedDenied", { who, when })
        : t("problems.closed");
  return (
    <p role="alert" tabIndex={-1} className="mb-6 rounded-lg border-l-4 border-red-700 bg-red-50 p-4 text-red-900">
      {text}
    </p>
  );
}
