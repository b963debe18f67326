import { z } from "zod";
import { SUPPORTED_LOCALES } from "../../../../_lib/i18n";
import { services } from "../../../../_lib/server";
import { adminAction } from "../../_lib/action";
import { withFeedback } from "../../_lib/form-feedback";
import { formField, isRefusal } from "../_lib/problems";

const INVITE = z.object({
  email: z.string().trim().min(1).max(320),
  displayName: z.string().trim().max(256),
  redirectUrl: z.string().trim().max(2048),
  redirectUrlOther: z.string().trim().max(2048),
  language: z.union([z.literal(""), z.enum(SUPPORTED_LOCALES)]),
  message: z.string().max(2000),
  send: z.union([z.literal(""), z.literal("yes")]),
});

/**
 * Invite one person: the service validates the address, the domain rules and the redirect URL
 * (a typed one too: never an open redirect), creates the pending guest and the ticket, audits it
 * with the administrator, and sends the e-mail when asked.
 */
export const POST = adminAction("guests.invite", async ({ tenant, actor, form }) => {
  const page = `/${tenant.slug}/admin/invitations`;
  const raw = Object.fromEntries(
    ["email", "displayName", "redirectUrl", "redirectUrlOther", "language", "message", "send"].map((name) => [
      name,
      form.get(name) ?? "",
    ]),
  );
  const values = { ...raw, send: raw.send === "yes" ? "yes" : "" };
  const parsed = INVITE.safeParse(raw);
  if (!parsed.success) {
    const problems: Record<string, string> = {};
    for (const issue of parsed.error.issues)
      problems[String(issue.path[0])] ??= issue.path[0] === "email" ? "invalidAddress" : "invalid";
    return { redirect: `${withFeedback(page, { problems, values })}#problems` };
  }
  const input = parsed.data;
  const redirectUrl = input.redirectUrlOther || input.redirectUrl;
  if (!redirectUrl)
    return { redirect: `${withFeedback(page, { problems: { redirectUrl: "redirectMissing" }, values })}#problems` };
  try {
    const outcome = await services().invitations.create(actor, tenant.slug, {
      email: input.email,
      displayName: input.displayName || null,
      redirectUrl,
      messageLanguage: input.language || null,
      customMessage: input.message.trim() || null,
      sendInvitationMessage: input.send === "yes",
    });
    const done = outcome.status === "Completed" ? "alreadyGuest" : outcome.messageSent ? "invitedSent" : "invited";
    return { redirect: `${page}?done=${done}` };
  } catch (error) {
    if (!isRefusal(error) || error.code === "notFound") throw error;
    const field = error.code === "invalid" ? formField(error.field) : "email";
    return { redirect: `${withFeedback(page, { problems: { [field]: error.reason }, values })}#problems` };
  }
});
