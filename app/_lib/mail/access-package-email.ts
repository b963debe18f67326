import type { Locale } from "../i18n";
import type { Tenant } from "../tenant";
import { readableTextOn } from "../tenant";
import { cssHexColour, escapeHtml } from "./escape-html";
import { brandedLayoutHtml, heading, paragraph } from "./layout";
import type { RenderedEmail } from "./passcode-email";
import type { MailTranslate } from "./translate";

type MailTenant = Pick<Tenant, "displayName"> & { branding: Pick<Tenant["branding"], "primaryColor"> };

/** A moment as the reader's language writes it, in UTC (mails cannot know the reader's time zone). */
export function mailDate(at: Date, locale: Locale, withTime: boolean): string {
  const format = new Intl.DateTimeFormat(locale, {
    dateStyle: "long",
    ...(withTime ? { timeStyle: "short" as const } : {}),
    timeZone: "UTC",
  });
  return withTime ? `${format.format(at)} UTC` : format.format(at);
}

export interface AccessApprovalEmailInput {
  tenant: MailTenant;
  accessPackage: string;
  /** Who the access is for, as the approver recognises them: name and address. */
  person: { displayName: string | null; email: string | null };
  organization: string | null;
  justification: string;
  stage: number;
  stages: number;
  dueAt: Date | null;
  /** The first approvers did not decide in time: said in the mail. */
  escalated: boolean;
  /** The portal's approval page of this request: the only link (approvers sign in there to decide). */
  reviewUrl: string;
  locale: Locale;
  t: MailTranslate;
}

/** To an approver of a stage: who asks for which package, from where, why; decide in the portal. */
export function renderAccessApprovalEmail(input: AccessApprovalEmailInput): RenderedEmail {
  const { tenant, t, locale } = input;
  const name = tenant.displayName;
  const person =
    [input.person.displayName, input.person.email ? `<${input.person.email}>` : null].filter(Boolean).join(" ") ||
    t("signUpApproval.someone");
  const values = { tenant: name, person, accessPackage: input.accessPackage };
  const justification = input.justification.trim();
  const words = {
    subject: t("accessPackage.approval.subject", values),
    heading: t("accessPackage.approval.heading"),
    intro: input.organization
      ? t("accessPackage.approval.introFrom", { ...values, organization: input.organization })
      : t("accessPackage.approval.intro", values),
    stage: input.stages > 1 ? t("accessPackage.approval.stage", { stage: input.stage, stages: input.stages }) : null,
    escalated: input.escalated ? t("accessPackage.approval.escalated") : null,
    justification: justification ? t("accessPackage.approval.justification") : t("accessPackage.approval.noJustification"),
    due: input.dueAt ? t("accessPackage.approval.due", { due: mailDate(input.dueAt, locale, true) }) : null,
    decide: t("accessPackage.approval.decide"),
    button: t("accessPackage.approval.button"),
    footer: t("accessPackage.footer", { tenant: name }),
  };
  const text = [
    words.heading,
    "",
    words.intro,
    ...(words.escalated ? ["", words.escalated] : []),
    ...(words.stage ? ["", words.stage] : []),
    "",
    words.justification,
    ...(justification ? justification.split("\n").map((line) => `> ${line}`) : []),
    ...(words.due ? ["", words.due] : []),
    "",
    words.decide,
    input.reviewUrl,
    "",
    "-- ",
    words.footer,
    "",
  ].join("\n");
  const html = brandedLayoutHtml({
    lang: locale,
    title: words.subject,
    brandName: name,
    primaryColor: tenant.branding.primaryColor,
    body: [
      heading(words.heading),
      paragraph(words.intro),
      ...(words.escalated ? [paragraph(words.escalated)] : []),
      ...(words.stage ? [paragraph(words.stage)] : []),
      ...(justification ? quoted(tenant, words.justification, justification) : [paragraph(words.justification)]),
      ...(words.due ? [paragraph(words.due)] : []),
      paragraph(words.decide),
      button(tenant, input.reviewUrl, words.button),
    ],
    footer: words.footer,
  });
  return { subject: words.subject, text, html };
}

export type AccessRequestorKind = "delivered" | "denied" | "autoDenied" | "expiringSoon" | "expired" | "removed";

export interface AccessRequestorEmailInput {
  tenant: MailTenant;
  kind: AccessRequestorKind;
  accessPackage: string;
  /** The approver's justification of a denial (plain text, escaped like everything else). */
  justification?: string;
  expiresAt?: Date | null;
  /** The tenant's My Access page. */
  myAccessUrl: string;
  locale: Locale;
  t: MailTranslate;
}

/** To the person the access is for: delivered, denied, denied when time ran out, ending soon, ended, removed. */
export function renderAccessRequestorEmail(input: AccessRequestorEmailInput): RenderedEmail {
  const { tenant, t, locale, kind } = input;
  const name = tenant.displayName;
  const date = input.expiresAt ? mailDate(input.expiresAt, locale, false) : "";
  const values = { tenant: name, accessPackage: input.accessPackage, date };
  const message = kind === "denied" ? (input.justification ?? "").trim() : "";
  const words = {
    subject: t(`accessPackage.${kind}.subject`, values),
    heading: t(`accessPackage.${kind}.heading`),
    intro: t(`accessPackage.${kind}.intro`, values),
    until: kind === "delivered" && input.expiresAt ? t("accessPackage.delivered.until", values) : null,
    messageFrom: t("accessPackage.denied.messageFrom"),
    button: t("accessPackage.myAccess"),
    footer: t("accessPackage.footer", { tenant: name }),
  };
  const text = [
    words.heading,
    "",
    words.intro,
    ...(words.until ? ["", words.until] : []),
    ...(message ? ["", words.messageFrom, ...message.split("\n").map((line) => `> ${line}`)] : []),
    "",
    input.myAccessUrl,
    "",
    "-- ",
    words.footer,
    "",
  ].join("\n");
  const html = brandedLayoutHtml({
    lang: locale,
    title: words.subject,
    brandName: name,
    primaryColor: tenant.branding.primaryColor,
    body: [
      heading(words.heading),
      paragraph(words.intro),
      ...(words.until ? [paragraph(words.until)] : []),
      ...(message ? quoted(tenant, words.messageFrom, message) : []),
      button(tenant, input.myAccessUrl, words.button),
    ],
    footer: words.footer,
  });
  return { subject: words.subject, text, html };
}

function quoted(tenant: MailTenant, label: string, body: string): string[] {
  const primary = cssHexColour(tenant.branding.primaryColor);
  return [
    `<p style="margin:0 0 4px;font-weight:bold;">${escapeHtml(label)}</p><blockquote style="margin:0 0 16px;padding:8px 16px;border-left:4px solid ${primary};white-space:pre-wrap;">${escapeHtml(body)}</blockquote>`,
  ];
}

function button(tenant: MailTenant, url: string, label: string): string {
  const primary = cssHexColour(tenant.branding.primaryColor);
  return `<p style="margin:24px 0;"><a href="${escapeHtml(url)}" style="display:inline-block;background-color:${primary};color:${readableTextOn(primary)};padding:12px 24px;border-radius:6px;font-weight:bold;text-decoration:none;">${escapeHtml(label)}</a></p>`;
}
