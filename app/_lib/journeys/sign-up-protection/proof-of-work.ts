import { createHash, createHmac, randomInt } from "node:crypto";
import { createChallenge, verifySolution, type Challenge, type Solution } from "altcha-lib";
import { deriveKey } from "altcha-lib/algorithms/pbkdf2";
import { z } from "zod";
import type { ProofOfWorkSettings, Tenant } from "../../tenant";
import type { RateLimitStore } from "../otp";

/** The steps that may ask for a solution: a passcode send, and the form that creates the guest. */
export type ProofOfWorkStep = "passcode" | "signUp";

/** Why a submitted solution was not taken; each has its message under `signUpProtection.proofOfWork`. */
export type ProofOfWorkRefusal = "missing" | "invalid" | "expired" | "replayed" | "otherJourney";

export interface ProofOfWorkDeps {
  /** Derived from the instance secret; each tenant signs with its own key derived from it. */
  secret: Uint8Array;
  /** Shared by every instance: a solution's first use is recorded here, so a second one anywhere is refused. */
  store: RateLimitStore;
  now?: () => Date;
  /** Told of every refused solution (the tenant, the journey and why), for the operator's log. */
  refused?: (event: { tenantId: string; journeyId: string; step: ProofOfWorkStep; reason: ProofOfWorkRefusal }) => void;
}

export interface ProofOfWork {
  /** A fresh challenge for this journey and step, as the widget's `challenge` attribute takes it (JSON). */
  challenge(tenant: Tenant, journeyId: string, step: ProofOfWorkStep): Promise<string>;
  /** Whether the form's `altcha` field solves a challenge of ours for this journey and step, for the first time. */
  verify(
    tenant: Tenant,
    journeyId: string,
    step: ProofOfWorkStep,
    payload: string | undefined,
  ): Promise<{ ok: true } | { ok: false; reason: ProofOfWorkRefusal }>;
}

const ALGORITHM = "PBKDF2/SHA-256";
/** `expiresMinutes` is at most 60 (the tenant schema). */
const LONGEST_LIFE_MS = 60 * 60_000;

/**
 * What the widget posts: base64 of `{ challenge, solution }` (altcha v3); anything else is
 * "invalid". Loose objects: the signature covers the parameters as sent, unknown keys included.
 */
const payloadSchema = z.object({
  challenge: z.looseObject({
    parameters: z.looseObject({
      algorithm: z.literal(ALGORITHM),
      nonce: z.string().max(128),
      salt: z.string().max(128),
      cost: z.number().int().positive(),
      keyLength: z.number().int().positive().max(64),
      keyPrefix: z.string().max(128),
      keySignature: z.string().max(256).optional(),
      expiresAt: z.number().optional(),
      data: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])).optional(),
    }),
    signature: z.string().max(256),
  }),
  solution: z.object({ counter: z.number().int().min(0), derivedKey: z.string().max(256), time: z.number().optional() }),
});

/**
 * ALTCHA's proof of work (altcha-lib v2, PBKDF2 in deterministic mode): the server picks the
 * counter, so the browser must try about `maxTries` keys while checking costs one HMAC. The
 * challenge carries the journey and step in its signed data and expires after `expiresMinutes`;
 * a verified solution is then spent: its signature's hash is counted once in the shared rate-limit
 * store for the rest of the challenge's life (the purge job removes it after), so it cannot be
 * used again on any instance.
 */
export function createProofOfWork(deps: ProofOfWorkDeps): ProofOfWork {
  const now = deps.now ?? (() => new Date());
  // One key per tenant (by its id, which a rename keeps), two secrets from it: one signs the
  // challenge, one the expected key (altcha-lib's fast check).
  const secretsOf = (tenant: Tenant) => {
    const key = createHmac("sha256", deps.secret).update(`proof-of-work\u0000${tenant.id}`).digest();
    const derive = (use: string) => createHmac("sha256", key).update(use).digest("base64url");
    return { hmacSignatureSecret: derive("challenge"), hmacKeySignatureSecret: derive("key") };
  };
  return {
    async challenge(tenant, journeyId, step) {
      const settings: ProofOfWorkSettings = tenant.signUpProtection.proofOfWork;
      const challenge = await createChallenge({
        algorithm: ALGORITHM,
        cost: settings.cost,
        counter: randomInt(Math.floor(settings.maxTries / 2), settings.maxTries),
        deriveKey,
        expiresAt: new Date(now().getTime() + settings.expiresMinutes * 60_000),
        data: { journey: journeyId, step },
        ...secretsOf(tenant),
      });
      return JSON.stringify(challenge);
    },
    async verify(tenant, journeyId, step, payload) {
      const verdict = await check(tenant, journeyId, step, payload);
      if (!verdict.ok) deps.refused?.({ tenantId: tenant.slug, journeyId, step, reason: verdict.reason });
      return verdict;
    },
  };

  async function check(
    tenant: Tenant,
    journeyId: string,
    step: ProofOfWorkStep,
    payload: string | undefined,
  ): Promise<{ ok: true } | { ok: false; reason: ProofOfWorkRefusal }> {
    if (!payload) return { ok: false, reason: "missing" };
    const parsed = payloadSchema.safeParse(decode(payload));
    if (!parsed.success) return { ok: false, reason: "invalid" };
    const challenge: Challenge = parsed.data.challenge;
    const solution: Solution = parsed.data.solution;
    const result = await verifySolution({ challenge, solution, deriveKey, ...secretsOf(tenant) });
    // The signature covers the data and the expiry: only after it holds do they mean anything.
    if (!result.verified && !result.expired) return { ok: false, reason: "invalid" };
    const { data, expiresAt } = challenge.parameters;
    if (data?.journey !== journeyId || data?.step !== step) return { ok: false, reason: "otherJourney" };
    const expires = (expiresAt ?? 0) * 1000;
    if (result.expired || expires <= now().getTime()) return { ok: false, reason: "expired" };
    const spent = createHash("sha256").update(`proof-of-work\u0000${challenge.signature}`).digest("base64url");
    // One row per challenge, kept until it could not pass anyway. Its window starts an hour (the
    // longest life a challenge has) before the expiry: never after now, since the store's first
    // hit of a window drops the rows that ended before that window's start.
    const uses = await deps.store.increment(`pow:${spent}`, new Date(expires - LONGEST_LIFE_MS), new Date(expires));
    return uses === 1 ? { ok: true } : { ok: false, reason: "replayed" };
  }
}

function decode(payload: string): unknown {
  try {
    return JSON.parse(Buffer.from(payload, "base64").toString("utf8"));
  } catch {
    return undefined;
  }
}
