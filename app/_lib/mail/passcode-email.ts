import type { Locale } from "../i18n";
import type { Tenant } from "../tenant";
import { escapeHtml } from "./escape-html";
import { brandedLayoutHtml, heading, paragraph } from "./layout";
import type { MailTranslate } from "./translate";

export interface PasscodeEmailInput {
  tenant: Pick<Tenant, "displayName"> & { branding: Pick<Tenant["branding"], "primaryColor"> };
  code: string;
  /** How long the code is valid, as the person should read it. */
  minutes: number;
  locale: Locale;
  t: MailTranslate;
}

export interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
}

/**
 * The one-time passcode mail. The code is not in the subject: subjects show on lock screens and in
 * notification previews, and mail servers log them.
 */
export function renderPasscodeEmail({ tenant, code, minutes, locale, t }: PasscodeEmailInput): RenderedEmail {
  const name = tenant.displayName;
  const words = {
    subject: t("passcode.subject", { tenant: name }),
    heading: t("passcode.heading"),
    intro: t("passcode.intro", { tenant: name }),
    validity: t("passcode.validity", { minutes }),
    neverShare: t("passcode.neverShare", { tenant: name }),
    ignore: t("passcode.ignore"),
    footer: t("passcode.footer", { tenant: name }),
  };

  const text = [
    words.heading,
    "",
    words.intro,
    "",
    `    ${code}`,
    "",
    words.validity,
    words.neverShare,
    "",
    words.ignore,
    "",
    "-- ",
    words.footer,
    "",
  ].join("\n");

  const codeBlock = `<p style="margin:8px 0 24px;font-family:Consolas,'Courier New',monospace;font-size:36px;font-weight:bold;letter-spacing:8px;">${escapeHtml(code)}</p>`;
  const html = brandedLayoutHtml({
    lang: locale,
    title: words.subject,
    brandName: name,
    primaryColor: tenant.branding.primaryColor,
    body: [
      heading(words.heading),
      paragraph(words.intro, "margin:0 0 8px;"),
      codeBlock,
      paragraph(words.validity),
      paragraph(words.neverShare),
      paragraph(words.ignore, "margin:0;color:#57606a;"),
    ],
    footer: words.footer,
  });

  return { subject: words.subject, text, html };
}
