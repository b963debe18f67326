import { MAX_OUTBOX_LIST } from "../../../../_lib/mail";
import { developmentOutbox, MESSAGE_ID } from "../../_lib/outbox";

export const dynamic = "force-dynamic";

/**
 * GET /dev/outbox/{id}/html: a message's HTML part, as a download. It is never rendered on our
 * origin — an attachment, with a sandboxing CSP should a browser render it anyway — because mail
 * HTML carries text other people typed. Statuses: 200; 404 outbox off, not a browser on this machine, or no such message.
 */
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  const outbox = developmentOutbox(request.headers);
  const { id } = await params;
  if (!outbox || !MESSAGE_ID.test(id)) return new Response(null, { status: 404 });
  const message = (await outbox.listOutbox({ limit: MAX_OUTBOX_LIST })).find((m) => m.id === id);
  if (!message) return new Response(null, { status: 404 });
  const stamp = message.createdAt.replace(/[:.]/g, "-");
  return new Response(message.html, {
    headers: {
      "Content-Type": "text/html; charset=utf-8",
      "Content-Disposition": `attachment; filename="guestgate-mail-${stamp}-${id.slice(0, 8)}.html"`,
      "Content-Security-Policy": "sandbox; default-src 'none'; style-src 'unsafe-inline'; img-src data:",
      "Cache-Control": "no-store",
    },
  });
}
