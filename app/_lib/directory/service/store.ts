import type { AuditLog } from "../audit";
import type { GuestState, GuestSummary, ProvenIdentity, StoredAttributes } from "../guests";
import type { GuestQuery } from "../service-contract";

/**
 * What the directory service needs from storage: plain reads and writes, no decisions. Who acted,
 * whether they may, and what the audit event says are the service's; the store only promises that
 * everything done inside one `transaction` commits or fails together. app/_lib/db implements it on
 * Prisma, testing/memory-store.ts in memory.
 */
export interface GuestRecord extends GuestSummary {
  createdAt: Date;
  createdVia: string;
  /** How many identities are linked (0 for a pending guest). */
  identities: number;
  linkedIdentities: { issuer: string; subject: string; providerId: string }[];
  updatedAt: Date;
  stateChangedAt: Date | null;
}

export interface NewGuestRecord {
  id: string;
  tenantId: string;
  userType: "Guest" | "Member";
  state: GuestState;
  createdVia: "selfServiceSignUp" | "invitation" | "accessPackage" | "admin" | "seed";
  displayName: string | null;
  /** Normalised (trimmed, lower-case) by the service. */
  email: string | null;
  emailVerified: boolean;
  userFlowName?: string;
  clientId?: string;
  identity?: ProvenIdentity;
  attributes: StoredAttributes;
  /** A pendingApproval sign-up's request for the approval queue, written with the guest. */
  signUpRequest?: { userFlowName: string; clientId: string; locale: string; autoDenyAt: Date | null };
  /** The terms version the new guest accepted on the sign-up form, and when. */
  termsAccepted?: { version: string; at: Date };
}

export interface RevokedAccess {
  sessions: number;
  grants: number;
  refreshTokens: number;
}

/** Key-set paging: the rows strictly after `after` in the given order. */
export interface GuestListQuery {
  filter: NonNullable<GuestQuery["filter"]>;
  orderBy: NonNullable<GuestQuery["orderBy"]>;
  after?: { value: string | null; id: string };
  take: number;
}

export interface DirectoryReads {
  findByIdentity(tenantId: string, issuer: string, subject: string): Promise<GuestRecord | null>;
  find(tenantId: string, guestId: string): Promise<GuestRecord | null>;
  findByEmail(tenantId: string, email: string): Promise<GuestRecord | null>;
}

export interface DirectoryUnit extends DirectoryReads {
  insertGuest(guest: NewGuestRecord): Promise<void>;
  /** `changedAt`: also record it as stateChangedAt (the state moved into or out of pendingAcceptance). */
  setState(tenantId: string, guestId: string, state: GuestState, changedAt?: Date): Promise<void>;
  setDisplayName(tenantId: string, guestId: string, displayName: string | null): Promise<void>;
  setTermsAccepted(tenantId: string, guestId: string, accepted: { version: string; at: Date }): Promise<void>;
  /** Adds or replaces the given values; others stay. */
  upsertAttributes(guestId: string, values: StoredAttributes): Promise<void>;
  /** Deletes the named values (an optional value the guest cleared); absent names are ignored. */
  removeAttributes(guestId: string, names: readonly string[]): Promise<void>;
  /** Throws {@link UniqueConflict} when (tenant, issuer, subject) is linked already. */
  linkIdentity(tenantId: string, guestId: string, identity: ProvenIdentity): Promise<void>;
  /** Sets the identity's last sign-in; the guest it belongs to, or null when there is no such identity. */
  recordSignIn(tenantId: string, issuer: string, subject: string, at: Date): Promise<string | null>;
  /** Ends the guest's live OP sessions; how many. */
  endSessions(tenantId: string, guestId: string, now: Date): Promise<number>;
  /** Ends sessions, revokes grants and their refresh tokens, drops unredeemed codes; counts of what was live. */
  revokeAccess(tenantId: string, guestId: string, now: Date): Promise<RevokedAccess>;
  /** Removes every identity linked to the guest (an invitation's redemption is reset); how many. */
  unlinkIdentities(tenantId: string, guestId: string): Promise<number>;
  /** The guest with its identities and attribute values. */
  deleteGuest(tenantId: string, guestId: string): Promise<void>;
  audit: AuditLog;
}

export interface DirectoryStore extends DirectoryReads {
  list(tenantId: string, query: GuestListQuery): Promise<GuestRecord[]>;
  /** `atMost`: stop counting there (a bounded read). */
  count(tenantId: string, filter: GuestListQuery["filter"], atMost?: number): Promise<number>;
  customAttributeNames(tenantId: string): Promise<string[]>;
  /** Runs `work` as one transaction: all of its writes and audit events, or none. */
  transaction<T>(work: (unit: DirectoryUnit) => Promise<T>): Promise<T>;
}

/** A unique key was taken by someone else first (the identity triple): the transaction wrote nothing. */
export class UniqueConflict extends Error {
  override readonly name = "UniqueConflict";
}

export function isUniqueConflict(error: unknown): error is UniqueConflict {
  return error instanceof Error && error.name === "UniqueConflict";
}
