import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { formatNumber } from "../../../guests/_lib/format";
import { LINK } from "../../../_components/form-parts";
import { requireAdmin } from "../../../_lib/session";
import { services } from "../../../../../_lib/server";
import { reasonKey } from "../../_lib/problems";

interface Props {
  params: Promise<{ tenant: string; job: string }>;
}

/** While the job runs the page reloads itself this often (no script needed). */
const REFRESH_SECONDS = 2;

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const [t, shell] = [await getTranslations("admin.invitations.bulk"), await getTranslations("admin.shell")];
  return { title: `${t("progressTitle")} – ${shell("title", { tenant: (await params).tenant })}` };
}

/**
 * A bulk upload's progress, then its result: a `<progress>` bar and a count, refreshed by
 * `<meta http-equiv="refresh">` while it runs (React puts it in the head), so it works with and
 * without JavaScript; when done, the counts, the rows that were not invited and why, and the
 * per-row result as CSV.
 */
export default async function BulkJobPage({ params }: Props) {
  const { tenant: slug, job: id } = await params;
  const { tenant, actor, locale } = await requireAdmin(slug, "guests.invite");
  // Read from the database: any instance shows the job, whichever one runs it.
  const { bulkInvitations } = services();
  const stored = await bulkInvitations.find(actor, tenant.slug, id);
  if (!stored) notFound();
  const result = stored.state === "finished" ? await bulkInvitations.result(actor, tenant.slug, id) : undefined;
  // A queued job (rows not checked yet) reads as running to the administrator.
  const job = { ...stored, state: stored.state === "queued" ? ("running" as const) : stored.state, result };
  const t = await getTranslations("admin.invitations");
  const here = `/${tenant.slug}/admin/invitations/bulk/${job.id}`;
  const n = (value: number) => formatNumber(value, locale);
  const refused = job.result?.rows.filter((row) => row.outcome === "invalid" || row.outcome === "failed") ?? [];

  return (
    <section aria-labelledby="bulk-title">
      {job.state === "running" && <meta httpEquiv="refresh" content={String(REFRESH_SECONDS)} />}
      <h1 id="bulk-title" className="text-2xl font-bold">
        {t("bulk.progressTitle")}
      </h1>
      {job.fileName && <p className="mt-2 text-gray-800">{t("bulk.file", { name: job.fileName })}</p>}
      <div className="mt-6">
        <label htmlFor="bulk-progress" className="font-semibold">
          {t(`bulk.state.${job.state}`)}
        </label>
        <progress id="bulk-progress" className="mt-2 block h-4 w-full" max={job.total} value={job.done}>
          {t("bulk.done", { done: n(job.done), total: n(job.total) })}
        </progress>
        <p role="status" className="mt-2">
          {t("bulk.done", { done: n(job.done), total: n(job.total) })}
        </p>
        {job.state === "running" && (
          <p className="mt-2">
            {t("bulk.refreshHelp")}{" "}
            <a href={here} className={LINK}>
              {t("bulk.refresh")}
            </a>
          </p>
        )}
      </div>
      {job.result && (
        <>
          <h2 className="mt-8 text-xl font-semibold">{t("bulk.summaryTitle")}</h2>
          <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-6 gap-y-1">
            {(["invited", "alreadyInvited", "alreadyGuest", "invalid", "failed"] as const).map((outcome) => (
              <div key={outcome} className="contents">
                <dt>{t(`bulk.outcomes.${outcome}`)}</dt>
                <dd data-outcome={outcome} className="font-semibold tabular-nums">
                  {n(job.result!.counts[outcome])}
                </dd>
              </div>
            ))}
          </dl>
          <p className="mt-4">
            <a href={`${here}/result.csv`} className={LINK} download>
              {t("bulk.download")}
            </a>
          </p>
          {refused.length > 0 && (
            <div className="mt-6 overflow-x-auto">
              <table className="w-full border-collapse text-left">
                <caption className="mb-2 text-left font-semibold">{t("bulk.refusedCaption", { count: refused.length })}</caption>
                <thead>
                  <tr className="border-b border-gray-400">
                    <th scope="col" className="py-2 pr-4">
                      {t("bulk.columns.line")}
                    </th>
                    <th scope="col" className="py-2 pr-4">
                      {t("bulk.columns.email")}
                    </th>
                    <th scope="col" className="py-2">
                      {t("bulk.columns.reason")}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {refused.slice(0, 100).map((row) => (
                    <tr key={row.line} className="border-b border-gray-200">
                      <td className="py-2 pr-4 tabular-nums">{row.line}</td>
                      <td className="py-2 pr-4 break-all">{row.email}</td>
                      <td className="py-2">{"reason" in row ? t(`problems.${reasonKey(row.reason)}`) : ""}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
              {refused.length > 100 && <p className="mt-2">{t("bulk.moreInDownload")}</p>}
            </div>
          )}
        </>
      )}
      {job.state === "failed" && <p className="mt-6 rounded border-l-4 border-red-700 bg-red-50 p-3">{t("bulk.failed")}</p>}
      <p className="mt-8">
        <a href={`/${tenant.slug}/admin/invitations`} className={LINK}>
          {t("bulk.back")}
        </a>
      </p>
    </section>
  );
}
