// The mail the server under test sent through SMTP, as the test SMTP server received it
// (support/smtp-capture.ts), parsed with postal-mime the way a mail client would.
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import PostalMime from "postal-mime";
import { inject } from "vitest";
import "./context";
import type { CapturedFile } from "./smtp-capture";

export interface ReceivedMail {
  envelope: CapturedFile["envelope"];
  parsed: Awaited<ReturnType<typeof PostalMime.parse>>;
  /** A header's value (the first one of that name), lower-case name. */
  header(name: string): string | undefined;
}

async function receivedFor(address: string): Promise<ReceivedMail[]> {
  const dir = inject("mailDir");
  const files = (await readdir(dir)).filter((name) => name.endsWith(".json")).sort();
  const mails: ReceivedMail[] = [];
  for (const name of files) {
    const captured = JSON.parse(await readFile(path.join(dir, name), "utf8")) as CapturedFile;
    if (!captured.envelope.rcptTo.map((r) => r.toLowerCase()).includes(address.toLowerCase())) continue;
    const parsed = await PostalMime.parse(Buffer.from(captured.raw, "base64"));
    mails.push({
      envelope: captured.envelope,
      parsed,
      header: (wanted) => parsed.headers.find((h) => h.key === wanted.toLowerCase())?.value,
    });
  }
  return mails;
}

/**
 * Reads each address's mail in the order it arrived: `next(address)` waits for the first message to
 * that address not returned before, so a resent code is never mistaken for the first one.
 */
export class Mailbox {
  private readonly taken = new Map<string, number>();

  async next(address: string, timeoutMs = 10_000): Promise<ReceivedMail> {
    const already = this.taken.get(address) ?? 0;
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const mails = await receivedFor(address);
      if (mails.length > already) {
        this.taken.set(address, already + 1);
        return mails[already]!;
      }
      if (Date.now() > deadline)
        throw new Error(`no new mail to ${address} within ${timeoutMs / 1000} s (${already} taken before)`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  /** How many messages reached the address so far. */
  async count(address: string): Promise<number> {
    return (await receivedFor(address)).length;
  }
}

/** The six-digit code of a passcode mail, which must be the same in its text and HTML parts. */
export function passcodeIn(mail: ReceivedMail): string {
  const code = /^\s+(\d{6})\s*$/m.exec(mail.parsed.text ?? "")?.[1];
  if (!code) throw new Error(`no passcode line in the mail's text:\n${mail.parsed.text}`);
  if (!mail.parsed.html?.includes(`>${code}</p>`)) throw new Error(`the mail's HTML does not show the code ${code}`);
  return code;
}
