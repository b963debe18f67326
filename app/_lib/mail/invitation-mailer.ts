import type { Locale } from "../i18n";
import type { Tenant } from "../tenant";
import { renderInvitationEmail, type InvitationEmailInput } from "./invitation-email";
import type { Mailer, SentMail } from "./mailer";
import type { MailTranslate } from "./translate";

export interface InvitationMailMessage {
  kind: InvitationEmailInput["kind"];
  tenant: Pick<Tenant, "slug" | "displayName"> & { branding: Pick<Tenant["branding"], "primaryColor"> };
  locale: Locale;
  to: string;
  cc: string | null;
  inviterName: string | null;
  customMessage: string | null;
  acceptUrl: string;
  expiresAt: Date;
}

/** Renders and sends an invitation mail: what the invitation service's `send` port calls. */
export function createInvitationMailer(deps: { mailer: Mailer; translator: (locale: Locale) => Promise<MailTranslate> }) {
  return async function sendInvitationMail(mail: InvitationMailMessage): Promise<SentMail> {
    const rendered = renderInvitationEmail({ ...mail, t: await deps.translator(mail.locale) });
    return deps.mailer.send({
      ...rendered,
      to: mail.to,
      ...(mail.cc ? { cc: mail.cc } : {}),
      locale: mail.locale,
      kind: "invitation",
      tenant: mail.tenant.slug,
    });
  };
}
