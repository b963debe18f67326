import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import type { ApprovalDetails } from "../../../_lib/access";
import type { Locale } from "../../../_lib/i18n";
import { tenantOrNotFound } from "../../tenant";
import { LINK, Notice } from "../_components/form-parts";
import { readNotice } from "../_lib/form-feedback";
import { requireAdmin } from "../_lib/session";
import { formatDateTime } from "../guests/_lib/format";
import { approvalQueue, currentStage, personOf } from "./_lib/queue";

interface Props {
  params: Promise<{ tenant: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

const NOTICES = ["approved", "denied"] as const;

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const t = await getTranslations("admin.accessApprovals");
  return { title: t("queue.pageTitle", { tenant: tenantOrNotFound((await params).tenant).displayName }) };
}

/**
 * The approval queue: the access-package requests waiting for the signed-in administrator's
 * decision as a stage approver (any administrator can be one), and for those who may read
 * entitlement management every request still waiting. Deciding happens on the request's page.
 */
export default async function AccessApprovalsPage({ params, searchParams }: Props) {
  const { tenant, actor, session, locale } = await requireAdmin((await params).tenant, "access.approve");
  const t = await getTranslations("admin.accessApprovals");
  const notice = readNotice((await searchParams).done, NOTICES);
  const { mine, all } = await approvalQueue(actor, session.actorFor("access.read"), tenant.slug);
  const base = `/${tenant.slug}/admin/access-approvals`;
  return (
    <section className="max-w-4xl">
      <h1 className="text-2xl font-bold">{t("queue.title")}</h1>
      <p className="mt-2 max-w-prose">{t("queue.intro")}</p>
      <div className="mt-6">{notice && <Notice>{t(`notices.${notice}`)}</Notice>}</div>
      <h2 className="mt-4 text-xl font-bold">{t("queue.mine")}</h2>
      {mine.length === 0 ? (
        <p className="mt-2">{t("queue.mineEmpty")}</p>
      ) : (
        <ApprovalTable items={mine} base={base} locale={locale} caption={t("queue.mine")} t={t} />
      )}
      {all && (
        <>
          <h2 className="mt-10 text-xl font-bold">{t("queue.all")}</h2>
          {all.length === 0 ? (
            <p className="mt-2">{t("queue.allEmpty")}</p>
          ) : (
            <ApprovalTable items={all} base={base} locale={locale} caption={t("queue.all")} t={t} />
          )}
        </>
      )}
    </section>
  );
}

type ApprovalsT = Awaited<ReturnType<typeof getTranslations<"admin.accessApprovals">>>;

function ApprovalTable(props: { items: ApprovalDetails[]; base: string; locale: Locale; caption: string; t: ApprovalsT }) {
  const { items, base, locale, caption, t } = props;
  return (
    <div className="mt-4 overflow-x-auto">
      <table className="w-full border-collapse text-left">
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr className="border-b-2 border-gray-900">
            <th scope="col" className="py-2 pr-4">
              {t("fields.person")}
            </th>
            <th scope="col" className="py-2 pr-4">
              {t("fields.accessPackage")}
            </th>
            <th scope="col" className="py-2 pr-4">
              {t("fields.stage")}
            </th>
            <th scope="col" className="py-2 pr-4">
              {t("fields.requestedAt")}
            </th>
          </tr>
        </thead>
        <tbody>
          {items.map((details) => {
            const { request } = details.approval;
            const stage = currentStage(details);
            const person = personOf(details);
            return (
              <tr key={request.id} className="border-b border-gray-300 align-top">
                <th scope="row" className="py-2 pr-4 font-normal">
                  <a
                    href={`${base}/${request.id}`}
                    className={LINK}
                    aria-label={t("queue.open", { person, accessPackage: details.accessPackage?.displayName ?? "" })}
                  >
                    {person}
                  </a>
                  {request.target?.email && request.target.email !== person && (
                    <span className="block text-sm break-all">{request.target.email}</span>
                  )}
                </th>
                <td className="py-2 pr-4">{details.accessPackage?.displayName ?? "—"}</td>
                <td className="py-2 pr-4">{stage ? t("stage.numbered", { number: stage.number, of: stage.of }) : "—"}</td>
                <td className="py-2 pr-4">{formatDateTime(request.createdAt, locale)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
