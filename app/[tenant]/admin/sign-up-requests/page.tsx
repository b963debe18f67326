import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { MAX_DECISION_MESSAGE, SIGN_UP_REQUEST_STATES, type SignUpRequest } from "../../../_lib/directory";
import type { Locale } from "../../../_lib/i18n";
import { services } from "../../../_lib/server";
import { tenantOrNotFound } from "../../tenant";
import { BUTTON, DANGER_BUTTON, INPUT, Notice, ReturnTo } from "../_components/form-parts";
import { readNotice } from "../_lib/form-feedback";
import { requireAdmin } from "../_lib/session";
import { formatDateTime } from "../guests/_lib/format";

interface Props {
  params: Promise<{ tenant: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

const NOTICES = ["approved", "refused"] as const;
const PROBLEMS = ["decided", "invalidMessage", "notFound"] as const;

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const t = await getTranslations("admin.signUpRequests");
  return { title: t("pageTitle", { tenant: tenantOrNotFound((await params).tenant).displayName }) };
}

/**
 * Sign-up requests of flows with an approval queue: the pending ones (oldest first), each with
 * an optional message and the two decisions, and the decided ones by tab. Deciding is a POST
 * through adminAction as the administrator (User or Global Administrator), which the service audits.
 */
export default async function SignUpRequestsPage({ params, searchParams }: Props) {
  const { tenant, actor, locale } = await requireAdmin((await params).tenant, "guests.write");
  const query = await searchParams;
  const t = await getTranslations("admin.signUpRequests");
  const base = `/${tenant.slug}/admin/sign-up-requests`;
  const state = readNotice(query.state, SIGN_UP_REQUEST_STATES) ?? "pending";
  const notice = readNotice(query.done, NOTICES);
  const problem = readNotice(query.problem, PROBLEMS);
  const requests = await services().signUpApprovals.list(actor, tenant.slug, { state, top: 100 });

  return (
    <section aria-labelledby="sign-up-requests-title">
      <h1 id="sign-up-requests-title" className="text-2xl font-bold">
        {t("title")}
      </h1>
      <p className="mt-2 max-w-prose text-gray-800">{t("intro", { tenant: tenant.displayName })}</p>
      <div className="mt-6">
        {notice && <Notice>{t(`notices.${notice}`)}</Notice>}
        {problem && (
          <p role="alert" className="mb-6 rounded-lg border-l-4 border-red-700 bg-red-50 p-4 text-red-900">
            {t(`problems.${problem}`)}
          </p>
        )}
      </div>
      <nav aria-label={t("tabsLabel")} className="mt-2">
        <ul className="flex flex-wrap gap-2">
          {SIGN_UP_REQUEST_STATES.map((tab) => (
            <li key={tab}>
              <a
                href={tab === "pending" ? base : `${base}?state=${tab}`}
                aria-current={tab === state ? "page" : undefined}
                className={`inline-flex min-h-11 items-center rounded px-3 py-2 underline-offset-2 hover:underline focus-visible:outline-2 focus-visible:outline-gray-900 ${tab === state ? "bg-gray-200 font-semibold" : ""}`}
              >
                {t(`tabs.${tab}`)}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      {requests.length === 0 ? (
        <p className="mt-6">{t(`empty.${state}`)}</p>
      ) : (
        <ul className="mt-6 flex flex-col gap-4">
          {requests.map((request) => (
            <RequestCard key={request.guestId} request={request} base={base} locale={locale} t={t} />
          ))}
        </ul>
      )}
    </section>
  );
}

type SignUpRequestsT = Awaited<ReturnType<typeof getTranslations<"admin.signUpRequests">>>;

function RequestCard({ request, base, locale, t }: { request: SignUpRequest; base: string; locale: Locale; t: SignUpRequestsT }) {
  const who = request.guest.displayName ?? request.guest.email ?? request.guestId;
  const messageId = `message-${request.guestId}`;
  return (
    <li className="rounded-lg border border-gray-300 p-4">
      <h2 className="text-lg font-semibold">{who}</h2>
      <dl className="mt-2 grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1 text-sm">
        <dt className="font-medium">{t("fields.email")}</dt>
        <dd>{request.guest.email ?? "—"}</dd>
        <dt className="font-medium">{t("fields.flow")}</dt>
        <dd>{request.userFlowName}</dd>
        <dt className="font-medium">{t("fields.requestedAt")}</dt>
        <dd>{formatDateTime(request.requestedAt, locale)}</dd>
        {request.state === "pending" && request.autoDenyAt && (
          <>
            <dt className="font-medium">{t("fields.autoDenyAt")}</dt>
            <dd>{formatDateTime(request.autoDenyAt, locale)}</dd>
          </>
        )}
        {request.decidedAt && (
          <>
            <dt className="font-medium">{t("fields.decidedAt")}</dt>
            <dd>{formatDateTime(request.decidedAt, locale)}</dd>
          </>
        )}
        {request.message && (
          <>
            <dt className="font-medium">{t("fields.message")}</dt>
            <dd className="whitespace-pre-wrap">{request.message}</dd>
          </>
        )}
      </dl>
      {request.state === "pending" && (
        <form method="post" action={`${base}/${request.guestId}/decide`} className="mt-4 flex flex-col gap-2">
          <ReturnTo path={base} />
          <label htmlFor={messageId} className="font-medium">
            {t("form.message")}
          </label>
          <p id={`${messageId}-hint`} className="text-sm text-gray-800">
            {t("form.messageHint")}
          </p>
          <textarea
            id={messageId}
            name="message"
            rows={3}
            maxLength={MAX_DECISION_MESSAGE}
            aria-describedby={`${messageId}-hint`}
            className={INPUT}
          />
          <div className="flex flex-wrap gap-2">
            <button
              type="submit"
              name="decision"
              value="approve"
              className={BUTTON}
              aria-label={t("form.approveLabel", { name: who })}
            >
              {t("form.approve")}
            </button>
            <button
              type="submit"
              name="decision"
              value="refuse"
              className={DANGER_BUTTON}
              aria-label={t("form.refuseLabel", { name: who })}
            >
              {t("form.refuse")}
            </button>
          </div>
        </form>
      )}
    </li>
  );
}
