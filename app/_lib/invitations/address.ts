import { invalid } from "./errors";

// RFC 5321 §4.5.3.1: at most 64 octets before the @, 255 after; a path holds at most 254 in practice.
const MAX_LOCAL = 64;
const MAX_ADDRESS = 254;
// The dot-atom of RFC 5322 §3.4.1 (no quoted local parts: Graph refuses them too).
const LOCAL = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/;
const LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

/** Trimmed and lower-cased, as the directory stores and compares addresses (docs/ARCHITECTURE.md, "Data"). */
export const normaliseAddress = (address: string) => address.trim().toLowerCase();

/**
 * Whether `address` is a mailbox an invitation can go to, checked as Graph checks
 * `invitedUserEmailAddress`: one @, a dot-atom local part, a domain of at least two LDH labels, a
 * top-level label of letters, within the length limits. IP literals and quoted local parts are
 * refused (no mailbox provider hands those out to people).
 */
export function isInvitableAddress(address: string): boolean {
  const normal = normaliseAddress(address);
  if (normal.length === 0 || normal.length > MAX_ADDRESS) return false;
  const at = normal.lastIndexOf("@");
  if (at <= 0 || normal.indexOf("@") !== at) return false;
  const local = normal.slice(0, at);
  const domain = normal.slice(at + 1);
  if (local.length > MAX_LOCAL || !LOCAL.test(local)) return false;
  const labels = domain.split(".");
  if (labels.length < 2 || !labels.every((label) => LABEL.test(label))) return false;
  return /^[a-z]{2,63}$/.test(labels.at(-1)!);
}

export function domainOf(address: string): string {
  const normal = normaliseAddress(address);
  return normal.slice(normal.lastIndexOf("@") + 1);
}

/** The address, normalised, or an `invalid` error naming `field`. */
export function invitableAddress(address: unknown, field: string): string {
  if (typeof address !== "string" || !isInvitableAddress(address))
    throw invalid(field, "invalidAddress", `Invalid value specified for property '${field}' of resource 'Invitation'.`);
  return normaliseAddress(address);
}
