/** Lifetimes and vocabularies of the provider, in one place. Seconds unless the name says otherwise. */
export const LIFETIMES = {
  /** RFC 9700 §4.2.1 / RFC 6749 §4.1.2: short-lived, at most a minute here. */
  authorizationCode: 60,
  accessToken: 3600,
  idToken: 3600,
  refreshToken: 14 * 24 * 3600,
  /** How long the person has to finish signing in. */
  // Outlives a journey (30 minutes), so that a journey left too long can be replaced while the
  // application's request still waits (docs/ARCHITECTURE.md, "Journeys").
  interaction: 60 * 60,
  /** An OP session with "remember me" (persistent cookie) and without (browser-session cookie). */
  rememberedSession: 14 * 24 * 3600,
  session: 24 * 3600,
  /** Retired signing keys stay in the JWKS this long after a rotation. */
  retiredKeyGrace: 7 * 24 * 3600,
  /**
   * The bounded staleness of every instance's in-memory copies of what the hot path reads:
   * applications, their secret hashes, user-flow assignments and signing keys. A change made on
   * another instance (or straight in the database) takes effect here within this many seconds;
   * one made through this process's own provider at once (docs/ARCHITECTURE.md, "Caches").
   */
  configCache: 5,
  /** How long an instance trusts its in-memory copy of a tenant's keys (the same bound). */
  keyCache: 5,
  /** Cache-Control max-age of discovery and JWKS responses. */
  metadataMaxAge: 300,
  /** Default lifetime of a new client secret. */
  clientSecret: 365 * 24 * 3600,
} as const;

/** Scopes a guest can grant: OIDC Core §5.4 plus offline_access (§11). */
export const USER_SCOPES = ["openid", "profile", "email", "address", "phone", "offline_access"] as const;

/** Standard claims released per scope (OIDC Core §5.4). */
export const SCOPE_CLAIMS: Record<string, readonly string[]> = {
  profile: [
    "name",
    "family_name",
    "given_name",
    "middle_name",
    "nickname",
    "preferred_username",
    "profile",
    "picture",
    "website",
    "gender",
    "birthdate",
    "zoneinfo",
    "locale",
    "updated_at",
  ],
  email: ["email", "email_verified"],
  address: ["address"],
  phone: ["phone_number", "phone_number_verified"],
};

/**
 * Management-API application permissions a confidential client can hold; they appear as `roles`
 * in its client-credentials access tokens. Names as in Microsoft Graph.
 */
export const MANAGEMENT_PERMISSIONS = [
  "User.Invite.All",
  "User.Read.All",
  "User.ReadWrite.All",
  "Group.Read.All",
  "Group.ReadWrite.All",
  "GroupMember.ReadWrite.All",
  "AppRoleAssignment.ReadWrite.All",
  "Application.Read.All",
  "Application.ReadWrite.All",
  "IdentityUserFlow.Read.All",
  "IdentityUserFlow.ReadWrite.All",
  "APIConnectors.Read.All",
  "APIConnectors.ReadWrite.All",
  "CustomAuthenticationExtension.Read.All",
  "CustomAuthenticationExtension.ReadWrite.All",
  "EventListener.Read.All",
  "EventListener.ReadWrite.All",
  "EntitlementManagement.Read.All",
  "EntitlementManagement.ReadWrite.All",
  "AuditLog.Read.All",
] as const;

export const PROMPT_VALUES = ["none", "login", "consent", "select_account"] as const;
export const DISPLAY_VALUES = ["page", "popup", "touch", "wap"] as const;

/** ID tokens: RS256, which OpenID Connect requires every OP to support (OIDC Core §15.1). */
export const ID_TOKEN_ALG = "RS256" as const;
/** Access tokens: ES256, several times cheaper to sign (shared/STACK.md). */
export const ACCESS_TOKEN_ALG = "ES256" as const;
