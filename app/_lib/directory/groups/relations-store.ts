import type { MemberRecord } from "./store";

/** Reads of a user's sponsors and manager (Graph `users/{id}/sponsors`, `users/{id}/manager`). */
export interface RelationReads {
  /** The user's sponsors (users of the tenant), by id, after `after`. */
  listSponsors(tenantId: string, guestId: string, after: string | undefined, take: number): Promise<MemberRecord[]>;
  isSponsor(guestId: string, sponsorId: string): Promise<boolean>;
  countSponsors(guestId: string): Promise<number>;
  /** The user's manager, or null when they have none. */
  findManager(tenantId: string, guestId: string): Promise<MemberRecord | null>;
  /** The manager's own manager id, and so on up: the id of the user whose manager is asked for next. */
  managerIdOf(guestId: string): Promise<string | null>;
}

export interface RelationWrites {
  addSponsor(tenantId: string, guestId: string, sponsorId: string): Promise<void>;
  removeSponsor(guestId: string, sponsorId: string): Promise<void>;
  /** Sets (or replaces) the user's manager. */
  setManager(tenantId: string, guestId: string, managerId: string): Promise<void>;
  removeManager(guestId: string): Promise<void>;
}
