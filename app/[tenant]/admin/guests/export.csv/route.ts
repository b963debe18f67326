import { getTranslations } from "next-intl/server";
import type { GuestDetails } from "../../../../_lib/directory";
import { services } from "../../../../_lib/server";
import { requireAdmin } from "../../_lib/session";
import { csvRow, UTF8_BOM } from "../_lib/csv";
import { readListForm } from "../_lib/list-query";

/** Rows read per key-set page while streaming: memory holds one page, whatever the directory's size. */
const PAGE = 500;

/**
 * The guests matching the list's filter as CSV (`guests.read`), streamed: a ReadableStream pulls
 * one key-set page of the directory at a time, so the whole table is never in memory. No
 * Content-Length is sent (the size is unknown until the end), so the browser shows a download in
 * progress with the bytes received so far: that is the progress indication. The export is
 * audited (`guests.exported`, the filter's kinds and the count) before the first row goes out.
 */
export async function GET(request: Request, { params }: { params: Promise<{ tenant: string }> }) {
  const { tenant, actor, locale } = await requireAdmin((await params).tenant, "guests.read");
  const form = readListForm(new URL(request.url).searchParams);
  if (Object.keys(form.problems).length) return new Response(null, { status: 400 });
  const filter = form.query.filter;
  const { directory } = services();
  await directory.recordExport(actor, tenant.slug, filter, "csv");
  const [list, exported] = [
    await getTranslations({ locale, namespace: "admin.guests.list" }),
    await getTranslations({ locale, namespace: "admin.guests.export" }),
  ];
  const header = csvRow([
    exported("id"),
    list("columns.name"),
    list("columns.email"),
    list("columns.state"),
    exported("userType"),
    list("columns.created"),
    list("columns.createdVia"),
    list("columns.flow"),
    exported("application"),
    exported("provider"),
  ]);
  const encoder = new TextEncoder();
  let cursor: string | undefined;
  let started = false;
  const stream = new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!started) {
        started = true;
        controller.enqueue(encoder.encode(UTF8_BOM + header));
        return;
      }
      const page = await directory.listDetails(actor, tenant.slug, {
        ...form.query,
        top: PAGE,
        ...(cursor ? { cursor } : {}),
      });
      if (page.guests.length) controller.enqueue(encoder.encode(page.guests.map(row).join("")));
      cursor = page.nextCursor;
      if (!cursor) controller.close();
    },
  });
  const day = new Date().toISOString().slice(0, 10);
  return new Response(stream, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8; header=present",
      "Content-Disposition": `attachment; filename="guests-${tenant.slug}-${day}.csv"`,
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}

/** One guest as a record: machine values (ISO dates, state and source codes), so a spreadsheet can sort and filter. */
function row(guest: GuestDetails): string {
  return csvRow([
    guest.id,
    guest.displayName,
    guest.email,
    guest.state,
    guest.userType,
    guest.createdAt.toISOString(),
    guest.createdVia,
    guest.signedUpVia?.userFlowName ?? "",
    guest.signedUpVia?.clientId ?? "",
    [...new Set(guest.identities.map((identity) => identity.providerId))].join(" "),
  ]);
}
