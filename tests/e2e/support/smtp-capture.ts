// A real SMTP server for the browser tier (global setup): `next start` sends its mail here through
// SMTP_URL, as it would to a relay, and every message it accepts is written to a directory as one
// .eml file, which the tests read (support/mailbox.ts). Plain SMTP on 127.0.0.1 without STARTTLS or
// AUTH, so nodemailer (app/_lib/mail/smtp-transport.ts) sends in the clear without being told to.
// Each file is JSON: the SMTP envelope and the message exactly as received (base64).
import { randomUUID } from "node:crypto";
import { mkdir, rename, writeFile } from "node:fs/promises";
import path from "node:path";
import { SMTPServer } from "smtp-server";

/** One accepted message on disk. */
export interface CapturedFile {
  envelope: { mailFrom: string | null; rcptTo: string[] };
  /** The message as received (base64). */
  raw: string;
}

export interface SmtpCapture {
  /** smtp://127.0.0.1:PORT, for the server's SMTP_URL. */
  url: string;
  stop(): Promise<void>;
}

/** port 0 lets the OS pick; a given port brings a stopped capture back where the server sends. */
export async function startSmtpCapture(dir: string, port = 0): Promise<SmtpCapture> {
  await mkdir(dir, { recursive: true });
  const server = new SMTPServer({
    logger: false,
    disabledCommands: ["STARTTLS", "AUTH"],
    authOptional: true,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("error", callback);
      stream.on("end", () => {
        const envelope = {
          mailFrom: session.envelope.mailFrom ? session.envelope.mailFrom.address : null,
          rcptTo: session.envelope.rcptTo.map((r) => r.address),
        };
        // Written under a temporary name and renamed: a reader never sees half a message.
        const file = path.join(dir, `${Date.now()}-${randomUUID()}.json`);
        const captured: CapturedFile = { envelope, raw: Buffer.concat(chunks).toString("base64") };
        writeFile(`${file}.part`, JSON.stringify(captured))
          .then(() => rename(`${file}.part`, file))
          .then(() => callback(), callback);
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.server.once("error", reject);
    server.listen(port, "127.0.0.1", () => resolve());
  });
  const listening = (server.server.address() as { port: number }).port;
  return {
    url: `smtp://127.0.0.1:${listening}`,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
