// The passcode mails the SMTP capture of the bed accepted (tests/e2e/support/smtp-capture.ts), per address.
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import PostalMime from "postal-mime";
import type { CapturedFile } from "../../e2e/support/smtp-capture";

export interface Passcode {
  code: string;
  /** The Content-Language the mail was written in. */
  language: string | undefined;
}

/** Every passcode mailed to address so far, in the order they arrived. */
export async function passcodesFor(mailDir: string, address: string): Promise<Passcode[]> {
  const files = (await readdir(mailDir).catch(() => [] as string[])).filter((name) => name.endsWith(".json")).sort();
  const found: Passcode[] = [];
  for (const name of files) {
    const captured = JSON.parse(await readFile(path.join(mailDir, name), "utf8")) as CapturedFile;
    if (!captured.envelope.rcptTo.some((r) => r.toLowerCase() === address.toLowerCase())) continue;
    const parsed = await PostalMime.parse(Buffer.from(captured.raw, "base64"));
    const code = /^\s+(\d{6})\s*$/m.exec(parsed.text ?? "")?.[1];
    if (!code) throw new Error(`a mail to ${address} without a passcode line:\n${parsed.text}`);
    found.push({ code, language: parsed.headers.find((h) => h.key === "content-language")?.value });
  }
  return found;
}

/** Waits (SMTP delivery is done before the page answers, so briefly) for the n-th passcode to address. */
export async function nthPasscode(mailDir: string, address: string, n: number, timeoutMs = 10_000): Promise<Passcode> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const codes = await passcodesFor(mailDir, address);
    if (codes.length >= n) return codes[n - 1]!;
    if (Date.now() > deadline) throw new Error(`passcode #${n} to ${address} did not arrive (${codes.length} so far)`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
