import { parseInvitationCsv } from "../../../../_lib/invitations";
import { adminAction } from "../../_lib/action";
import { withFeedback } from "../../_lib/form-feedback";
import { services } from "../../../../_lib/server";

/** 10,000 rows (the parser's limit) of an address, a name, a language and a URL fit well under this. */
const MAX_UPLOAD = 4 * 1024 * 1024;

/**
 * The bulk upload (multipart/form-data, RFC 7578): the file is parsed here, its rows go to the
 * service's bulk verb (which validates every row before anything is sent) in the background, and
 * the browser goes to the job's page, which shows the progress and then the per-row result.
 */
export const POST = adminAction(
  "guests.invite",
  async ({ request, tenant, actor, body }) => {
    const page = `/${tenant.slug}/admin/invitations`;
    const refuse = (problem: string) => ({
      redirect: `${withFeedback(page, { problems: { file: problem }, values: {} })}#problems`,
    });
    let form: FormData;
    try {
      form = await new Response(new Uint8Array(body), {
        headers: { "content-type": request.headers.get("content-type") ?? "" },
      }).formData();
    } catch {
      return refuse("csvUnreadable");
    }
    const file = form.get("file");
    if (!(file instanceof Blob) || file.size === 0) return refuse("csvMissing");
    let text: string;
    try {
      text = new TextDecoder("utf-8", { fatal: true }).decode(await file.arrayBuffer());
    } catch {
      return refuse("csvNotUtf8");
    }
    const parsed = parseInvitationCsv(text);
    if (!parsed.ok) return refuse(`csv${parsed.problem[0]!.toUpperCase()}${parsed.problem.slice(1)}`);
    if (parsed.rows.length === 0) return refuse("csvEmpty");
    const redirectUrl = String(form.get("redirectUrl") ?? "").trim();
    // Stored, not held in this process: the leased job invites the rows and any instance shows the progress.
    const jobId = await services().bulkInvitations.submit(
      actor,
      tenant.slug,
      file instanceof File ? file.name.slice(0, 200) : "",
      parsed.rows,
      { ...(redirectUrl ? { redirectUrl } : {}), sendInvitationMessage: form.get("send") === "yes" },
    );
    return { redirect: `${page}/bulk/${jobId}` };
  },
  { maxBytes: MAX_UPLOAD },
);
