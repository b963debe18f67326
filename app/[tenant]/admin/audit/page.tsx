import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { KNOWN_TYPES } from "../../../_lib/audit";
import { services } from "../../../_lib/server";
import { tenantOrNotFound } from "../../tenant";
import { AuditEventText } from "../_components/audit-event-text";
import { CAPTION, TABLE, TD, TH } from "../_components/overview/table";
import { partiesOf } from "../_lib/audit-names";
import { auditPageQuery, positionParam } from "../_lib/audit-query";
import { requireAdmin } from "../_lib/session";

type Query = Record<string, string | string[] | undefined>;
interface Props {
  params: Promise<{ tenant: string }>;
  searchParams: Promise<Query>;
}

export async function generateMetadata({ params, searchParams }: Props): Promise<Metadata> {
  const tenant = tenantOrNotFound((await params).tenant);
  const t = await getTranslations("admin.audit");
  const title = t("documentTitle", { tenant: tenant.displayName });
  return { title: auditPageQuery(await searchParams).invalid ? t("filters.errorTitle", { title }) : title };
}

const input =
  "min-h-11 rounded border border-gray-700 px-2 py-1 text-black focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-700 aria-invalid:border-red-700";
const linkButton =
  "inline-flex min-h-11 items-center rounded border border-gray-900 px-4 py-2 font-semibold hover:bg-gray-100 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-700";

/** The tenant's audit log: filtered by a GET form, paged by keyset, each event worded in the admin's language. */
export default async function AuditLogPage({ params, searchParams }: Props) {
  const { tenant, actor, locale } = await requireAdmin((await params).tenant, "audit.read");
  const t = await getTranslations("admin.audit");
  const { browse, fields, invalid } = auditPageQuery(await searchParams);
  const page = await services().auditLogs.browse(actor, tenant.slug, browse);
  const rows = await partiesOf(tenant.slug, actor, page.records);
  const when = new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "medium", timeZone: "UTC" });
  const base = `/${tenant.slug}/admin/audit`;
  const kept = new URLSearchParams(Object.entries(fields).filter(([, value]) => value));
  const olderLink = page.next ? `${base}?${new URLSearchParams([...kept, ["after", positionParam(page.next)]])}` : undefined;
  const field = (name: keyof typeof fields, label: string, hint?: string, type = "text") => (
    <label className="flex flex-col gap-1">
      <span>{label}</span>
      <input
        type={type}
        name={name}
        defaultValue={fields[name]}
        aria-invalid={invalid || undefined}
        aria-describedby={[hint ? `${name}-hint` : "", invalid ? "filter-error" : ""].filter(Boolean).join(" ") || undefined}
        className={input}
      />
      {hint && (
        <span id={`${name}-hint`} className="text-sm text-gray-700">
          {hint}
        </span>
      )}
    </label>
  );
  return (
    <section>
      <h1 className="text-2xl font-bold">{t("title")}</h1>
      <p className="mt-2 text-gray-700">{t("intro", { tenant: tenant.displayName })}</p>
      <form method="get" action={base} className="mt-4">
        <fieldset className="flex flex-wrap items-start gap-4">
          <legend className="mb-2 font-semibold">{t("filters.legend")}</legend>
          {invalid && (
            <p id="filter-error" role="alert" className="w-full font-semibold text-red-800">
              {t("filters.invalid")}
            </p>
          )}
          {field("actor", t("filters.actor"), t("filters.actorHint"))}
          <label className="flex flex-col gap-1">
            <span>{t("filters.type")}</span>
            <select name="type" defaultValue={fields.type} className={input}>
              <option value="">{t("filters.anyType")}</option>
              {KNOWN_TYPES.map((type) => (
                <option key={type} value={type}>
                  {type}
                </option>
              ))}
            </select>
          </label>
          {field("target", t("filters.target"), t("filters.targetHint"))}
          {field("from", t("filters.from"), t("filters.dateHint"), "date")}
          {field("to", t("filters.to"), undefined, "date")}
          <div className="flex w-full flex-wrap gap-4">
            <button
              type="submit"
              className="min-h-11 rounded bg-gray-900 px-4 py-2 font-semibold text-white hover:bg-gray-700 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-700"
            >
              {t("filters.submit")}
            </button>
            <a href={base} className={linkButton}>
              {t("filters.reset")}
            </a>
          </div>
        </fieldset>
      </form>
      <div className="overflow-x-auto">
        <table className={TABLE} id="audit-table">
          <caption className={CAPTION}>{t("table.caption")}</caption>
          <thead>
            <tr>
              <th scope="col" className={TH}>
                {t("table.when")}
              </th>
              <th scope="col" className={TH}>
                {t("table.event")}
              </th>
              <th scope="col" className={TH}>
                {t("table.type")}
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map(({ record, actor: by, target }) => (
              <tr key={record.id} data-type={record.type}>
                <td className={TD}>
                  <time dateTime={record.createdAt.toISOString()}>{when.format(record.createdAt)}</time>
                </td>
                <td className={TD}>
                  <AuditEventText record={record} actor={by} {...(target ? { target } : {})} />
                </td>
                <td className={`${TD} font-mono text-xs`}>{record.type}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {rows.length === 0 && <p className="mt-3">{t("table.none")}</p>}
      <nav aria-label={t("paging.label")} className="mt-4 flex gap-4">
        {browse.after && (
          <a href={kept.size ? `${base}?${kept}` : base} className={linkButton}>
            {t("paging.newest")}
          </a>
        )}
        {olderLink && (
          <a href={olderLink} className={linkButton} rel="next">
            {t("paging.older")}
          </a>
        )}
      </nav>
    </section>
  );
}
