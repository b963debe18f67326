import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";

/**
 * Showing a new client secret once, on a page after the POST's 303 (RFC 9700 §4.12), without ever
 * storing it in clear: the process keeps the secret encrypted under a fresh AES-256-GCM key for a
 * minute, and only the browser that created it holds that key (an HttpOnly cookie scoped to the
 * application's page). The page takes the entry out as it shows it, so a reload shows nothing;
 * neither the memory nor the cookie alone reveals the secret. With several server instances the
 * page may land on another one: it then says the secret can no longer be shown (fail closed).
 */
interface Sealed {
  sessionId: string;
  applicationId: string;
  iv: Buffer;
  tag: Buffer;
  data: Buffer;
  expiresAt: number;
  meta: RevealedSecretMeta;
}

export interface RevealedSecretMeta {
  keyId: string;
  displayName: string | null;
  endDateTime: string;
}

export const REVEAL_LIFETIME_SECONDS = 60;
const MAX_ENTRIES = 1_000;

const holder = globalThis as typeof globalThis & { __guestgateSecretReveals?: Map<string, Sealed> };
const entries = () => (holder.__guestgateSecretReveals ??= new Map());

function sweep(now: number) {
  for (const [id, entry] of entries()) if (entry.expiresAt <= now) entries().delete(id);
}

/** Seals the secret; returns the cookie value (`ticket.key`) that opens it once. */
export function sealSecret(input: {
  sessionId: string;
  applicationId: string;
  secret: string;
  meta: RevealedSecretMeta;
}): string {
  const now = Date.now();
  sweep(now);
  if (entries().size >= MAX_ENTRIES) entries().clear();
  const key = randomBytes(32);
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  const data = Buffer.concat([cipher.update(input.secret, "utf8"), cipher.final()]);
  const ticket = randomBytes(16).toString("base64url");
  entries().set(ticket, {
    sessionId: input.sessionId,
    applicationId: input.applicationId,
    iv,
    tag: cipher.getAuthTag(),
    data,
    expiresAt: now + REVEAL_LIFETIME_SECONDS * 1000,
    meta: input.meta,
  });
  return `${ticket}.${key.toString("base64url")}`;
}

/** The secret, once, for the session and application it was made for; undefined otherwise. */
export function takeSecret(
  cookieValue: string | undefined,
  expected: { sessionId: string; applicationId: string },
): { secret: string; meta: RevealedSecretMeta } | undefined {
  const [ticket, key] = (cookieValue ?? "").split(".");
  if (!ticket || !key) return undefined;
  const entry = entries().get(ticket);
  if (!entry) return undefined;
  entries().delete(ticket);
  if (entry.expiresAt <= Date.now()) return undefined;
  if (entry.sessionId !== expected.sessionId || entry.applicationId !== expected.applicationId) return undefined;
  try {
    const decipher = createDecipheriv("aes-256-gcm", Buffer.from(key, "base64url"), entry.iv);
    decipher.setAuthTag(entry.tag);
    const secret = Buffer.concat([decipher.update(entry.data), decipher.final()]).toString("utf8");
    return { secret, meta: entry.meta };
  } catch {
    return undefined;
  }
}

export function revealCookieName(tenantSlug: string): string {
  return `gg_admin_secret_${tenantSlug}`;
}
