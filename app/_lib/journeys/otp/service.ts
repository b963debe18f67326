import { createHmac, randomUUID } from "node:crypto";
import { normaliseEmailAddress } from "./email-address";
import { generatePasscode, hashPasscode, MIN_HASH_KEY_BYTES, passcodeFromInput, passcodeHashesMatch } from "./passcode";
import { passcodePolicy, type PasscodePolicy } from "./policy";
import { takeRateLimit, type RateLimitStore } from "./rate-limit";
import type { OtpRecord, OtpRepository } from "./repository";

export interface PasscodeServiceDeps {
  repository: OtpRepository;
  rateLimits: RateLimitStore;
  /** At least 32 bytes kept outside the database (deriveOtpHashKey). */
  hashKey: Uint8Array;
  policy?: Partial<PasscodePolicy>;
  now?: () => Date;
}

/** What the caller sends: the code goes into the mail and nowhere else. */
export interface PasscodeDelivery {
  to: string;
  code: string;
  validForMinutes: number;
  expiresAt: Date;
}

export interface PasscodeRequest {
  journeyId: string;
  email: string;
  /** Who is asking, such as the client IP address; only a keyed hash of it is stored. */
  client: string;
  /** Sends the mail. A rejection reaches the caller unchanged (the code stays issued; asking again replaces it). */
  deliver(delivery: PasscodeDelivery): Promise<unknown>;
}

export type PasscodeRequestResult =
  | { status: "sent"; address: string; validForMinutes: number; expiresAt: Date }
  | { status: "invalidAddress" }
  | { status: "rateLimited"; retryAfterSeconds: number };

export interface PasscodeVerification {
  journeyId: string;
  email: string;
  code: string;
}

export type PasscodeVerificationResult =
  | { status: "verified"; address: string }
  | { status: "wrongCode"; attemptsLeft: number }
  /** Too many wrong codes: this code is dead, a new one must be requested. */
  | { status: "locked" }
  /** No code can be used: none sent, expired, already used, or replaced by a newer one. */
  | { status: "expired" }
  /** Not six digits; costs no attempt, as it cannot be a guess. */
  | { status: "malformed" }
  | { status: "invalidAddress" };

/**
 * E-mail one-time passcodes for a journey. The directory is deliberately not a dependency: every
 * valid address gets a code and the same answer, so the answer says nothing about who has an
 * account (no enumeration). A person told to wait learns only that codes were asked for recently.
 */
export function createPasscodeService(deps: PasscodeServiceDeps) {
  if (deps.hashKey.length < MIN_HASH_KEY_BYTES) {
    throw new RangeError(`the OTP hash key needs at least ${MIN_HASH_KEY_BYTES} bytes`);
  }
  const policy = passcodePolicy(deps.policy);
  const now = deps.now ?? (() => new Date());
  // Rate-limit keys are keyed hashes: the counters need no readable address or IP address.
  const limitKey = (kind: string, value: string) =>
    `otp-send:${kind}:${createHmac("sha256", deps.hashKey).update(`${kind}\u0000${value}`).digest("base64url")}`;

  async function request(input: PasscodeRequest): Promise<PasscodeRequestResult> {
    const address = normaliseEmailAddress(input.email);
    if (!address) return { status: "invalidAddress" };
    const at = now();
    const perClient = await takeRateLimit(deps.rateLimits, limitKey("client", input.client), policy.sendsPerClient, at);
    if (!perClient.allowed) return { status: "rateLimited", retryAfterSeconds: perClient.retryAfterSeconds };
    const perAddress = await takeRateLimit(deps.rateLimits, limitKey("address", address), policy.sendsPerAddress, at);
    if (!perAddress.allowed) return { status: "rateLimited", retryAfterSeconds: perAddress.retryAfterSeconds };

    const code = generatePasscode();
    const expiresAt = new Date(at.getTime() + policy.validForMinutes * 60_000);
    await deps.repository.issue({
      id: randomUUID(),
      journeyId: input.journeyId,
      codeHash: hashPasscode(deps.hashKey, { journeyId: input.journeyId, address, code }),
      createdAt: at,
      expiresAt,
    });
    await input.deliver({ to: address, code, validForMinutes: policy.validForMinutes, expiresAt });
    return { status: "sent", address, validForMinutes: policy.validForMinutes, expiresAt };
  }

  /**
   * The attempt is spent BEFORE the comparison, by one conditional increment. Counting only wrong
   * answers afterwards would let many parallel guesses all be compared against the same unspent
   * counter; this way at most `maxAttempts` comparisons ever happen per code.
   */
  async function verify(input: PasscodeVerification): Promise<PasscodeVerificationResult> {
    const address = normaliseEmailAddress(input.email);
    if (!address) return { status: "invalidAddress" };
    const code = passcodeFromInput(input.code);
    if (!code) return { status: "malformed" };
    const at = now();
    const conditions = { now: at, maxAttempts: policy.maxAttempts };

    const record = await deps.repository.findByJourney(input.journeyId);
    if (!record) return { status: "expired" };
    const unusable = whyUnusable(record, at);
    if (unusable) return { status: unusable };

    const attempts = await deps.repository.spendAttempt(record.id, conditions);
    if (attempts === undefined) {
      const current = await deps.repository.findByJourney(input.journeyId);
      return { status: (current?.id === record.id && whyUnusable(current, at)) || "expired" };
    }

    const computed = hashPasscode(deps.hashKey, { journeyId: input.journeyId, address, code });
    if (!passcodeHashesMatch(record.codeHash, computed)) {
      const attemptsLeft = policy.maxAttempts - attempts;
      return attemptsLeft > 0 ? { status: "wrongCode", attemptsLeft } : { status: "locked" };
    }
    // Of several parallel correct submissions, this conditional update lets exactly one through.
    return (await deps.repository.consume(record.id, conditions)) ? { status: "verified", address } : { status: "expired" };
  }

  function whyUnusable(record: OtpRecord, at: Date): "expired" | "locked" | undefined {
    if (record.consumedAt || record.expiresAt <= at) return "expired";
    if (record.attempts >= policy.maxAttempts) return "locked";
    return undefined;
  }

  return { request, verify, policy };
}

export type PasscodeService = ReturnType<typeof createPasscodeService>;
