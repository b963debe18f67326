import nodemailer from "nodemailer";
import { MailDeliveryError, type AddressedMail, type MailTransport } from "./message";

/**
 * Delivery through an SMTP server given as a URL: smtp://user:password@host:587 (STARTTLS when the
 * server offers it) or smtps://user:password@host:465 (TLS from the first byte). nodemailer reads
 * the credentials and options such as ?tls.rejectUnauthorized=false from the URL.
 * The timeouts are short because a person is waiting for the page that sends the code.
 */
export function createSmtpTransport(url: string): MailTransport {
  const transporter = nodemailer.createTransport({
    url,
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
  });
  return {
    via: "smtp",
    async deliver(mail: AddressedMail) {
      let info;
      try {
        info = await transporter.sendMail({
          from: mail.from,
          to: mail.to,
          ...(mail.cc ? { cc: mail.cc } : {}),
          subject: mail.subject,
          text: mail.text,
          html: mail.html,
          headers: automatedMessageHeaders(mail),
        });
      } catch (error) {
        throw new MailDeliveryError(`the SMTP server did not accept the ${mail.kind} mail`, { cause: error });
      }
      if (info.rejected.length > 0)
        throw new MailDeliveryError(`the SMTP server rejected the recipient of the ${mail.kind} mail`);
      return { messageId: info.messageId };
    },
  };
}

function automatedMessageHeaders(mail: AddressedMail): Record<string, string> {
  return {
    // RFC 3834 §5: a machine-generated message; auto-responders must not answer it.
    "Auto-Submitted": "auto-generated",
    // Exchange and Outlook do not read Auto-Submitted for out-of-office replies; this header they do.
    "X-Auto-Response-Suppress": "All",
    // RFC 3282: the language of the content, for screen readers and filters.
    "Content-Language": mail.locale,
  };
}

/** host:port of an SMTP URL, for logs: never the credentials. */
export function describeSmtpUrl(url: string): string {
  const parsed = new URL(url);
  const port = parsed.port || (parsed.protocol === "smtps:" ? "465" : "587");
  return `${parsed.protocol}//${parsed.hostname}:${port}`;
}
