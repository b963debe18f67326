import { createServer } from "node:net";
import PostalMime from "postal-mime";
import { SMTPServer, type SMTPServerOptions } from "smtp-server";
import { afterEach, describe, expect, it } from "vitest";
import { createMailer, createPasscodeMailer, MailDeliveryError, mailTranslator } from "@/app/_lib/mail";
import { SUPPORTED_LOCALES } from "@/app/_lib/i18n";

interface Received {
  envelope: { mailFrom: string | undefined; rcptTo: string[] };
  user: string | undefined;
  raw: Buffer;
}

const servers: SMTPServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => new Promise<void>((resolve) => server.close(() => resolve()))));
});

/** A real SMTP server on 127.0.0.1 and a free port, recording every message it accepts. */
async function startSmtpServer(options: SMTPServerOptions): Promise<{ port: number; received: Received[] }> {
  const received: Received[] = [];
  const server = new SMTPServer({
    logger: false,
    ...options,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        received.push({
          envelope: {
            mailFrom: session.envelope.mailFrom ? session.envelope.mailFrom.address : undefined,
            rcptTo: session.envelope.rcptTo.map((r) => r.address),
          },
          user: session.user as string | undefined,
          raw: Buffer.concat(chunks),
        });
        callback();
      });
    },
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { port: (server.server.address() as { port: number }).port, received };
}

const sparbanken = { slug: "sparbanken", displayName: "Sparbanken Norr", branding: { primaryColor: "#0b3d6e" } };
const quiet = { info: () => {}, warn: () => {} };
const FROM = "Sparbanken gäster <no-reply@guestgate.test>";
const subjects = {
  en: "Your verification code for Sparbanken Norr",
  nl: "Uw verificatiecode voor Sparbanken Norr",
  sv: "Din verifieringskod för Sparbanken Norr",
  fr: "Votre code de vérification pour Sparbanken Norr",
};

function passcodeSender(smtpUrl: string) {
  const mailer = createMailer({ smtpUrl, from: FROM, outboxDir: "/nonexistent/never-used", production: true, log: quiet });
  expect(mailer.via).toBe("smtp");
  return createPasscodeMailer({ mailer, translator: mailTranslator });
}

describe("passcode mail over real SMTP (nodemailer → smtp-server)", () => {
  it.each(SUPPORTED_LOCALES)(
    "delivers the %s mail with a localized subject, the code in both parts, and sane headers",
    async (locale) => {
      const { port, received } = await startSmtpServer({ disabledCommands: ["STARTTLS", "AUTH"], authOptional: true });
      const send = passcodeSender(`smtp://127.0.0.1:${port}`);

      const sent = await send({ tenant: sparbanken, locale, to: "ann@sparbanken.example", code: "042917", validForMinutes: 10 });

      expect(sent.via).toBe("smtp");
      expect(received).toHaveLength(1);
      const [message] = received;
      expect(message!.envelope).toEqual({ mailFrom: "no-reply@guestgate.test", rcptTo: ["ann@sparbanken.example"] });
      const mail = await PostalMime.parse(message!.raw);
      expect(mail.subject).toBe(subjects[locale]);
      expect(mail.from).toMatchObject({ name: "Sparbanken gäster", address: "no-reply@guestgate.test" });
      expect(mail.to).toEqual([expect.objectContaining({ address: "ann@sparbanken.example" })]);
      expect(mail.text).toContain("042917");
      expect(mail.html).toContain(">042917</p>");
      expect(mail.html).toContain(`<html lang="${locale}">`);
      expect(mail.messageId).toBe(sent.messageId);
      const header = (name: string) => mail.headers.find((h) => h.key === name)?.value;
      expect(header("auto-submitted")).toBe("auto-generated");
      expect(header("x-auto-response-suppress")).toBe("All");
      expect(header("content-language")).toBe(locale);
      expect(header("mime-version")).toBe("1.0");
      expect(header("content-type")).toMatch(/^multipart\/alternative;/);
      expect(Number.isNaN(Date.parse(header("date") ?? ""))).toBe(false);
      // Raw 8-bit text must not cross SMTP unencoded, and the code never appears in a header.
      const [head] = message!.raw.toString("latin1").split("\r\n\r\n");
      expect(head).not.toContain("042917");
      expect(/[\x80-\xff]/.test(head!)).toBe(false);
    },
  );

  it("authenticates over implicit TLS (smtps://) with credentials from the URL", async () => {
    const { port, received } = await startSmtpServer({
      secure: true,
      authMethods: ["PLAIN", "LOGIN"],
      onAuth(auth, _session, callback) {
        if (auth.username === "mailer" && auth.password === "p@ss w0rd:x") return callback(null, { user: auth.username });
        return callback(new Error("bad credentials"));
      },
    });
    // The server uses smtp-server's built-in self-signed certificate, hence rejectUnauthorized=false.
    const send = passcodeSender(`smtps://mailer:p%40ss%20w0rd%3Ax@127.0.0.1:${port}/?tls.rejectUnauthorized=false`);
    await send({ tenant: sparbanken, locale: "sv", to: "ann@sparbanken.example", code: "042917", validForMinutes: 10 });
    expect(received).toHaveLength(1);
    expect(received[0]!.user).toBe("mailer");
    expect((await PostalMime.parse(received[0]!.raw)).subject).toBe(subjects.sv);
  });

  it("rejects with MailDeliveryError when the password is wrong", async () => {
    const { port, received } = await startSmtpServer({
      secure: true,
      onAuth: (_auth, _session, callback) => callback(new Error("bad credentials")),
    });
    const send = passcodeSender(`smtps://mailer:wrong@127.0.0.1:${port}/?tls.rejectUnauthorized=false`);
    await expect(
      send({ tenant: sparbanken, locale: "en", to: "ann@sparbanken.example", code: "042917", validForMinutes: 10 }),
    ).rejects.toBeInstanceOf(MailDeliveryError);
    expect(received).toHaveLength(0);
  });

  it("rejects with MailDeliveryError when the server refuses the recipient", async () => {
    const { port } = await startSmtpServer({
      disabledCommands: ["STARTTLS", "AUTH"],
      authOptional: true,
      onRcptTo: (_address, _session, callback) => callback(Object.assign(new Error("no such mailbox"), { responseCode: 550 })),
    });
    const send = passcodeSender(`smtp://127.0.0.1:${port}`);
    await expect(
      send({ tenant: sparbanken, locale: "en", to: "ann@sparbanken.example", code: "042917", validForMinutes: 10 }),
    ).rejects.toBeInstanceOf(MailDeliveryError);
  });

  it("rejects with MailDeliveryError when nothing listens", async () => {
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
    const { port } = probe.address() as { port: number };
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    const send = passcodeSender(`smtp://127.0.0.1:${port}`);
    await expect(
      send({ tenant: sparbanken, locale: "en", to: "ann@sparbanken.example", code: "042917", validForMinutes: 10 }),
    ).rejects.toBeInstanceOf(MailDeliveryError);
  });
});
