import type { Locale } from "../i18n";
import type { Tenant } from "../tenant";
import type { Mailer, SentMail } from "./mailer";
import { renderPasscodeEmail } from "./passcode-email";
import type { MailTranslate } from "./translate";

export interface PasscodeMail {
  tenant: Pick<Tenant, "slug" | "displayName"> & { branding: Pick<Tenant["branding"], "primaryColor"> };
  locale: Locale;
  to: string;
  code: string;
  validForMinutes: number;
}

/** Renders and sends the passcode mail: what the OTP journey's `deliver` callback calls. */
export function createPasscodeMailer(deps: { mailer: Mailer; translator: (locale: Locale) => Promise<MailTranslate> }) {
  return async function sendPasscodeMail(mail: PasscodeMail): Promise<SentMail> {
    const t = await deps.translator(mail.locale);
    const rendered = renderPasscodeEmail({
      tenant: mail.tenant,
      code: mail.code,
      minutes: mail.validForMinutes,
      locale: mail.locale,
      t,
    });
    return deps.mailer.send({ ...rendered, to: mail.to, locale: mail.locale, kind: "passcode", tenant: mail.tenant.slug });
  };
}
