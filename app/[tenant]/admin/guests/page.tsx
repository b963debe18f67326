import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { isDirectoryError, type GuestDetailsPage } from "../../../_lib/directory";
import type { Locale } from "../../../_lib/i18n";
import { services } from "../../../_lib/server";
import { requireAdmin } from "../_lib/session";
import { GuestFilters } from "./_components/guest-filters";
import { GuestTable } from "./_components/guest-table";
import { formatNumber, linkClass } from "./_lib/format";
import { listHref, readListForm, toSearchParams } from "./_lib/list-query";

interface Props {
  params: Promise<{ tenant: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

const PAGE_SIZE = 50;
/**
 * Exact counts: a LIMITed count (`atMost`) was measured slower on SQLite, not faster
 * (docs/PERFORMANCE.md); past this the page still says "10,000 or more".
 */
const COUNT_CAP = 10_000;

export async function generateMetadata({ params, searchParams }: Props): Promise<Metadata> {
  const [t, shell] = [await getTranslations("admin.guests.list"), await getTranslations("admin.shell")];
  const form = readListForm(toSearchParams(await searchParams));
  const title = `${t("title")} – ${shell("title", { tenant: (await params).tenant })}`;
  return { title: Object.keys(form.problems).length ? `${t("errorTitle")} ${title}` : title };
}

/**
 * The guest list: a GET form (search, filters, sort) that works without JavaScript, a table of one
 * key-set page (the directory's MACed cursor; previous and next links), the counts, and the CSV
 * export of the same filter.
 */
export default async function GuestListPage({ params, searchParams }: Props) {
  const { tenant, actor, locale } = await requireAdmin((await params).tenant, "guests.read");
  const t = await getTranslations("admin.guests.list");
  const query = toSearchParams(await searchParams);
  const form = readListForm(query);
  const done = query.get("done");
  const base = `/${tenant.slug}/admin/guests`;
  const { directory } = services();

  let page: GuestDetailsPage = { guests: [] };
  let staleCursor = false;
  try {
    page = await directory.listDetails(actor, tenant.slug, {
      ...form.query,
      top: PAGE_SIZE,
      ...(form.cursor ? { cursor: form.cursor } : {}),
    });
  } catch (error) {
    // A cursor from before the filter changed (or tampered with): start again at the first page.
    if (!(isDirectoryError(error) && error.code === "invalid" && form.cursor)) throw error;
    staleCursor = true;
    page = await directory.listDetails(actor, tenant.slug, { ...form.query, top: PAGE_SIZE });
  }
  const filtered = Object.keys(form.values).some((name) => name !== "sort");
  const [matching, total] = await Promise.all([
    directory.count(actor, tenant.slug, form.query.filter),
    filtered ? directory.count(actor, tenant.slug) : undefined,
  ]);
  const flows = await flowNames(actor, tenant.slug);
  const exportHref = listHref(`${base}/export.csv`, form.values);

  return (
    <section aria-labelledby="guests-title">
      <h1 id="guests-title" className="text-2xl font-bold">
        {t("title")}
      </h1>
      <GuestFilters action={base} form={form} flows={flows} providers={tenant.identityProviders.map((p) => p.id)} t={t} />
      <div className="mt-6 flex flex-wrap items-center justify-between gap-4">
        <p role="status" className="font-semibold">
          {countText(t, matching, locale)}
          {filtered && ` ${t("countTotal", { total: countText(t, total ?? 0, locale) })}`}
        </p>
        <p>
          <a href={exportHref} className={linkClass} download>
            {t("export")}
          </a>{" "}
          <span className="text-sm text-gray-700">{t("exportHelp")}</span>
        </p>
      </div>
      {done === "deleted" && (
        <p role="status" className="mt-4 rounded border-l-4 border-green-700 bg-green-50 p-3 text-green-900">
          {t("deleted")}
        </p>
      )}
      {staleCursor && <p className="mt-4 rounded border-l-4 border-gray-900 bg-gray-100 p-3">{t("staleCursor")}</p>}
      <GuestTable guests={page.guests} tenantSlug={tenant.slug} locale={locale} t={t} />
      {(page.previousCursor || page.nextCursor) && (
        <nav aria-label={t("pagination")} className="mt-4 flex gap-4">
          {page.previousCursor && (
            <a
              href={listHref(base, form.values, page.previousCursor)}
              rel="prev"
              className={`${linkClass} inline-flex min-h-11 items-center`}
            >
              {t("previous")}
            </a>
          )}
          {page.nextCursor && (
            <a
              href={listHref(base, form.values, page.nextCursor)}
              rel="next"
              className={`${linkClass} inline-flex min-h-11 items-center`}
            >
              {t("next")}
            </a>
          )}
        </nav>
      )}
    </section>
  );
}

function countText(t: Awaited<ReturnType<typeof getTranslations<"admin.guests.list">>>, count: number, locale: Locale): string {
  return count >= COUNT_CAP
    ? t("countAtLeast", { shown: formatNumber(COUNT_CAP, locale) })
    : t("count", { count, shown: formatNumber(count, locale) });
}

/** The flows to filter by; a role that may not read flows (Guest Inviter) types the name instead. */
async function flowNames(actor: Parameters<ReturnType<typeof services>["userFlows"]["list"]>[0], tenantId: string) {
  try {
    return (await services().userFlows.list(actor, tenantId)).map((flow) => flow.name);
  } catch (error) {
    if (error instanceof Error && error.name === "UserFlowPermissionError") return undefined;
    throw error;
  }
}
