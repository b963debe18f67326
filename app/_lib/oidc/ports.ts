import type { LocalizedNames } from "./clients/localized-names";
import type { AuditEventInput } from "../directory";

/**
 * What the OpenID provider needs from the outside world, as interfaces: app/_lib/db implements
 * them with Prisma, testing/memory-repositories.ts in memory. Records are plain data; lists that
 * the database stores as JSON strings are arrays here.
 */
export type ClientType = "public" | "confidential";
export type GrantType = "authorization_code" | "refresh_token" | "client_credentials";
export type SigningAlgorithm = "RS256" | "ES256";

export interface AppRole {
  value: string;
  displayName: string;
  description: string;
  /** "User" (assigned to guests) and/or "Application" (held by clients, as Entra app roles). */
  allowedMemberTypes: ("User" | "Application")[];
}

export interface ApplicationRecord {
  id: string;
  tenantId: string;
  clientId: string;
  name: string;
  clientType: ClientType;
  redirectUris: string[];
  postLogoutRedirectUris: string[];
  grantTypes: GrantType[];
  appRoles: AppRole[];
  permissions: string[];
  /**
   * Release the user flow's claims only for the OIDC scopes asked (profile, email, address,
   * phone; custom attributes count as profile). Unset or false: Entra's behaviour, the flow's
   * token-claim selection decides whatever the scope (docs/INTEGRATION.md).
   */
  claimsByScope?: boolean;
  /** Graph's groupMembershipClaims ("None", "SecurityGroup", "ApplicationGroup", "All"): which groups its tokens carry. */
  groupMembershipClaims?: string;
  /** The display name per page language (clients/localized-names.ts); absent: `name` everywhere. */
  localizedDisplayNames?: LocalizedNames;
  createdAt: Date;
}

export type NewApplication = Omit<ApplicationRecord, "id" | "createdAt">;

export interface ClientSecretRecord {
  id: string;
  applicationId: string;
  hash: string;
  hint: string;
  expiresAt: Date;
  createdAt: Date;
}

export interface ApplicationRepository {
  findByClientId(clientId: string): Promise<ApplicationRecord | null>;
  list(tenantId: string): Promise<ApplicationRecord[]>;
  /**
   * Creates the application and, for a confidential one, its first secret, atomically — with the
   * audit event the caller decided, when one is given (in the same transaction).
   */
  create(
    application: NewApplication,
    secret?: Omit<ClientSecretRecord, "id" | "applicationId" | "createdAt">,
    audit?: AuditEventInput,
  ): Promise<ApplicationRecord>;
  secrets(applicationId: string): Promise<ClientSecretRecord[]>;
  addSecret(secret: Omit<ClientSecretRecord, "id" | "createdAt">, audit?: AuditEventInput): Promise<ClientSecretRecord>;
}

export interface SigningKeyRecord {
  tenantId: string;
  kid: string;
  alg: SigningAlgorithm;
  publicJwk: JsonWebKey;
  privateJwkEncrypted: string;
  state: "active" | "retired";
  activatedAt: Date;
  retiredAt: Date | null;
}

export interface SigningKeyRepository {
  list(tenantId: string): Promise<SigningKeyRecord[]>;
  /** Inserts an active key; false (and nothing stored) when the tenant already has an active key for its alg. */
  insertActive(key: Omit<SigningKeyRecord, "state" | "retiredAt">): Promise<boolean>;
  /** Retires the active key for the key's alg (if any) and makes this one active, atomically (with its audit event, if given). */
  rotate(key: Omit<SigningKeyRecord, "state" | "retiredAt">, now: Date, audit?: AuditEventInput): Promise<void>;
}

export interface OpSessionRecord {
  /** SHA-256 of the cookie value. */
  id: string;
  tenantId: string;
  guestId: string;
  sid: string;
  authTime: Date;
  amr: string[];
  acr: string | null;
  remember: boolean;
  expiresAt: Date;
  endedAt: Date | null;
}

export interface OpSessionRepository {
  create(session: Omit<OpSessionRecord, "endedAt">): Promise<void>;
  find(id: string): Promise<OpSessionRecord | null>;
  /**
   * The session with its guest's state read in the same statement (null when the guest is gone
   * or in another tenant): every authorization request with a session cookie asks both.
   */
  findWithGuestState(id: string): Promise<{ session: OpSessionRecord; guestState: "active" | "blocked" | null } | null>;
  findBySid(sid: string): Promise<OpSessionRecord | null>;
  /** A fresh sign-in in the same session: new auth_time, methods and expiry. */
  reauthenticate(id: string, change: Pick<OpSessionRecord, "authTime" | "amr" | "acr" | "remember" | "expiresAt">): Promise<void>;
  end(id: string, now: Date): Promise<void>;
}

export interface InteractionRecord {
  id: string;
  tenantId: string;
  clientId: string;
  /** JSON snapshot of the validated authorization request. */
  request: string;
  browserBindingHash: string;
  expiresAt: Date;
  result: string | null;
  completedAt: Date | null;
  consumedAt: Date | null;
}

export interface InteractionRepository {
  create(interaction: Omit<InteractionRecord, "result" | "completedAt" | "consumedAt">): Promise<void>;
  find(id: string): Promise<InteractionRecord | null>;
  /** Conditional: only an interaction not yet completed; true when this call completed it. */
  complete(id: string, result: string, now: Date): Promise<boolean>;
  /** Conditional: only a completed interaction not yet consumed; true when this call consumed it. */
  consume(id: string, now: Date): Promise<boolean>;
}

export interface AuthorizationCodeRecord {
  id: string;
  codeHash: string;
  tenantId: string;
  clientId: string;
  guestId: string;
  redirectUri: string;
  scope: string;
  nonce: string | null;
  codeChallenge: string | null;
  codeChallengeMethod: string | null;
  sid: string | null;
  authTime: Date;
  amr: string[];
  acr: string | null;
  expiresAt: Date;
  consumedAt: Date | null;
}

export interface GrantRecord {
  id: string;
  tenantId: string;
  clientId: string;
  guestId: string | null;
  kind: "authorization_code" | "client_credentials";
  scope: string;
  sid: string | null;
  authTime: Date | null;
  amr: string[];
  acr: string | null;
  codeId: string | null;
  createdAt: Date;
  revokedAt: Date | null;
}

export type NewGrant = Omit<GrantRecord, "id" | "createdAt" | "revokedAt">;

export interface RefreshTokenRecord {
  id: string;
  tokenHash: string;
  tenantId: string;
  grantId: string;
  clientId: string;
  scope: string;
  expiresAt: Date;
  consumedAt: Date | null;
  revokedAt: Date | null;
}

export type NewRefreshToken = Omit<RefreshTokenRecord, "id" | "consumedAt" | "revokedAt">;

export interface TokenRepository {
  createCode(code: Omit<AuthorizationCodeRecord, "id" | "consumedAt">): Promise<void>;
  /**
   * The code and the guest it was issued for (null when that guest is gone), read as
   * `GuestLookup.find` reads one: the code exchange needs both, so one statement reads them.
   */
  findCodeWithGuest(codeHash: string): Promise<{ code: AuthorizationCodeRecord; guest: GuestProfile | null } | null>;
  /**
   * One statement decides who redeems the code: the insert of its grant, unique per code. The
   * winner's grant is therefore stored before anyone else can learn they lost, so a replay can
   * always find it to revoke. null when the code was already redeemed.
   */
  redeemCode(codeId: string, now: Date, grant: NewGrant): Promise<GrantRecord | null>;
  /** RFC 6749 §4.1.2: a replayed code revokes what was issued from it. */
  revokeGrantFromCode(codeId: string, now: Date): Promise<void>;
  createGrant(grant: NewGrant): Promise<GrantRecord>;
  findGrant(id: string): Promise<GrantRecord | null>;
  /**
   * Client-credentials tokens have no grant row while they live (tokens/app-grants.ts): revoking
   * one stores its grant as revoked, so that introspection and resource servers refuse it.
   */
  revokeAppGrant(grant: Pick<GrantRecord, "id" | "tenantId" | "clientId" | "scope" | "createdAt">, now: Date): Promise<void>;
  /** Revokes the grant and every refresh token of it. */
  revokeGrant(id: string, now: Date): Promise<void>;
  createRefreshToken(token: NewRefreshToken): Promise<void>;
  findRefreshToken(tokenHash: string): Promise<RefreshTokenRecord | null>;
  /** Conditional on the old token being neither consumed nor revoked; true when rotated. */
  rotateRefreshToken(oldId: string, now: Date, next: NewRefreshToken): Promise<boolean>;
}

/** What the directory knows about a guest that the provider needs: state and profile for claims. */
export interface GuestProfile {
  id: string;
  tenantId: string;
  state: "active" | "blocked";
  displayName: string | null;
  email: string | null;
  emailVerified: boolean;
  /** Collected attribute values by name (Entra names such as givenName, or OIDC names such as given_name). */
  attributes: Record<string, unknown>;
  /** The version of its flow's terms the guest last accepted (absent when the store does not say). */
  termsVersion?: string | null;
}

export interface GuestLookup {
  find(tenantId: string, guestId: string): Promise<GuestProfile | null>;
  /**
   * Only the guest's state, null when there is no such guest in the tenant: what authorize and
   * resume need to know (may they sign in?), one statement where `find` also reads the attributes.
   */
  state(tenantId: string, guestId: string): Promise<GuestProfile["state"] | null>;
  /**
   * The claims the application's user flow selects for its tokens (Entra's "application claims"),
   * released in the ID token and at userinfo whatever the scope. Absent: none beyond the scopes'.
   */
  applicationClaims?(guest: GuestProfile, clientId: string): Promise<Record<string, unknown>>;
  /**
   * Claims a custom claims provider adds for this application (OnTokenIssuanceStart, contract
   * §6.2), asked once per token response and never kept; "refused" when the provider failed and
   * its extension blocks. Absent: none. Protected claims are dropped by the provider.
   */
  tokenIssuanceClaims?(
    guest: GuestProfile,
    clientId: string,
    correlationId: string,
  ): Promise<{ claims: Record<string, unknown> } | { refused: string }>;
  /**
   * The guest's app roles on this application and, when its groupMembershipClaims asks for them,
   * its groups (contract §3.3), in one read. Absent: no `roles` or `groups` claims. `application`
   * is the (cached) record the token endpoint holds: when it defines no role and asks for no groups,
   * there is nothing to read.
   */
  directoryClaims?(
    tenantId: string,
    guestId: string,
    application: Pick<ApplicationRecord, "clientId" | "appRoles" | "groupMembershipClaims">,
  ): Promise<DirectoryClaims>;
}

/** What the directory says about a guest for one application's tokens (contract §3.3). */
export interface DirectoryClaims {
  /** `value`s of the enabled app roles assigned to the guest on this application. */
  roles: string[];
  /** Group ids; undefined when the application asks for none; "overage" beyond GROUPS_CLAIM_LIMIT. */
  groups?: string[] | "overage";
}

export interface OidcRepositories {
  applications: ApplicationRepository;
  signingKeys: SigningKeyRepository;
  sessions: OpSessionRepository;
  interactions: InteractionRepository;
  tokens: TokenRepository;
  guests: GuestLookup;
}

export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };
