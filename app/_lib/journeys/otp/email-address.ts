import { z } from "zod";

const emailSyntax = z.email();

// RFC 5321 §4.5.3.1: a local part holds at most 64 octets and a path at most 256, angle brackets
// included — so an address at most 254. RFC 1035 §2.3.4: a DNS label at most 63.
const MAX_ADDRESS = 254;
const MAX_LOCAL_PART = 64;
const MAX_LABEL = 63;
const PRINTABLE_ASCII = /^[\x21-\x7e]+$/;

/**
 * The one place an e-mail address becomes the key Guestgate binds codes, rate limits and guests
 * to: trimmed and lower-cased as a whole. RFC 5321 §2.4 lets a server treat the local part
 * case-sensitively, but the providers people use do not, and treating `Ann@x.com` and
 * `ann@x.com` as two people would give one person two accounts and double their code quota.
 * Nothing provider-specific (no Gmail dot or +tag folding): that would be guessing.
 * Returns undefined for anything zod's email() rejects (quoted local parts, IP literals,
 * internationalised addresses) or that is too long to deliver.
 */
export function normaliseEmailAddress(raw: unknown): string | undefined {
  if (typeof raw !== "string") return undefined;
  const trimmed = raw.trim();
  // Checked before lower-casing: "K" (U+212A KELVIN SIGN) lower-cases to an ASCII "k", and must
  // not turn into someone else's address.
  if (trimmed.length > MAX_ADDRESS || !PRINTABLE_ASCII.test(trimmed)) return undefined;
  const address = trimmed.toLowerCase();
  const at = address.lastIndexOf("@");
  if (at < 1 || at > MAX_LOCAL_PART) return undefined;
  if (
    address
      .slice(at + 1)
      .split(".")
      .some((label) => label.length > MAX_LABEL)
  )
    return undefined;
  return emailSyntax.safeParse(address).success ? address : undefined;
}
