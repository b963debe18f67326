import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createMailer } from "./mailer";
import { createOutbox } from "./outbox";
import { createPasscodeMailer } from "./passcode-mailer";
import { mailTranslator } from "./translator";

function recordingLog() {
  const lines: { level: "info" | "warn"; message: string }[] = [];
  return {
    lines,
    info: (message: string) => lines.push({ level: "info", message }),
    warn: (message: string) => lines.push({ level: "warn", message }),
  };
}

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "guestgate-mailer-"));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const woodgrove = { slug: "woodgrove", displayName: "Woodgrove Groceries", branding: { primaryColor: "#1d6b3a" } };

describe("mailer without SMTP", () => {
  it("keeps the message in the outbox and prints recipient, subject and body", async () => {
    const log = recordingLog();
    const mailer = createMailer({ from: "Guestgate <no-reply@localhost>", outboxDir: dir, production: false, log });
    const send = createPasscodeMailer({ mailer, translator: mailTranslator });
    const sent = await send({
      tenant: woodgrove,
      locale: "nl",
      to: "ann@woodgrove.example",
      code: "042917",
      validForMinutes: 10,
    });

    expect(sent.via).toBe("outbox");
    const stored = await createOutbox({ dir }).latestMessageTo("ann@woodgrove.example");
    expect(stored).toMatchObject({
      from: "Guestgate <no-reply@localhost>",
      subject: "Uw verificatiecode voor Woodgrove Groceries",
      locale: "nl",
      kind: "passcode",
      tenant: "woodgrove",
    });
    expect(stored?.text).toContain("042917");
    expect(log.lines[0]).toMatchObject({ level: "info", message: expect.stringContaining("development outbox") });
    const printed = log.lines.at(-1)!.message;
    expect(printed).toContain("ann@woodgrove.example");
    expect(printed).toContain("Uw verificatiecode voor Woodgrove Groceries");
    expect(printed).toContain("042917");
  });

  it("starts in production too, with a warning that no mail is sent", () => {
    const log = recordingLog();
    const mailer = createMailer({ from: "Guestgate <no-reply@localhost>", outboxDir: dir, production: true, log });
    expect(mailer.via).toBe("outbox");
    expect(log.lines).toEqual([
      { level: "warn", message: expect.stringMatching(/SMTP_URL is not set: Guestgate sends NO e-mail/) },
    ]);
  });

  it("passes a failure to the caller", async () => {
    const mailer = createMailer({ from: "a@b.example", outboxDir: "/dev/null/outbox", production: false, log: recordingLog() });
    const send = createPasscodeMailer({ mailer, translator: mailTranslator });
    await expect(
      send({ tenant: woodgrove, locale: "en", to: "ann@woodgrove.example", code: "042917", validForMinutes: 10 }),
    ).rejects.toThrow();
  });
});

describe("mailer with SMTP", () => {
  it("says where it sends, never with the password", () => {
    const log = recordingLog();
    const mailer = createMailer({
      smtpUrl: "smtps://mailer:s3cret-pw@mail.example.com",
      from: "a@b.example",
      outboxDir: dir,
      production: true,
      log,
    });
    expect(mailer.via).toBe("smtp");
    expect(log.lines).toEqual([{ level: "info", message: "[mail] sending through smtps://mail.example.com:465 as a@b.example" }]);
  });
});
