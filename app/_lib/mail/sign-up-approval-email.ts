import type { Locale } from "../i18n";
import type { Tenant } from "../tenant";
import { readableTextOn } from "../tenant";
import { cssHexColour, escapeHtml } from "./escape-html";
import { brandedLayoutHtml, heading, paragraph } from "./layout";
import type { RenderedEmail } from "./passcode-email";
import type { MailTranslate } from "./translate";

type MailTenant = Pick<Tenant, "displayName"> & { branding: Pick<Tenant["branding"], "primaryColor"> };

export interface ApprovalRequestEmailInput {
  tenant: MailTenant;
  /** Who asked: the name they typed (or none) and their address, so the approver recognises them. */
  guestName: string | null;
  guestEmail: string | null;
  /** The portal's "Sign-up requests" page: the only link, and approvers must sign in there to decide. */
  reviewUrl: string;
  locale: Locale;
  t: MailTranslate;
}

/** To an approver: someone asked to join; decide in the portal. */
export function renderApprovalRequestEmail({
  tenant,
  guestName,
  guestEmail,
  reviewUrl,
  locale,
  t,
}: ApprovalRequestEmailInput): RenderedEmail {
  const name = tenant.displayName;
  const who = [guestName, guestEmail ? `<${guestEmail}>` : null].filter(Boolean).join(" ") || t("signUpApproval.someone");
  const words = {
    subject: t("signUpApproval.request.subject", { tenant: name }),
    heading: t("signUpApproval.request.heading"),
    intro: t("signUpApproval.request.intro", { tenant: name, person: who }),
    decide: t("signUpApproval.request.decide"),
    button: t("signUpApproval.request.button"),
    footer: t("signUpApproval.footer", { tenant: name }),
  };
  const text = [words.heading, "", words.intro, "", words.decide, reviewUrl, "", "-- ", words.footer, ""].join("\n");
  const html = brandedLayoutHtml({
    lang: locale,
    title: words.subject,
    brandName: name,
    primaryColor: tenant.branding.primaryColor,
    body: [heading(words.heading), paragraph(words.intro), paragraph(words.decide), button(tenant, reviewUrl, words.button)],
    footer: words.footer,
  });
  return { subject: words.subject, text, html };
}

export interface SignUpDecisionEmailInput {
  tenant: MailTenant;
  approved: boolean;
  /** The approver's note, plain text (escaped like everything else). */
  message: string | null;
  /** Approved: where to sign in (the tenant's home page); refused: none. */
  signInUrl: string | null;
  locale: Locale;
  t: MailTranslate;
}

/** To the person: approved (sign in now) or refused, with the approver's message when there is one. */
export function renderSignUpDecisionEmail({
  tenant,
  approved,
  message,
  signInUrl,
  locale,
  t,
}: SignUpDecisionEmailInput): RenderedEmail {
  const name = tenant.displayName;
  const key = approved ? "approved" : "refused";
  const words = {
    subject: t(`signUpApproval.${key}.subject`, { tenant: name }),
    heading: t(`signUpApproval.${key}.heading`),
    intro: t(`signUpApproval.${key}.intro`, { tenant: name }),
    messageFrom: t("signUpApproval.messageFrom", { tenant: name }),
    button: t("signUpApproval.approved.button"),
    footer: t("signUpApproval.footer", { tenant: name }),
  };
  const quoted = message ? ["", words.messageFrom, ...message.split("\n").map((line) => `> ${line}`)] : [];
  const link = approved && signInUrl ? ["", signInUrl] : [];
  const text = [words.heading, "", words.intro, ...quoted, ...link, "", "-- ", words.footer, ""].join("\n");
  const primary = cssHexColour(tenant.branding.primaryColor);
  const html = brandedLayoutHtml({
    lang: locale,
    title: words.subject,
    brandName: name,
    primaryColor: tenant.branding.primaryColor,
    body: [
      heading(words.heading),
      paragraph(words.intro),
      ...(message
        ? [
            `<p style="margin:0 0 4px;font-weight:bold;">${escapeHtml(words.messageFrom)}</p><blockquote style="margin:0 0 16px;padding:8px 16px;border-left:4px solid ${primary};white-space:pre-wrap;">${escapeHtml(message)}</blockquote>`,
          ]
        : []),
      ...(approved && signInUrl ? [button(tenant, signInUrl, words.button)] : []),
    ],
    footer: words.footer,
  });
  return { subject: words.subject, text, html };
}

function button(tenant: MailTenant, url: string, label: string): string {
  const primary = cssHexColour(tenant.branding.primaryColor);
  return `<p style="margin:24px 0;"><a href="${escapeHtml(url)}" style="display:inline-block;background-color:${primary};color:${readableTextOn(primary)};padding:12px 24px;border-radius:6px;font-weight:bold;text-decoration:none;">${escapeHtml(label)}</a></p>`;
}
