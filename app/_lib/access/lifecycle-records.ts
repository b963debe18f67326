import type { AssignmentRecord, StageRecord } from "./records";

/** A directory user as the mails and the external-user lifecycle see them. */
export interface ContactRecord {
  id: string;
  email: string | null;
  displayName: string | null;
  /** The `preferredLanguage` attribute (a BCP 47 tag such as "fr-FR"), when the person has one. */
  preferredLanguage: string | null;
  /** How the user came into the directory (`accessPackage` for a guest a delivery made). */
  createdVia: string;
  /** The directory state (active, blocked, pendingAcceptance, pendingApproval). */
  state: string;
}

/** The "expiring soon" notice last sent for an assignment: 7 days before its end, then 1 day; null before the first. */
export type ExpiryNoticeDays = 7 | 1 | null;

/** A guest made by access packages whose last assignment ended, on its way through the tenant's lifecycle action. */
export interface ExternalUserRecord {
  guestId: string;
  tenantId: string;
  /** ended: waiting for the job to apply the action; blocked: the job blocked it (and deletes it at deleteAt). */
  state: "ended" | "blocked";
  endedAt: Date;
  blockedAt: Date | null;
  deleteAt: Date | null;
  /** Whether the job's block changed the guest: only then does a new assignment unblock it. */
  blockedByLifecycle: boolean;
}

/** Reads of the notifications, the reminders, crash recovery and the external-user lifecycle. */
export interface LifecycleReads {
  /** The tenant's users of these ids (unknown ids are left out). */
  contactsOf(tenantId: string, ids: readonly string[]): Promise<ContactRecord[]>;
  /** At most `take` member ids of a group of the tenant. */
  groupMemberIds(tenantId: string, groupId: string, take: number): Promise<string[]>;
  /**
   * Delivered assignments of every tenant due a notice: none sent yet and ending by `weekAhead`,
   * or the 7-day one sent and ending by `dayAhead`; soonest end first.
   */
  expiringAssignments(
    now: Date,
    weekAhead: Date,
    dayAhead: Date,
    take: number,
  ): Promise<(AssignmentRecord & { expiryNoticeDays: ExpiryNoticeDays })[]>;
  /** Requests of every tenant still `delivering` that entered it before `before` (left by a stopped process). */
  staleDeliveries(before: Date, take: number): Promise<{ id: string; tenantId: string; deliveryStartedAt: Date | null }[]>;
  findExternalUser(tenantId: string, guestId: string): Promise<ExternalUserRecord | null>;
  /** Markers of every tenant the job acts on now: `ended` ones, and `blocked` ones whose deleteAt has come. */
  dueExternalUsers(now: Date, take: number): Promise<ExternalUserRecord[]>;
  /** In-progress stages of every tenant whose escalation time has come and that were not escalated yet. */
  dueEscalations(now: Date, take: number): Promise<StageRecord[]>;
  /** Whether the user holds a delivered assignment, or has a request being delivered. */
  holdsOrAwaitsAccess(tenantId: string, guestId: string): Promise<boolean>;
}

export interface LifecycleWrites {
  /** Records the notice sent, only while the last one recorded is still `from`: true when this call recorded it. */
  recordExpiryNotice(id: string, from: ExpiryNoticeDays, to: 7 | 1): Promise<boolean>;
  /** Escalates the stage, only while it is in progress and not escalated: true for exactly one caller. */
  markEscalated(id: string, now: Date): Promise<boolean>;
  /** Takes over a stale delivery (its deliveryStartedAt still `since`): true for exactly one taker. */
  restartDelivery(id: string, since: Date | null, now: Date): Promise<boolean>;
  /** Writes the marker of a guest whose last assignment ended, unless it has one. */
  markExternalUserEnded(tenantId: string, guestId: string, endedAt: Date): Promise<void>;
  /** Changes the marker only while its state is `from`. */
  updateExternalUser(
    guestId: string,
    from: ExternalUserRecord["state"],
    changes: Partial<Pick<ExternalUserRecord, "state" | "blockedAt" | "deleteAt" | "blockedByLifecycle">>,
  ): Promise<boolean>;
  deleteExternalUser(guestId: string): Promise<void>;
}
