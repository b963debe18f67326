import type { GetServerSideProps } from "next";
import Head from "next/head";
import { useTranslations } from "next-intl";
import {
  ActionForm,
  AssignmentItem,
  buttonClass,
  cardClass,
  Outcome,
  OutsiderNote,
  SignInFirst,
} from "../../../../app/_components/myaccess/parts";
import { QuestionField } from "../../../../app/_components/myaccess/question-field";
import { ScheduleFields } from "../../../../app/_components/myaccess/schedule-fields";
import { FailurePage, isFailure } from "../../../../app/_components/plain/failure-page";
import { withFailurePage, type FailureProps } from "../../../../app/_components/plain/failure-props";
import { PlainGuestPage } from "../../../../app/_components/plain/guest-page";
import { packagePageProps, type PackagePageProps, type QuestionView } from "../../../../app/_components/plain/myaccess-props";

// A plain page: no client runtime, no hydration (front-end review D5).
export const config = { runtime: "nodejs", unstable_runtimeJS: false };

export const getServerSideProps: GetServerSideProps<PackagePageProps | FailureProps> = withFailurePage(
  "/[tenant]/myaccess/access-packages/[id]",
  packagePageProps,
);

/** One access package's request form (the deep link administrators hand out). */
export default function PackagePage(props: PackagePageProps | FailureProps) {
  if (isFailure(props)) return <FailurePage props={props} />;
  return (
    <PlainGuestPage props={props}>
      <Head>
        <meta name="robots" content="noindex" />
      </Head>
      {props.signInUrl ? <SignInFirst url={props.signInUrl} tenant={props.tenant.displayName} /> : <Package {...props} />}
    </PlainGuestPage>
  );
}

function Package(props: PackagePageProps) {
  const t = useTranslations("myAccess");
  const { tenant, accessPackage, policies, policy, status, assignment, action, problems, values } = props;
  const home = `/${tenant.slug}/myaccess`;
  if (!accessPackage)
    return (
      <article className={cardClass}>
        <h1 className="text-2xl font-bold text-brand">{t("package.notFound")}</h1>
        <p className="mt-4">{t("package.notFoundBody")}</p>
        <a href={home} className="mt-8 inline-block font-semibold text-brand underline underline-offset-2">
          {t("package.back")}
        </a>
      </article>
    );
  const errors = Object.entries(problems);
  const labels: Record<string, string> = {
    ...Object.fromEntries((policy?.questions ?? []).map((q) => [q.field, q.text])),
    startDate: t("package.startDate"),
    endDate: t("package.endDate"),
  };
  return (
    <article className={cardClass}>
      <h1 className="text-2xl font-bold text-brand">{accessPackage.name}</h1>
      {accessPackage.description && <p className="mt-4">{accessPackage.description}</p>}
      <OutsiderNote email={props.outsiderEmail} tenant={props.tenant.displayName} />
      {errors.length > 0 ? (
        // WCAG 3.3.1: the summary names every problem and links to its field; it takes focus on arrival.
        <div
          role="alert"
          aria-labelledby="error-summary-title"
          tabIndex={-1}
          autoFocus
          id="error-summary"
          className="error-summary mt-6 rounded-lg border-l-4 border-red-700 bg-red-50 p-4 text-red-900"
        >
          <h2 id="error-summary-title" className="font-semibold">
            {t("errors.summary")}
          </h2>
          <ul className="mt-2 list-disc pl-6">
            {errors.map(([field, problem]) => (
              <li key={field}>
                <a className="underline underline-offset-2" href={`#${fieldAnchor(field, policy?.questions)}`}>
                  {/* Through a message: French puts a narrow no-break space before the colon. */}
                  {labels[field]
                    ? t("errors.item", {
                        label: labels[field],
                        message: t(`errors.${problem === "unknown" ? "choice" : problem}`),
                      })
                    : t(`errors.${problem === "unknown" ? "choice" : problem}`)}
                </a>
              </li>
            ))}
          </ul>
        </div>
      ) : (
        <Outcome done={props.done} refusal={props.refusal} />
      )}

      {status === "held" && assignment && (
        <>
          <p className="mt-6">{t("package.held")}</p>
          <ul className="mt-2 divide-y divide-gray-200 border-y border-gray-200">
            <AssignmentItem assignment={assignment} action={action} packageId={accessPackage.id} />
          </ul>
        </>
      )}
      {status === "waiting" && props.waitingRequestId && (
        <div className="mt-6">
          <p>{t("package.waiting")}</p>
          <div className="mt-2">
            <ActionForm
              action={action}
              fields={{ action: "cancel", requestId: props.waitingRequestId, packageId: accessPackage.id }}
              quiet
            >
              {t("requests.cancel")}
            </ActionForm>
          </div>
        </div>
      )}
      {status === "again" && <p className="mt-6">{t("package.again")}</p>}

      {!assignment && status !== "waiting" && policies.length > 1 && (
        <nav aria-labelledby="policies" className="mt-6">
          <h2 id="policies" className="text-lg font-semibold">
            {t("package.policy")}
          </h2>
          <ul className="mt-2 space-y-2">
            {policies.map((p) => (
              <li key={p.id}>
                <a
                  href={p.href}
                  aria-current={policy?.id === p.id ? "page" : undefined}
                  className="font-semibold text-brand underline underline-offset-2 aria-[current=page]:no-underline"
                >
                  {p.name}
                </a>
                {p.description && <p className="text-sm">{p.description}</p>}
              </li>
            ))}
          </ul>
        </nav>
      )}

      {policy && (
        // noValidate: the server's messages are the page's own, in the page's language.
        <form method="post" action={action} className="mt-6" noValidate>
          <input type="hidden" name="action" value="request" />
          <input type="hidden" name="packageId" value={accessPackage.id} />
          <input type="hidden" name="policyId" value={policy.id} />
          {policy.questions.length > 0 && <p>{t("package.intro")}</p>}
          {policy.questions.map((question, index) => (
            <QuestionField
              key={question.id}
              question={question}
              problem={problems[question.field]}
              values={values[question.field] ?? []}
              autoFocus={index === 0 && errors.length === 0}
            />
          ))}
          <div className="mt-6">
            <label htmlFor="justification" className="block font-semibold">
              {t("package.justification")}{" "}
              <span className="font-normal">{t(policy.justificationRequired ? "package.required" : "package.optional")}</span>
            </label>
            <textarea
              id="justification"
              name="justification"
              rows={3}
              maxLength={4000}
              required={policy.justificationRequired}
              defaultValue={values.justification?.[0] ?? ""}
              aria-invalid={problems.justification ? true : undefined}
              aria-describedby={problems.justification ? "justification-error" : undefined}
              className="mt-1 block w-full rounded-md border border-gray-600 bg-white px-3 py-2 text-black aria-invalid:border-red-700 aria-invalid:ring-2 aria-invalid:ring-red-700"
            />
            {problems.justification && (
              <p id="justification-error" className="mt-1 text-sm font-semibold text-red-800">
                {t("errors.justification")}
              </p>
            )}
          </div>
          {policy.customSchedule && <ScheduleFields problems={problems} values={values} />}
          <button type="submit" className={`mt-6 w-full ${buttonClass}`}>
            {t("package.submit")}
          </button>
        </form>
      )}
      <a href={home} className="mt-8 inline-block font-semibold text-brand underline underline-offset-2">
        {t("package.back")}
      </a>
    </article>
  );
}

/** Where an error links: the field, or a choice question's first option. */
function fieldAnchor(field: string, questions: readonly QuestionView[] | undefined) {
  const question = questions?.find((q) => q.field === field);
  return question && (question.kind === "choice" || question.kind === "choices") ? `${field}-0` : field;
}
