import type { AuditLog } from "../directory";

/** What is stored of an invitation's lifecycle; "expired" is a pending one past its ticket's expiry. */
export const INVITATION_STATUSES = ["pending", "accepted", "revoked"] as const;
export type InvitationStatus = (typeof INVITATION_STATUSES)[number];
/** What lists and the portal show (Entra's pending, accepted, expired, revoked). */
export type InvitationState = InvitationStatus | "expired";

export interface InvitationRecord {
  id: string;
  tenantId: string;
  guestId: string;
  /** Normalised: the address the invitee must prove to redeem. */
  email: string;
  displayName: string | null;
  userType: "Guest" | "Member";
  redirectUrl: string;
  /** SHA-256 (base64url) of the live ticket; the ticket itself is never stored. */
  ticketHash: string;
  ticketExpiresAt: Date;
  status: InvitationStatus;
  language: string | null;
  customMessage: string | null;
  ccRecipient: string | null;
  inviterType: string;
  inviterId: string;
  inviterName: string | null;
  sends: number;
  lastSentAt: Date | null;
  reminderSentAt: Date | null;
  redeemedAt: Date | null;
  revokedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

export type NewInvitationRecord = Omit<InvitationRecord, "createdAt" | "updatedAt">;
export type InvitationChanges = Partial<
  Pick<
    InvitationRecord,
    | "displayName"
    | "userType"
    | "redirectUrl"
    | "ticketHash"
    | "ticketExpiresAt"
    | "status"
    | "language"
    | "customMessage"
    | "ccRecipient"
    | "inviterType"
    | "inviterId"
    | "inviterName"
    | "sends"
    | "lastSentAt"
    | "reminderSentAt"
    | "redeemedAt"
    | "revokedAt"
  >
>;

/** The row must still be like this for a conditional update to apply (single use: one winner in a race). */
export interface InvitationExpectation {
  status?: InvitationStatus;
  ticketHash?: string;
  /** The ticket must still be valid at this instant. */
  ticketValidAt?: Date;
  /** updatedAt must still be this (nobody changed the row since it was read). */
  updatedAt?: Date;
}

export interface InvitationListQuery {
  state?: InvitationState;
  now: Date;
  after?: { createdAt: Date; id: string };
  take: number;
}

export interface InvitationReads {
  find(tenantId: string, id: string): Promise<InvitationRecord | null>;
  findByGuest(tenantId: string, guestId: string): Promise<InvitationRecord | null>;
}

export interface InvitationUnit extends InvitationReads {
  insert(record: NewInvitationRecord): Promise<void>;
  /** Applies `changes` only if the row still meets `expect`; whether it did. */
  update(tenantId: string, id: string, expect: InvitationExpectation, changes: InvitationChanges): Promise<boolean>;
  audit: AuditLog;
}

/**
 * What the invitation service needs from storage: plain reads and writes in units of work, no
 * decisions. app/_lib/db implements it on Prisma, testing/memory-store.ts in memory.
 */
export interface InvitationStore extends InvitationReads {
  /** By ticket hash, in any tenant: the service checks the tenant (a ticket of another tenant is unknown). */
  findByTicket(ticketHash: string): Promise<InvitationRecord | null>;
  list(tenantId: string, query: InvitationListQuery): Promise<InvitationRecord[]>;
  /** Pending invitations of the tenant whose last e-mail went out before `sentBefore` (or never), not yet reminded, still valid at `now`. */
  dueForReminder(tenantId: string, sentBefore: Date, now: Date, limit: number): Promise<InvitationRecord[]>;
  /**
   * A unit of work. The directory store given to the same service must join it when its own
   * transaction is asked for inside `work` (on Prisma both share the open transaction of one
   * client), so a redemption's ticket and identity commit or roll back together.
   */
  transaction<T>(work: (unit: InvitationUnit) => Promise<T>): Promise<T>;
}
