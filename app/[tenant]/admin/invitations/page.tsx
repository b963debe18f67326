import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { mayActOnInvitations, type InvitationState } from "../../../_lib/invitations";
import { services } from "../../../_lib/server";
import { Notice, ProblemSummary } from "../_components/form-parts";
import { readFeedback, readNotice } from "../_lib/form-feedback";
import { requireAdmin } from "../_lib/session";
import { tenantOrNotFound } from "../../tenant";
import { BulkForm } from "./_components/bulk-form";
import { InvitationTable } from "./_components/invitation-table";
import { InviteForm } from "./_components/invite-form";
import { StateFilter } from "./_components/state-filter";
import { isRefusal, reasonKey } from "./_lib/problems";

interface Props {
  params: Promise<{ tenant: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

const PAGE_SIZE = 50;
const STATES = ["pending", "accepted", "expired", "revoked"] as const satisfies readonly InvitationState[];
const NOTICES = ["invited", "invitedSent", "alreadyGuest", "resendDone", "revokeDone", "resetDone", "resetDoneQuiet"] as const;

export async function generateMetadata({ params, searchParams }: Props): Promise<Metadata> {
  const t = await getTranslations("admin.invitations");
  const title = t("pageTitle", { tenant: tenantOrNotFound((await params).tenant).displayName });
  return { title: readFeedback((await searchParams).form) ? t("errorTitle", { title }) : title };
}

/**
 * Invitations: invite one person, upload a CSV to invite many, and the list with its state
 * filter and the row actions (resend, revoke, reset redemption), each a POST through adminAction
 * that calls one service verb as the administrator. Everything is a plain form: no script needed.
 */
export default async function InvitationsPage({ params, searchParams }: Props) {
  const { tenant, actor, locale } = await requireAdmin((await params).tenant, "guests.invite");
  const query = await searchParams;
  const t = await getTranslations("admin.invitations");
  const { invitations } = services();
  const base = `/${tenant.slug}/admin/invitations`;
  const state = readNotice(query.state, STATES);
  const feedback = readFeedback(query.form);
  const notice = readNotice(query.done, NOTICES);
  const refused = typeof query.refused === "string" ? reasonKey(query.refused) : undefined;
  const cursor = typeof query.after === "string" && query.after.length <= 512 ? query.after : undefined;

  let page;
  try {
    page = await invitations.list(actor, tenant.slug, {
      top: PAGE_SIZE,
      ...(state ? { state } : {}),
      ...(cursor ? { cursor } : {}),
    });
  } catch (error) {
    // A hand-edited cursor: the first page.
    if (!(isRefusal(error) && error.reason === "invalidCursor")) throw error;
    page = await invitations.list(actor, tenant.slug, { top: PAGE_SIZE, ...(state ? { state } : {}) });
  }
  const choices = await invitations.redirectChoices(actor, tenant.slug);
  const problemText = (field: string) => {
    const code = feedback?.problems[field];
    return code ? t(`problems.${field === "file" ? fileProblem(code) : reasonKey(code)}`) : undefined;
  };
  const problems = Object.keys(feedback?.problems ?? {}).map((field) => ({ field, text: problemText(field)! }));

  return (
    <section aria-labelledby="invitations-title">
      <h1 id="invitations-title" className="text-2xl font-bold">
        {t("title")}
      </h1>
      <p className="mt-2 max-w-prose text-gray-800">{t("intro")}</p>
      <div className="mt-6">
        <ProblemSummary title={t("problemsTitle")} problems={problems} />
        {notice && <Notice>{t(`notices.${notice}`)}</Notice>}
        {refused && (
          <p role="alert" className="mb-6 rounded-lg border-l-4 border-red-700 bg-red-50 p-4 text-red-900">
            {t(`problems.${refused}`)}
          </p>
        )}
      </div>
      <div className="grid gap-8 lg:grid-cols-2">
        <InviteForm
          action={`${base}/invite`}
          returnTo={base}
          choices={choices}
          values={feedback?.values ?? {}}
          problem={problemText}
          t={t}
        />
        <BulkForm action={`${base}/bulk`} choices={choices} problem={problemText("file")} t={t} />
      </div>
      <h2 id="list-title" className="mt-10 text-xl font-semibold">
        {t("list.title")}
      </h2>
      <StateFilter action={base} states={STATES} current={state} t={t} />
      <InvitationTable
        invitations={page.invitations}
        base={base}
        state={state}
        mayReset={mayActOnInvitations(actor, "resetRedemption")}
        locale={locale}
        t={t}
      />
      {page.nextCursor && (
        <p className="mt-4">
          <a
            href={`${base}?${new URLSearchParams({ ...(state ? { state } : {}), after: page.nextCursor })}`}
            rel="next"
            className="inline-flex min-h-11 items-center font-semibold underline underline-offset-4"
          >
            {t("list.next")}
          </a>
        </p>
      )}
    </section>
  );
}

const FILE_PROBLEMS = [
  "csvUnreadable",
  "csvMissing",
  "csvNotUtf8",
  "csvEmpty",
  "csvNoEmailColumn",
  "csvUnknownColumn",
  "csvTooManyRows",
  "csvUnbalancedQuotes",
] as const;
const fileProblem = (code: string) => readNotice(code, FILE_PROBLEMS) ?? "csvUnreadable";
