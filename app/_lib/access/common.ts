import type { Actor, AuditDatum, AuditEventInput, SystemActor } from "../directory";
import type { ListArgs } from "./catalogs";
import type { AccessNotifications } from "./notifications";
import { notFound } from "./errors";
import type { EntitlementReads, OutsiderIdentity } from "./records";

export interface Page<T> {
  items: T[];
  more: boolean;
}

/** A list verb's arguments as the store reads them: one row more than asked, to know of `more`. */
export const listArgs = <F>(query: ListArgs<F>) => ({
  filters: query.filters ?? [],
  take: query.top + 1,
  ...(query.after ? { after: query.after } : {}),
  ...(query.before ? { before: query.before } : {}),
});

/** `top` of the rows (one more was read, to know of `more`); read backwards (`before`), they are put back in order. */
export const page = <T>(rows: T[], top: number, before?: string): Page<T> => {
  const items = rows.slice(0, top);
  return { items: before ? items.reverse() : items, more: rows.length > top };
};

/** What every write verb is told besides its input: who, in which tenant, correlated with what. */
export interface Call {
  actor: Actor;
  tenantId: string;
  correlationId?: string;
}

export const event = (
  call: Call,
  type: string,
  target: { type: string; id: string },
  data?: Record<string, AuditDatum>,
): AuditEventInput => ({
  tenantId: call.tenantId,
  type,
  actor: call.actor,
  target,
  ...(call.correlationId ? { correlationId: call.correlationId } : {}),
  ...(data ? { data } : {}),
});

export async function existing<T>(read: Promise<T | null>, id: string): Promise<T> {
  const found = await read;
  if (!found) throw notFound(id);
  return found;
}

export const catalogOf = (reads: EntitlementReads, tenantId: string, id: string) => existing(reads.findCatalog(tenantId, id), id);
export const packageOf = (reads: EntitlementReads, tenantId: string, id: string) => existing(reads.findPackage(tenantId, id), id);

/** Only the keys the caller gave: a PATCH changes what it names. */
export const given = <T extends object>(changes: T): Partial<T> =>
  Object.fromEntries(Object.entries(changes).filter(([, value]) => value !== undefined)) as Partial<T>;

/** What the entitlements service needs from other modules. */
export interface EntitlementPorts {
  /**
   * Makes a pending guest of an address not yet in the directory (the invitation machinery,
   * without an invitation e-mail; `createdVia` accessPackage) and returns its id; an address
   * that is a guest already returns that guest. With the `identity` the requestor proved in My
   * Access, that identity is linked to the guest (which makes it active): they sign in as it next.
   * Without one, the new guest is pending and `redeemUrl` is where they prove the address (the
   * delivered mail's link): nobody is ever signed in as a guest by the address alone.
   */
  provisionGuest?(
    tenantId: string,
    person: { email: string; displayName: string | null; identity?: OutsiderIdentity | null },
    correlationId?: string,
  ): Promise<{ guestId: string; redeemUrl: string | null }>;
  /** The mails of requests and assignments (approvers, requestors); sent after the change commits. */
  notify?: AccessNotifications;
  /** A mail that could not be sent: reported, never thrown (the decision it tells of stands). */
  onNotifyFailure?(error: unknown, what: string, tenantId: string): void;
  /** The directory's verbs the external-user lifecycle uses; they join the caller's unit of work. */
  externalUsers?: ExternalUserPort;
}

/** Block, unblock and delete a guest as the directory does them (audited there, with the actor given). */
export interface ExternalUserPort {
  /** Blocks the guest: sign-in refused, sessions ended, its tokens no longer accepted. */
  block(actor: SystemActor, tenantId: string, guestId: string): Promise<void>;
  unblock(actor: SystemActor, tenantId: string, guestId: string): Promise<void>;
  /** Deletes the guest and revokes what it holds (refresh tokens, grants). */
  delete(actor: SystemActor, tenantId: string, guestId: string): Promise<void>;
}

export interface Clock {
  now(): Date;
}

/** The directory user an actor is, when it is one (a signed-in guest or member; an administrator). */
export function personOf(actor: Actor): string | null {
  if (actor.type === "guest") return actor.guestId;
  if (actor.type === "administrator") return actor.id;
  return null;
}
