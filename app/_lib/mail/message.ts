import type { Locale } from "../i18n";

/** Every kind of mail Guestgate sends; recorded with each message (outbox, logs). */
export type MailKind = "passcode" | "invitation" | "signUpApproval" | "accessPackage";

export interface OutgoingMail {
  to: string;
  /** One copy recipient (an invitation's ccRecipients). */
  cc?: string;
  subject: string;
  text: string;
  html: string;
  locale: Locale;
  kind: MailKind;
  /** The tenant's slug. */
  tenant: string;
}

/** What a transport is handed: the mail plus the sender the deployment is configured with. */
export interface AddressedMail extends OutgoingMail {
  from: string;
}

export interface MailTransport {
  readonly via: "smtp" | "outbox";
  /** Resolves once the message is accepted (by the SMTP server, or on disk); rejects otherwise. */
  deliver(mail: AddressedMail): Promise<{ messageId: string }>;
}

/** A message could not be handed over. Never swallowed: whether to retry is the caller's decision. */
export class MailDeliveryError extends Error {
  override readonly name = "MailDeliveryError";
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}
