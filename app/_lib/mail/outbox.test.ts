import { mkdtemp, readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { AddressedMail } from "./message";
import { createOutbox } from "./outbox";

const mail = (to: string, subject: string): AddressedMail => ({
  to,
  from: "Guestgate <no-reply@localhost>",
  subject,
  text: `text of ${subject}`,
  html: `<p>${subject}</p>`,
  locale: "nl",
  kind: "passcode",
  tenant: "woodgrove",
});

let dir: string;
beforeEach(async () => {
  dir = path.join(await mkdtemp(path.join(tmpdir(), "guestgate-outbox-")), "outbox");
});
afterEach(async () => {
  await rm(path.dirname(dir), { recursive: true, force: true });
});

describe("development outbox", () => {
  it("writes every message as a JSON file and reads it back", async () => {
    const outbox = createOutbox({ dir, now: () => new Date("2026-05-04T09:00:00.000Z") });
    const { messageId } = await outbox.deliver(mail("ann@woodgrove.example", "first"));
    expect(messageId).toMatch(/^<[0-9a-f-]{36}@outbox\.guestgate>$/);
    const files = await readdir(dir);
    expect(files).toHaveLength(1);
    const stored = JSON.parse(await readFile(path.join(dir, files[0]!), "utf8"));
    expect(stored).toEqual({
      id: expect.any(String),
      ...mail("ann@woodgrove.example", "first"),
      createdAt: "2026-05-04T09:00:00.000Z",
    });
    expect(await outbox.latestMessageTo("ann@woodgrove.example")).toEqual(stored);
  });

  it("keeps the files private to the server's user (they hold live codes)", async () => {
    const outbox = createOutbox({ dir });
    await outbox.deliver(mail("ann@woodgrove.example", "first"));
    const [file] = await readdir(dir);
    expect((await stat(path.join(dir, file!))).mode & 0o077).toBe(0);
    expect((await stat(dir)).mode & 0o077).toBe(0);
  });

  it("lists newest first, filters by recipient case-insensitively, and honours the limit", async () => {
    const outbox = createOutbox({ dir });
    for (const [to, subject] of [
      ["ann@x.example", "1"],
      ["bob@x.example", "2"],
      ["ann@x.example", "3"],
      ["ann@x.example", "4"],
    ] as const) {
      await outbox.deliver(mail(to, subject));
    }
    expect((await outbox.listOutbox({ limit: 10 })).map((m) => m.subject)).toEqual(["4", "3", "2", "1"]);
    expect((await outbox.listOutbox({ to: "ANN@x.example", limit: 2 })).map((m) => m.subject)).toEqual(["4", "3"]);
    expect((await outbox.latestMessageTo("bob@x.example"))?.subject).toBe("2");
    expect(await outbox.latestMessageTo("carol@x.example")).toBeUndefined();
  });

  it("reads an outbox that does not exist yet as empty, and skips files that are not messages", async () => {
    const outbox = createOutbox({ dir });
    expect(await outbox.listOutbox({ limit: 5 })).toEqual([]);
    await outbox.deliver(mail("ann@x.example", "real"));
    await writeFile(path.join(dir, "9999-broken.json"), "{not json");
    await writeFile(path.join(dir, "9999-other.json"), JSON.stringify({ hello: "world" }));
    expect((await outbox.listOutbox({ limit: 5 })).map((m) => m.subject)).toEqual(["real"]);
  });

  it("fails loudly when it cannot write", async () => {
    await writeFile(path.dirname(dir) + "/blocked", "a file, not a folder");
    const outbox = createOutbox({ dir: path.join(path.dirname(dir), "blocked") });
    await expect(outbox.deliver(mail("ann@x.example", "lost?"))).rejects.toThrow();
  });
});

describe("development outbox expiry", () => {
  it("deletes messages written before the cut-off, oldest first and at most `limit`, and nothing else", async () => {
    let clock = new Date("2026-05-01T08:00:00.000Z");
    const outbox = createOutbox({ dir, now: () => clock });
    for (const hour of ["08", "09", "10"]) {
      clock = new Date(`2026-05-01T${hour}:00:00.000Z`);
      await outbox.deliver(mail("ann@woodgrove.example", hour));
    }
    // a crash's half-written temporary and a file the outbox did not write
    await writeFile(path.join(dir, ".2026-05-01T07-00-00-000Z-000001-x.json.tmp"), "{");
    await writeFile(path.join(dir, "notes.json"), "{}");

    const cutOff = new Date("2026-05-01T10:00:00.000Z");
    expect(await outbox.deleteExpired(cutOff, 2)).toBe(2);
    expect((await outbox.listOutbox({ limit: 10 })).map((m) => m.subject)).toEqual(["10", "09"]);
    expect(await outbox.deleteExpired(cutOff, 10)).toBe(1);
    expect((await outbox.listOutbox({ limit: 10 })).map((m) => m.subject)).toEqual(["10"]);
    expect(await outbox.deleteExpired(cutOff, 10)).toBe(0);
    expect((await readdir(dir)).filter((n) => !n.startsWith("2026-05-01T10"))).toEqual(["notes.json"]);
  });

  it("counts nothing when the folder does not exist yet", async () => {
    expect(await createOutbox({ dir }).deleteExpired(new Date(), 10)).toBe(0);
  });
});
