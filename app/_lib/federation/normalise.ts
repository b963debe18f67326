import type { UpstreamIdentity, UpstreamKind, UpstreamProviderConfig } from "./types";
import { entraEmailVerified } from "./entra-claims";

/** Fixed issuers for the OAuth 2.0 (not OpenID) providers, which have no `iss` to read. */
export const GITHUB_ISSUER = "https://github.com";
export const FACEBOOK_ISSUER = "https://www.facebook.com";

export class UpstreamProfileError extends Error {
  override name = "UpstreamProfileError";
}

/** What Auth.js hands the jwt callback: the provider's raw answer (ID-token claims, or the userinfo JSON). */
export type RawProfile = Record<string, unknown>;
export interface RawAccount {
  provider: string;
  providerAccountId?: string;
}

interface KindRule {
  /**
   * `idToken`: issuer and subject are the validated ID token's `iss` and `sub` (OIDC Core §2,
   * §3.1.3.7 — Auth.js has checked `iss`, `aud`, `exp`, nonce). Otherwise a fixed issuer and the
   * provider's own numeric account id.
   */
  key: "idToken" | { issuer: string; subjectClaim: string };
  emailVerified(profile: RawProfile): boolean;
  /** Claims tried in order for the display name. */
  nameClaims: readonly string[];
}

/** OIDC Core §5.1 says `email_verified` is a boolean; a few providers send the string "true". */
export const isAffirmative = (value: unknown): boolean => value === true || value === "true";

/**
 * Per-provider differences, as data (docs/ARCHITECTURE.md, "Federation"). Only an explicit upstream assertion makes
 * an address verified: a Guestgate passcode can always prove it later.
 */
const RULES: Record<UpstreamKind, KindRule> = {
  google: { key: "idToken", emailVerified: (p) => isAffirmative(p.email_verified), nameClaims: ["name"] },
  oidc: { key: "idToken", emailVerified: (p) => isAffirmative(p.email_verified), nameClaims: ["name", "preferred_username"] },
  "microsoft-entra": { key: "idToken", emailVerified: entraEmailVerified, nameClaims: ["name"] },
  // Set by our userinfo request from GET /user/emails: the primary address, and whether GitHub verified it.
  github: {
    key: { issuer: GITHUB_ISSUER, subjectClaim: "id" },
    emailVerified: (p) => p.email_verified === true,
    nameClaims: ["name", "login"],
  },
  // The Graph API's `email` carries no verification flag; Facebook ids are app-scoped (ASID).
  facebook: { key: { issuer: FACEBOOK_ISSUER, subjectClaim: "id" }, emailVerified: () => false, nameClaims: ["name"] },
};

const text = (value: unknown): string | undefined => {
  if (typeof value === "number" && Number.isSafeInteger(value)) return String(value);
  if (typeof value !== "string") return undefined;
  const trimmed = value.trim();
  return trimmed.length > 0 && trimmed.length <= 1024 ? trimmed : undefined;
};

/** The one place where an upstream's answer becomes Guestgate's `UpstreamIdentity`. */
export function normaliseUpstreamIdentity(
  config: UpstreamProviderConfig,
  account: RawAccount,
  profile: RawProfile,
): UpstreamIdentity {
  if (account.provider !== config.id)
    throw new UpstreamProfileError(`answer from "${account.provider}" given to provider "${config.id}"`);
  const rule = RULES[config.kind];
  const issuer = rule.key === "idToken" ? text(profile.iss) : rule.key.issuer;
  const subject = rule.key === "idToken" ? text(profile.sub) : text(profile[rule.key.subjectClaim]);
  if (!issuer || !subject) throw new UpstreamProfileError(`provider "${config.id}" gave no ${issuer ? "subject" : "issuer"}`);

  const email = text(profile.email);
  const name = rule.nameClaims.map((claim) => text(profile[claim])).find(Boolean);
  const givenName = text(profile.given_name) ?? text(profile.first_name);
  const familyName = text(profile.family_name) ?? text(profile.last_name);
  return {
    providerId: config.id,
    kind: config.kind,
    issuer,
    subject,
    ...(email && { email }),
    emailVerified: email !== undefined && rule.emailVerified(profile),
    ...(name && { name }),
    ...(givenName && { givenName }),
    ...(familyName && { familyName }),
  };
}
