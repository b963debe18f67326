import { createLogger } from "../log";
import { createOutbox } from "./outbox";
import { createSmtpTransport, describeSmtpUrl } from "./smtp-transport";
import type { MailTransport, OutgoingMail } from "./message";

export interface MailLog {
  info(message: string): void;
  warn(message: string): void;
}

export interface MailerOptions {
  /** smtp:// or smtps:// with credentials in the URL; without it every message goes to the outbox. */
  smtpUrl?: string;
  /** The From header, such as `Guestgate <no-reply@example.com>`. */
  from: string;
  outboxDir: string;
  production: boolean;
  log?: MailLog;
}

export interface SentMail {
  messageId: string;
  via: "smtp" | "outbox";
}

export interface Mailer {
  readonly via: "smtp" | "outbox";
  /** Rejects with MailDeliveryError when the message could not be handed over; never drops it. */
  send(mail: OutgoingMail): Promise<SentMail>;
}

/**
 * Chooses the transport once, at start, and says which one it chose. Production without SMTP is
 * allowed — the offline quick start runs `next start` — but it is announced as a warning, because
 * such a deployment sends no mail at all.
 */
export function createMailer(options: MailerOptions): Mailer {
  const log = options.log ?? createLogger({ level: "info", bindings: { module: "mail" } });
  const transport: MailTransport = options.smtpUrl
    ? createSmtpTransport(options.smtpUrl)
    : createOutbox({ dir: options.outboxDir });

  if (options.smtpUrl) {
    log.info(`[mail] sending through ${describeSmtpUrl(options.smtpUrl)} as ${options.from}`);
  } else if (options.production) {
    log.warn(
      `[mail] SMTP_URL is not set: Guestgate sends NO e-mail. Every message, one-time passcodes included, is written to ${options.outboxDir} and printed in this log. ` +
        "Set SMTP_URL (smtps://host:465, with the user name and password in the URL) before real people use this site.",
    );
  } else {
    log.info(`[mail] no SMTP_URL: messages go to the development outbox ${options.outboxDir} and are printed here`);
  }

  return {
    via: transport.via,
    async send(mail) {
      const { messageId } = await transport.deliver({ ...mail, from: options.from });
      // Without SMTP the outbox is the only way to read a passcode, so the body is printed — in
      // production too: that setup is the offline demo, and the start-up warning says so.
      if (transport.via === "outbox") log.info(`[mail] outbox: to ${mail.to}, subject "${mail.subject}"\n${mail.text}`);
      return { messageId, via: transport.via };
    },
  };
}
