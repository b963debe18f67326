/**
 * Microsoft Entra ID's `email` claim is an attribute the account's own directory administrator can
 * set to any address; it is not proof that the person controls the mailbox (the "nOAuth" class of
 * account takeovers came from trusting it). It counts as verified only when the token also says so:
 * - `xms_edov` (optional claim, "email domain owner verified"): the address's domain is a verified
 *   domain of the user's home directory;
 * - `verified_primary_email` / `verified_secondary_email` (optional claims, from the directory's
 *   authoritative e-mail attributes) contain the same address.
 * The app registration must request these optional claims; without them Entra addresses are
 * unverified and the journey proves them with a passcode.
 */
export function entraEmailVerified(claims: Record<string, unknown>): boolean {
  const email = typeof claims.email === "string" ? claims.email.trim().toLowerCase() : "";
  if (!email) return false;
  if (claims.xms_edov === true || claims.xms_edov === "true" || claims.xms_edov === 1 || claims.xms_edov === "1") return true;
  const verified = [claims.verified_primary_email, claims.verified_secondary_email]
    .flatMap((value) => (Array.isArray(value) ? value : [value]))
    .filter((value): value is string => typeof value === "string");
  return verified.some((address) => address.trim().toLowerCase() === email);
}

/** The directory that personal Microsoft accounts (MSA) sign in from, as the `tid` claim names it. */
export const MICROSOFT_CONSUMER_TENANT_ID = "9188040d-6c67-4c5b-b112-36a304b66dad";
