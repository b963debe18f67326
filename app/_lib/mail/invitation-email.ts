import type { Locale } from "../i18n";
import type { Tenant } from "../tenant";
import { readableTextOn } from "../tenant";
import { cssHexColour, escapeHtml } from "./escape-html";
import { brandedLayoutHtml, heading, paragraph } from "./layout";
import type { MailTranslate } from "./translate";

export interface InvitationEmailInput {
  kind: "invitation" | "invitedAgain" | "reminder";
  tenant: Pick<Tenant, "displayName"> & { branding: Pick<Tenant["branding"], "primaryColor"> };
  inviterName: string | null;
  /** The inviter's own words (Graph's customizedMessageBody): plain text, escaped like everything else. */
  customMessage: string | null;
  acceptUrl: string;
  expiresAt: Date;
  locale: Locale;
  t: MailTranslate;
}

const WORDS = {
  invitation: { subject: "invitation.subject", heading: "invitation.heading" },
  invitedAgain: { subject: "invitation.subjectAgain", heading: "invitation.headingAgain" },
  reminder: { subject: "invitation.subjectReminder", heading: "invitation.headingReminder" },
} as const;

/**
 * The invitation mail (first, "invited again", reminder): who invites to what, the inviter's
 * message, the accept button, until when it is valid. The link is the only URL in it, and only
 * an https or loopback one (anything else is a bug upstream and fails loudly). No images (see layout.ts).
 */
export function renderInvitationEmail(input: InvitationEmailInput): { subject: string; text: string; html: string } {
  const { t, tenant, inviterName } = input;
  const names = { tenant: tenant.displayName, ...(inviterName ? { inviter: inviterName } : {}) };
  const url = checkedUrl(input.acceptUrl);
  const date = new Intl.DateTimeFormat(input.locale, { dateStyle: "long", timeZone: "UTC" }).format(input.expiresAt);
  const subject =
    input.kind === "invitation" && !inviterName ? t("invitation.subjectNoInviter", names) : t(WORDS[input.kind].subject, names);
  const words = {
    heading: t(WORDS[input.kind].heading),
    intro: inviterName ? t("invitation.intro", names) : t("invitation.introNoInviter", names),
    notice: input.kind === "invitedAgain" ? t("invitation.again") : input.kind === "reminder" ? t("invitation.reminder") : null,
    messageFrom: inviterName ? t("invitation.messageFrom", names) : t("invitation.messageNoInviter", names),
    accept: t("invitation.accept"),
    linkHint: t("invitation.linkHint"),
    expiry: t("invitation.expiry", { date }),
    proof: t("invitation.proof"),
    ignore: t("invitation.ignore"),
    footer: t("invitation.footer", names),
  };
  const message = input.customMessage?.trim() || null;

  const text = [
    words.heading,
    "",
    words.intro,
    ...(words.notice ? ["", words.notice] : []),
    ...(message ? ["", words.messageFrom, ...message.split(/\r?\n/).map((line) => `> ${line}`)] : []),
    "",
    `${words.accept}:`,
    url,
    "",
    words.expiry,
    words.proof,
    "",
    words.ignore,
    "",
    "-- ",
    words.footer,
    "",
  ].join("\n");

  const primary = cssHexColour(tenant.branding.primaryColor);
  const button = `<p style="margin:24px 0;"><a href="${escapeHtml(url)}" style="display:inline-block;background-color:${primary};color:${readableTextOn(primary)};padding:12px 24px;border-radius:6px;font-weight:bold;text-decoration:none;">${escapeHtml(words.accept)}</a></p>`;
  const quoted = message
    ? `<p style="margin:0 0 4px;font-weight:bold;">${escapeHtml(words.messageFrom)}</p><blockquote style="margin:0 0 16px;padding:8px 16px;border-left:4px solid ${primary};white-space:pre-wrap;">${escapeHtml(message)}</blockquote>`
    : "";
  const html = brandedLayoutHtml({
    lang: input.locale,
    title: subject,
    brandName: tenant.displayName,
    primaryColor: tenant.branding.primaryColor,
    body: [
      heading(words.heading),
      paragraph(words.intro),
      ...(words.notice ? [paragraph(words.notice)] : []),
      quoted,
      button,
      paragraph(words.expiry),
      paragraph(words.proof),
      paragraph(words.linkHint, "margin:0 0 4px;font-size:13px;color:#57606a;"),
      `<p style="margin:0 0 16px;font-size:13px;word-break:break-all;">${escapeHtml(url)}</p>`,
      paragraph(words.ignore, "margin:0;color:#57606a;"),
    ].filter(Boolean),
    footer: words.footer,
  });
  return { subject, text, html };
}

function checkedUrl(value: string): string {
  const url = new URL(value);
  const loopback = url.protocol === "http:" && ["localhost", "127.0.0.1", "[::1]"].includes(url.hostname);
  if (url.protocol !== "https:" && !loopback) throw new TypeError("an invitation link must be https");
  return url.toString();
}
