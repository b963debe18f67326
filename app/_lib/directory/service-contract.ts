import type { Actor } from "./actor";
import type { GuestFilter } from "./guest-filter";
import type { GuestState, GuestSummary, ProvenIdentity, StoredAttributes } from "./guests";

/**
 * The directory's verbs: what the journeys, the Graph API, the admin portal, the CLI and jobs all
 * call. `createDirectoryService(ports)` implements it; surfaces are thin adapters over it.
 *
 * Every verb that changes a guest takes the acting {@link Actor}, checks what that actor may do,
 * enforces the invariant, writes, and records its own audit event in the same unit of work.
 * Administrative reads take an actor too. `findByIdentity` is the journeys' lookup right after an
 * identity was proven, so the proof is its authority.
 */
export interface DirectoryService {
  findByIdentity(tenantId: string, identity: Pick<ProvenIdentity, "issuer" | "subject">): Promise<GuestSummary | null>;
  get(actor: Actor, tenantId: string, guestId: string): Promise<GuestSummary>;
  list(actor: Actor, tenantId: string, query: GuestQuery): Promise<GuestPage>;
  /**
   * Self-service sign-up: guest, identity, attributes and the audit event (actor: the new guest)
   * in one transaction. Idempotent on (tenant, issuer, subject): a retry gets the same guest back
   * with `created: false`.
   */
  signUp(input: SelfServiceSignUp): Promise<{ guest: GuestSummary; created: boolean }>;
  /** Adds or replaces attribute values and deletes those named in `remove`; an empty change writes nothing. */
  updateAttributes(actor: Actor, tenantId: string, guestId: string, change: AttributeChange): Promise<GuestSummary>;
  recordSignIn(tenantId: string, identity: Pick<ProvenIdentity, "issuer" | "subject">, at: Date): Promise<void>;
  /** The guest accepted this version of its flow's terms now (themself only); audited `guest.termsAccepted`. */
  acceptTerms(
    actor: Actor,
    tenantId: string,
    guestId: string,
    input: { version: string; correlationId?: string },
  ): Promise<GuestSummary>;
  block(actor: Actor, tenantId: string, guestId: string): Promise<GuestSummary>;
  unblock(actor: Actor, tenantId: string, guestId: string): Promise<GuestSummary>;
  /** Deletes the guest and revokes what it holds; says what was revoked. */
  delete(actor: Actor, tenantId: string, guestId: string): Promise<DeletedGuest>;
  /** A guest without an identity yet (state `pendingAcceptance`), for invitations. */
  createPending(actor: Actor, tenantId: string, input: PendingGuest): Promise<GuestSummary>;
  /**
   * Links a proven identity to an existing guest (invitation redemption); the pair must be free. A
   * guest acting on their own record may do this only while pending (redeeming their invitation).
   */
  linkIdentity(actor: Actor, tenantId: string, guestId: string, identity: ProvenIdentity): Promise<GuestSummary>;
  /**
   * Graph's `resetRedemption`: the guest's identities are unlinked, its sessions and grants end,
   * and it is pending again, so that its next invitation can be redeemed with another account.
   */
  resetRedemption(actor: Actor, tenantId: string, guestId: string, correlationId?: string): Promise<GuestSummary>;
  /** One guest with what the Graph API shows of it, by id or by e-mail address. */
  describe(actor: Actor, tenantId: string, key: { id: string } | { email: string }): Promise<GuestDetails>;
  /** `list` with the Graph API's view of each guest, and the total when `query.count` asks. */
  listDetails(actor: Actor, tenantId: string, query: GuestQuery): Promise<GuestDetailsPage>;
  /**
   * How many guests match the filter (Graph `$count`). With `atMost`, counting stops there (the
   * answer is then at most that): the portal shows "10,000 or more" instead of reading every row.
   */
  count(actor: Actor, tenantId: string, filter?: GuestQuery["filter"], options?: { atMost?: number }): Promise<number>;
  /**
   * A guest created with its identities already known (Graph `POST /users` with `identities`,
   * contract §1 "Creating a guest directly"): active (or blocked), no invitation to redeem.
   */
  createWithIdentities(actor: Actor, tenantId: string, input: DirectGuest): Promise<GuestDetails>;
  /** Ends the guest's sessions and revokes its grants and refresh tokens; the guest stays. */
  revokeSignInSessions(actor: Actor, tenantId: string, guestId: string): Promise<DeletedGuest["revoked"]>;
  /**
   * The names of the tenant's custom attributes: registered ones (the CustomAttribute table) and
   * those its user flows declare. The Graph API accepts `extension_<app>_<name>` only for these.
   */
  customAttributeNames(actor: Actor, tenantId: string): Promise<string[]>;
  /**
   * Records that the actor exported the guests matching `filter` (audited `guests.exported` with the
   * filter and how many match), before the rows are streamed: an export that is cut off is still on record.
   */
  recordExport(actor: Actor, tenantId: string, filter: GuestQuery["filter"], format: "csv"): Promise<{ count: number }>;
}

/** A guest as the Graph API shows it: the summary plus its bookkeeping and identities. */
export interface GuestDetails extends GuestSummary {
  createdAt: Date;
  updatedAt: Date;
  createdVia: string;
  /** When the state last moved into or out of pendingAcceptance; null while it never did. */
  stateChangedAt: Date | null;
  identities: { issuer: string; subject: string; providerId: string }[];
}

export interface GuestDetailsPage {
  guests: GuestDetails[];
  nextCursor?: string;
  /** The page before (the portal's previous link; Graph has none and ignores it). */
  previousCursor?: string;
  count?: number;
}

export interface DirectGuest {
  email: string | null;
  displayName: string | null;
  /** At least one; each (issuer, subject) must be free in the tenant. */
  identities: { issuer: string; subject: string; providerId: string }[];
  attributes: StoredAttributes;
  state: Extract<GuestState, "active" | "blocked">;
  correlationId?: string;
}

export interface SelfServiceSignUp {
  tenantId: string;
  identity: ProvenIdentity;
  attributes: StoredAttributes;
  displayName: string | null;
  /** The user flow's name and the application's client id the guest signed up through. */
  userFlowName: string;
  clientId: string;
  /** Correlates the audit event with the journey. */
  correlationId: string;
  /**
   * The flow has an approval queue: `pending` creates the guest `pendingApproval` with its request
   * (in the person's language, refused by the job after `autoDenyAt`); `autoApproved` creates it
   * active, on record as admitted by the flow's domain rule or by a connected organisation's domain.
   * Absent: no queue, active.
   */
  approval?:
    { pending: true; locale: string; autoDenyAt?: Date } | { pending: false; autoApproved: "domain" | "connectedOrganization" };
  /** The flow's terms version the person accepted on the form (audited `guest.termsAccepted` with the creation). */
  termsVersion?: string;
}

export interface AttributeChange {
  values: StoredAttributes;
  /** Names whose stored values are deleted (an optional value the guest cleared). Optional: absent removes nothing. */
  remove?: readonly string[];
  displayName?: string | null;
  /** Graph's accountEnabled, in the same transaction: false blocks, true unblocks (checked as those verbs are). */
  accountEnabled?: boolean;
  /** Only if the guest's updatedAt is still this (Graph's If-Match); otherwise conflict "stale: …", nothing written. */
  unchangedSince?: Date;
  correlationId?: string;
}

export interface PendingGuest {
  email: string;
  displayName: string | null;
  /** Default Guest; Member only for the system or a Global Administrator (Entra's rule). */
  userType?: "Guest" | "Member";
  createdVia: "invitation" | "accessPackage" | "admin";
  correlationId?: string;
}

export interface GuestQuery {
  /** Filter on the fields the Graph API and portal filter on; all given conditions must hold. */
  filter?: {
    state?: GuestSummary["state"];
    userType?: GuestSummary["userType"];
    email?: string;
    /** Prefix of displayName or email, case-insensitive. */
    search?: string;
    createdVia?: string;
    /** The user flow a self-service guest signed up through (its name). */
    userFlowName?: string;
    /** The identity provider (tenants.json id) the guest was created with. */
    identityProvider?: string;
    /** Any further condition (the Graph API's `$filter`); all of the above and this must hold. */
    expression?: GuestFilter;
  };
  orderBy?: { field: "displayName" | "email" | "createdAt"; direction: "asc" | "desc" };
  /** 1..999, default 100 (Graph's `$top`). */
  top?: number;
  /** Opaque cursor from a previous page (`@odata.nextLink`'s skip token, or `list`'s previousCursor). */
  cursor?: string;
  /** Also count every match (Graph `$count=true`); only listDetails answers it. */
  count?: boolean;
}

export interface GuestPage {
  guests: GuestSummary[];
  nextCursor?: string;
  /** A cursor for the page before this one (only `list` gives it: the portal's previous-page link). */
  previousCursor?: string;
}

export interface DeletedGuest {
  guestId: string;
  revoked: { sessions: number; grants: number; refreshTokens: number };
}

/** Why a directory verb refused: surfaces map the code (Graph: 403/404/400/409). */
export class DirectoryError extends Error {
  override readonly name = "DirectoryError";
  constructor(
    readonly code: "forbidden" | "notFound" | "invalid" | "conflict",
    message: string,
  ) {
    super(message);
  }
}

/**
 * By class, or by name and code: a bundler may load this module twice (a route's chunk and the
 * composition root's), and then the class a verb threw is not the one a page imported.
 */
export function isDirectoryError(error: unknown): error is DirectoryError {
  if (error instanceof DirectoryError) return true;
  return (
    error instanceof Error &&
    error.name === "DirectoryError" &&
    ["forbidden", "notFound", "invalid", "conflict"].includes((error as { code?: unknown }).code as string)
  );
}
