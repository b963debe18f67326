import { createHmac, hkdfSync, randomBytes, timingSafeEqual } from "node:crypto";
import { z } from "zod";
import type { TestCallOutcome } from "../../../../_lib/journeys";
import { settings } from "../../../../_lib/server";

/**
 * A test call's outcome travels from the POST to the page in the 303's query (Post/Redirect/Get,
 * no script needed). It carries the connector's own words, so it is MACed — bound to the tenant, the
 * connector or extension and a ten-minute window — and a crafted link cannot put words in the
 * portal's mouth.
 */
export const TEST_PARAM = "test";
const LIFETIME_MS = 10 * 60_000;
/** What the page shows of the connector's message: a bounded excerpt (React escapes it). */
export const MESSAGE_EXCERPT = 300;

let fallbackKey: Buffer | undefined;
function key(): Buffer {
  const secret = settings().AUTH_SECRET;
  // Without AUTH_SECRET (development only) a per-process key: a restart only drops a shown outcome.
  if (!secret) return (fallbackKey ??= randomBytes(32));
  return Buffer.from(hkdfSync("sha256", secret, "", "guestgate/admin/test-call-outcome/v1", 32));
}

const OUTCOME = z.strictObject({
  outcome: z.enum(["continue", "block", "validationError", "prefill", "modify", "claims", "failed"]),
  httpStatus: z.number().int().optional(),
  durationMs: z.number().int().nonnegative(),
  attempts: z.number().int().nonnegative(),
  message: z.string().max(MESSAGE_EXCERPT).optional(),
  names: z.array(z.string().max(64)).max(20).optional(),
  reason: z.string().max(200).optional(),
});
const SEALED = z.strictObject({ at: z.number(), outcome: OUTCOME });

const mac = (tenant: string, id: string, payload: string) =>
  createHmac("sha256", key()).update(`${tenant}\n${id}\n${payload}`).digest("base64url");

/** The portal's redirects are at most 2,048 characters (safeLocalPath): the sealed value stays well inside. */
const MAX_SEALED = 1500;

export function sealOutcome(tenant: string, id: string, outcome: TestCallOutcome, now = Date.now()): string {
  const encode = (shown: TestCallOutcome) => Buffer.from(JSON.stringify({ at: now, outcome: shown })).toString("base64url");
  const shown: TestCallOutcome = {
    ...outcome,
    ...(outcome.message ? { message: outcome.message.slice(0, MESSAGE_EXCERPT) } : {}),
    ...(outcome.reason ? { reason: outcome.reason.slice(0, 200) } : {}),
    ...(outcome.names ? { names: outcome.names.slice(0, 20).map((name) => name.slice(0, 64)) } : {}),
  };
  // Non-Latin text grows in UTF-8 and base64: shorten the excerpt, then the list of names, until it fits.
  while (encode(shown).length > MAX_SEALED) {
    if (shown.message) shown.message = shown.message.slice(0, -20);
    else if (shown.names?.length) shown.names = shown.names.slice(0, -1);
    else break;
  }
  const payload = encode(shown);
  return `${payload}.${mac(tenant, id, payload)}`;
}

/** The outcome of a query value sealed for this tenant and id within the window, else nothing. */
export function openOutcome(
  value: string | string[] | undefined,
  tenant: string,
  id: string,
  now = Date.now(),
): TestCallOutcome | undefined {
  if (typeof value !== "string" || value.length > 4096) return undefined;
  const [payload, tag] = value.split(".");
  if (!payload || !tag) return undefined;
  const expected = Buffer.from(mac(tenant, id, payload));
  const given = Buffer.from(tag);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return undefined;
  try {
    const parsed = SEALED.safeParse(JSON.parse(Buffer.from(payload, "base64url").toString("utf8")));
    if (!parsed.success || now - parsed.data.at > LIFETIME_MS || parsed.data.at > now + 60_000) return undefined;
    return parsed.data.outcome as TestCallOutcome;
  } catch {
    return undefined;
  }
}
