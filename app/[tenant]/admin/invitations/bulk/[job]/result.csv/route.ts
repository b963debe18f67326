import { getTranslations } from "next-intl/server";
import { requireAdmin } from "../../../../_lib/session";
import { csvRow, UTF8_BOM } from "../../../../guests/_lib/csv";
import { services } from "../../../../../../_lib/server";
import { reasonKey } from "../../../_lib/problems";

/** The per-row result of a finished bulk upload, as CSV: each line of the file, what happened and why. */
export async function GET(_request: Request, { params }: { params: Promise<{ tenant: string; job: string }> }) {
  const { tenant: slug, job: id } = await params;
  const { tenant, actor, locale } = await requireAdmin(slug, "guests.invite");
  const found = await services().bulkInvitations.find(actor, tenant.slug, id);
  const result = found && (await services().bulkInvitations.result(actor, tenant.slug, id));
  if (!found || !result) return new Response(null, { status: 404 });
  const job = { ...found, result };
  const t = await getTranslations({ locale, namespace: "admin.invitations" });
  const lines = [
    csvRow([
      t("bulk.columns.line"),
      t("bulk.columns.email"),
      t("bulk.columns.outcome"),
      t("bulk.columns.reason"),
      t("bulk.columns.code"),
    ]),
    ...job.result.rows.map((row) =>
      csvRow([
        String(row.line),
        row.email,
        t(`bulk.outcomes.${row.outcome}`),
        "reason" in row ? t(`problems.${reasonKey(row.reason)}`) : "",
        "reason" in row ? row.reason : "",
      ]),
    ),
  ];
  return new Response(UTF8_BOM + lines.join(""), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="invitations-result-${job.id.slice(0, 8)}.csv"`,
      "Cache-Control": "no-store",
    },
  });
}
