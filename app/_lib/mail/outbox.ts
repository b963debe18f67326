import { randomUUID } from "node:crypto";
import { mkdir, readdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { z } from "zod";
import { SUPPORTED_LOCALES } from "../i18n";
import type { AddressedMail, MailTransport } from "./message";

/**
 * The development outbox: when no SMTP server is configured every message is kept as a JSON file,
 * so nothing is lost and a person (or a test) can read the passcode. Files hold live codes, so
 * the folder is private to the server's user.
 */
const outboxMessageSchema = z.object({
  id: z.string(),
  to: z.string(),
  cc: z.string().optional(),
  from: z.string(),
  subject: z.string(),
  text: z.string(),
  html: z.string(),
  createdAt: z.iso.datetime(),
  locale: z.enum(SUPPORTED_LOCALES),
  kind: z.enum(["passcode", "invitation", "signUpApproval", "accessPackage"]),
  tenant: z.string(),
});

export type OutboxMessage = z.infer<typeof outboxMessageSchema>;

export interface OutboxQuery {
  /** Only messages to this address (compared case-insensitively). */
  to?: string;
  limit: number;
}

export interface Outbox extends MailTransport {
  readonly dir: string;
  /** Newest first. */
  listOutbox(query: OutboxQuery): Promise<OutboxMessage[]>;
  latestMessageTo(address: string): Promise<OutboxMessage | undefined>;
  /** Deletes at most `limit` messages written before `before` (oldest first); returns how many. */
  deleteExpired(before: Date, limit: number): Promise<number>;
}

export const MAX_OUTBOX_LIST = 500;

// Orders files written within one millisecond by the same process.
let sequence = 0;

export function createOutbox(options: { dir: string; now?: () => Date }): Outbox {
  const { dir } = options;
  const now = options.now ?? (() => new Date());

  async function deliver(mail: AddressedMail) {
    const createdAt = now();
    const id = randomUUID();
    const message: OutboxMessage = {
      id,
      to: mail.to,
      ...(mail.cc ? { cc: mail.cc } : {}),
      from: mail.from,
      subject: mail.subject,
      text: mail.text,
      html: mail.html,
      createdAt: createdAt.toISOString(),
      locale: mail.locale,
      kind: mail.kind,
      tenant: mail.tenant,
    };
    sequence = (sequence + 1) % 1_000_000;
    // The name sorts by time, so readers list newest first without opening every file.
    const name = `${createdAt.toISOString().replace(/[:.]/g, "-")}-${String(sequence).padStart(6, "0")}-${id}.json`;
    await mkdir(dir, { recursive: true, mode: 0o700 });
    // Written aside and renamed, so a reader never sees half a message.
    const temporary = path.join(dir, `.${name}.tmp`);
    await writeFile(temporary, `${JSON.stringify(message, null, 2)}\n`, { mode: 0o600 });
    await rename(temporary, path.join(dir, name));
    return { messageId: `<${id}@outbox.guestgate>` };
  }

  async function listOutbox(query: OutboxQuery): Promise<OutboxMessage[]> {
    const limit = Math.max(0, Math.min(query.limit, MAX_OUTBOX_LIST));
    const wanted = query.to?.trim().toLowerCase();
    const found: OutboxMessage[] = [];
    for (const name of (await messageFiles(dir)).reverse()) {
      if (found.length >= limit) break;
      const message = await readMessage(path.join(dir, name));
      if (message && (wanted === undefined || message.to.toLowerCase() === wanted)) found.push(message);
    }
    return found;
  }

  return {
    via: "outbox",
    dir,
    deliver,
    listOutbox,
    latestMessageTo: async (address) => (await listOutbox({ to: address, limit: 1 }))[0],
    deleteExpired: (before, limit) => deleteOutboxFilesBefore(dir, before, limit),
  };
}

/** `2026-12-01T21-41-39-123Z-…` (the name deliver() writes) → its moment; undefined for other names. */
function writtenAt(name: string): Date | undefined {
  const match = /^\.?(\d{4}-\d{2}-\d{2})T(\d{2})-(\d{2})-(\d{2})-(\d{3})Z-/.exec(name);
  if (!match) return undefined;
  const [, day, h, m, s, ms] = match;
  const date = new Date(`${day}T${h}:${m}:${s}.${ms}Z`);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

/**
 * The time is read from the file name, so nothing is opened. Half-written temporaries a crash
 * left behind (`.NAME.tmp`) go by the same rule; files the outbox did not write are left alone.
 */
async function deleteOutboxFilesBefore(dir: string, before: Date, limit: number): Promise<number> {
  let names: string[];
  try {
    names = (await readdir(dir)).sort((a, b) => a.replace(/^\./, "").localeCompare(b.replace(/^\./, "")));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return 0;
    throw error;
  }
  let deleted = 0;
  for (const name of names) {
    if (deleted >= limit) break;
    if (!name.endsWith(".json") && !name.endsWith(".json.tmp")) continue;
    const at = writtenAt(name);
    if (!at || at.getTime() >= before.getTime()) continue;
    await rm(path.join(dir, name), { force: true });
    deleted++;
  }
  return deleted;
}

async function messageFiles(dir: string): Promise<string[]> {
  try {
    return (await readdir(dir)).filter((name) => name.endsWith(".json") && !name.startsWith(".")).sort();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw error;
  }
}

/** A file someone edited into nonsense is skipped, not fatal: this is a development tool. */
async function readMessage(file: string): Promise<OutboxMessage | undefined> {
  try {
    const parsed = outboxMessageSchema.safeParse(JSON.parse(await readFile(file, "utf8")));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}
