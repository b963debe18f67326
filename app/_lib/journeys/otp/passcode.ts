import { createHmac, hkdfSync, randomInt, timingSafeEqual } from "node:crypto";

export const PASSCODE_LENGTH = 6;

/**
 * Six decimal digits from the CSPRNG. NIST SP 800-63B (rev. 3) §5.1.3.2 asks ≥ 20 bits of entropy
 * and ≤ 10 minutes of validity for a secret sent out of band; 10^6 ≈ 2^19.9, so the attempt limit
 * (§5.2.2) does the real work. (800-63B does not accept e-mail as an authenticator; here the code
 * proves that a person controls an address, which is what self-service sign-up needs.)
 */
export function generatePasscode(): string {
  return String(randomInt(0, 10 ** PASSCODE_LENGTH)).padStart(PASSCODE_LENGTH, "0");
}

/**
 * What a person typed, as six digits: spaces and hyphens are dropped ("123 456" is how a code is
 * read aloud and often copied). Anything else is not a code at all.
 */
export function passcodeFromInput(raw: unknown): string | undefined {
  if (typeof raw !== "string") return undefined;
  const digits = raw.replace(/[\s-]/g, "");
  return new RegExp(`^\\d{${PASSCODE_LENGTH}}$`).test(digits) ? digits : undefined;
}

export interface PasscodeBinding {
  journeyId: string;
  address: string;
  code: string;
}

/**
 * HMAC-SHA-256 under a server key, over the journey, the address and the code. A per-code salt
 * would be no defence here: with only 10^6 possible codes, anyone holding a database copy tries
 * them all in well under a second, salted or not. A key that lives outside the database (NIST SP
 * 800-63B §5.1.1.2 calls it a secret salt) makes a leaked table useless for finding live codes.
 * Binding the journey and the address into the MAC means a code only ever works for the journey
 * and the address it was sent to. JSON keeps the three fields from running into each other.
 */
export function hashPasscode(key: Uint8Array, binding: PasscodeBinding): string {
  return createHmac("sha256", key)
    .update(JSON.stringify(["guestgate/otp/v1", binding.journeyId, binding.address, binding.code]))
    .digest("base64url");
}

/** Constant-time comparison of two hashes, so response timing says nothing about how close a guess was. */
export function passcodeHashesMatch(stored: string, computed: string): boolean {
  const a = Buffer.from(stored, "base64url");
  const b = Buffer.from(computed, "base64url");
  return a.length === b.length && timingSafeEqual(a, b);
}

export const MIN_HASH_KEY_BYTES = 32;

/** The passcode MAC key, derived (RFC 5869 HKDF) from a server secret such as AUTH_SECRET, so that key is never reused as is. */
export function deriveOtpHashKey(secret: string): Buffer {
  if (secret.length < MIN_HASH_KEY_BYTES)
    throw new RangeError(`the OTP secret must have at least ${MIN_HASH_KEY_BYTES} characters`);
  return Buffer.from(hkdfSync("sha256", secret, new Uint8Array(0), "guestgate/otp-hash-key/v1", 32));
}
