import { randomUUID } from "node:crypto";
import type { Actor } from "../actor";
import type { AuditEventInput } from "../audit";
import { isBuiltInAttributeName } from "../attributes/built-in";
import { customAttributeNameSchema } from "../attributes/custom-definition";
import type { GuestSummary, StoredAttributes } from "../guests";
import { normaliseGuestFilter } from "../guest-filter";
import { DirectoryError, type DirectoryService, type GuestDetails, type GuestQuery } from "../service-contract";
import { createCursorCodec } from "./cursor";
import { mayAct, type DirectoryAction } from "./permissions";
import { isUniqueConflict, type DirectoryStore, type DirectoryUnit, type GuestRecord } from "./store";

export interface DirectoryPorts {
  store: DirectoryStore;
  clock: { now(): Date };
  /** ≥ 256 bits, the same on every instance (paging cursors are MACed with it). */
  cursorKey: Uint8Array;
  newId?: () => string;
}

const DEFAULT_TOP = 100;
const MAX_TOP = 999;
const EMAIL = /^[^\s@]{1,64}@[^\s@]+\.[^\s@]{2,}$/;

/**
 * The directory's verbs over a store (docs/ARCHITECTURE.md, "Services and actors"). Each verb: may this actor? → does the
 * guest exist in this tenant? → the invariant → the writes and the verb's own audit event, in one
 * transaction. A guest of another tenant is simply not found.
 */
export function createDirectoryService(ports: DirectoryPorts): DirectoryService {
  const { store, clock } = ports;
  const newId = ports.newId ?? randomUUID;
  const cursors = createCursorCodec(ports.cursorKey);

  function authorize(actor: Actor, action: DirectoryAction, guestId?: string): void {
    if (!mayAct(actor, action, guestId)) throw new DirectoryError("forbidden", `${actor.type} may not ${action} here`);
  }

  async function existing(reads: Pick<DirectoryUnit, "find">, tenantId: string, guestId: string): Promise<GuestRecord> {
    const guest = await reads.find(tenantId, guestId);
    if (!guest) throw new DirectoryError("notFound", "no such guest in this tenant");
    return guest;
  }

  /**
   * Members are the tenant's administrators: as in Entra, where User Administrators and
   * User.ReadWrite.All apps cannot manage privileged users, only the system, a Global Administrator
   * or the member themself changes one, so an application or a lesser role cannot lock the
   * administrators out.
   */
  async function changeable(reads: Pick<DirectoryUnit, "find">, actor: Actor, tenantId: string, guestId: string) {
    const guest = await existing(reads, tenantId, guestId);
    const privileged =
      actor.type === "system" ||
      (actor.type === "administrator" && (actor.role === "globalAdministrator" || actor.id === guestId)) ||
      (actor.type === "guest" && actor.guestId === guestId);
    if (guest.userType === "Member" && !privileged)
      throw new DirectoryError("forbidden", "only a Global Administrator may change a member");
    return guest;
  }

  function event(
    actor: Actor,
    tenantId: string,
    type: string,
    guestId: string,
    rest: Partial<AuditEventInput> = {},
  ): AuditEventInput {
    return { tenantId, type, actor, target: { type: "guest", id: guestId }, ...rest };
  }

  /** A guest acting on their own record while blocked may read it, and change nothing. */
  function refuseBlockedSelf(actor: Actor, guest: GuestRecord): void {
    if (actor.type === "guest" && guest.state === "blocked")
      throw new DirectoryError("forbidden", "a blocked guest cannot change their record");
  }

  async function page(actor: Actor, tenantId: string, query: GuestQuery) {
    authorize(actor, "list");
    const top = query.top ?? DEFAULT_TOP;
    if (!Number.isInteger(top) || top < 1 || top > MAX_TOP)
      throw new DirectoryError("invalid", `top: a whole number from 1 to ${MAX_TOP}`);
    const filter = normaliseFilter(query.filter ?? {});
    const orderBy = query.orderBy ?? { field: "createdAt", direction: "asc" };
    if (!["displayName", "email", "createdAt"].includes(orderBy.field) || !["asc", "desc"].includes(orderBy.direction))
      throw new DirectoryError("invalid", "orderBy: displayName, email or createdAt, asc or desc");
    // The cursor is only good for the tenant, filter and order it was made for; a "before" cursor
    // (the portal's previous-page link) is made for a scope of its own, so neither passes for the other.
    const scope = { tenantId, filter, orderBy };
    const before = { ...scope, before: true };
    const after = query.cursor === undefined ? undefined : cursors.decode(scope, query.cursor);
    const back = query.cursor === undefined || after ? undefined : cursors.decode(before, query.cursor);
    if (query.cursor !== undefined && !after && !back)
      throw new DirectoryError("invalid", "the paging cursor is not valid for this query");
    const at = (guest: GuestRecord) => ({ value: sortValue(guest, orderBy.field), id: guest.id });
    if (back) {
      // The rows before the position: the same key-set query in the opposite order, turned round.
      const reversed = { field: orderBy.field, direction: orderBy.direction === "asc" ? "desc" : "asc" } as const;
      const rows = await store.list(tenantId, { filter, orderBy: reversed, take: top + 1, after: back });
      const shown = rows.slice(0, top).reverse();
      const first = shown[0];
      const last = shown.at(-1);
      return {
        rows: shown,
        nextCursor: last ? cursors.encode(scope, at(last)) : undefined,
        previousCursor: rows.length > top && first ? cursors.encode(before, at(first)) : undefined,
        filter,
      };
    }
    const rows = await store.list(tenantId, { filter, orderBy, take: top + 1, ...(after ? { after } : {}) });
    const shown = rows.slice(0, top);
    const first = shown[0];
    const last = shown.at(-1);
    const nextCursor = rows.length > top && last ? cursors.encode(scope, at(last)) : undefined;
    const previousCursor = after && first ? cursors.encode(before, at(first)) : undefined;
    return { rows: shown, nextCursor, previousCursor, filter };
  }

  /** Graph's externalUserStateChangeDateTime: stamped whenever the state crosses pendingAcceptance. */
  const crossing = (from: GuestRecord["state"], to: GuestRecord["state"]) =>
    (from === "pendingAcceptance") !== (to === "pendingAcceptance") ? clock.now() : undefined;

  /** Blocks inside the caller's unit of work; already blocked: nothing. */
  async function blockIn(unit: DirectoryUnit, actor: Actor, guest: GuestRecord): Promise<void> {
    if (guest.state === "blocked") return;
    const { tenantId, id } = guest;
    await unit.setState(tenantId, id, "blocked", crossing(guest.state, "blocked"));
    // A blocked guest's browser sessions end now; their tokens already stop working on state.
    const sessions = await unit.endSessions(tenantId, id, clock.now());
    await unit.audit.append(
      event(actor, tenantId, "guest.blocked", id, { data: { previousState: guest.state, sessionsEnded: sessions } }),
    );
  }

  async function unblockIn(unit: DirectoryUnit, actor: Actor, guest: GuestRecord): Promise<void> {
    if (guest.state !== "blocked") return;
    // Back to where it was: an invited guest who never redeemed has no identity yet.
    const state = guest.identities > 0 ? "active" : "pendingAcceptance";
    await unit.setState(guest.tenantId, guest.id, state, crossing(guest.state, state));
    await unit.audit.append(event(actor, guest.tenantId, "guest.unblocked", guest.id, { data: { state } }));
  }

  return {
    async findByIdentity(tenantId, identity) {
      const guest = await store.findByIdentity(tenantId, identity.issuer, identity.subject);
      return guest && summary(guest);
    },

    async get(actor, tenantId, guestId) {
      authorize(actor, "read", guestId);
      return summary(await existing(store, tenantId, guestId));
    },

    async list(actor, tenantId, query) {
      const { rows, nextCursor, previousCursor } = await page(actor, tenantId, query);
      return { guests: rows.map(summary), ...(nextCursor ? { nextCursor } : {}), ...(previousCursor ? { previousCursor } : {}) };
    },

    async listDetails(actor, tenantId, query) {
      const { rows, nextCursor, previousCursor, filter } = await page(actor, tenantId, query);
      const count = query.count ? await store.count(tenantId, filter) : undefined;
      return {
        guests: rows.map(details),
        ...(nextCursor ? { nextCursor } : {}),
        ...(previousCursor ? { previousCursor } : {}),
        ...(count !== undefined ? { count } : {}),
      };
    },

    async count(actor, tenantId, filter, options = {}) {
      authorize(actor, "list");
      const { atMost } = options;
      if (atMost !== undefined && (!Number.isInteger(atMost) || atMost < 1)) throw new DirectoryError("invalid", "atMost");
      return store.count(tenantId, normaliseFilter(filter ?? {}), atMost);
    },

    async describe(actor, tenantId, key) {
      if ("id" in key) {
        authorize(actor, "read", key.id);
        return details(await existing(store, tenantId, key.id));
      }
      authorize(actor, "list");
      const guest = await store.findByEmail(tenantId, normaliseEmail(key.email));
      if (!guest) throw new DirectoryError("notFound", "no such guest in this tenant");
      return details(guest);
    },

    async createWithIdentities(actor, tenantId, input) {
      authorize(actor, "create");
      const email = input.email === null ? null : normaliseEmail(input.email);
      if (email !== null && (!EMAIL.test(email) || email.length > 254))
        throw new DirectoryError("invalid", "mail: not an e-mail address");
      if (input.identities.length < 1 || input.identities.length > 10)
        throw new DirectoryError("invalid", "identities: one to ten");
      const keys = new Set(input.identities.map((i) => JSON.stringify([i.issuer, i.subject])));
      if (keys.size !== input.identities.length) throw new DirectoryError("conflict", "identities: the same identity twice");
      for (const i of input.identities)
        if (!i.issuer || !i.subject || i.issuer.length > 512 || i.subject.length > 512 || !i.providerId)
          throw new DirectoryError("invalid", "identities: issuer and issuerAssignedId, up to 512 characters");
      if (input.state !== "active" && input.state !== "blocked") throw new DirectoryError("invalid", "accountEnabled");
      checkAttributeNames(input.attributes);
      const guestId = newId();
      const proven = input.identities.map((i) => ({ ...i, emailVerified: false }));
      try {
        return await store.transaction(async (unit) => {
          for (const i of proven)
            if (await unit.findByIdentity(tenantId, i.issuer, i.subject))
              throw new DirectoryError("conflict", "identities: belongs to a guest already");
          const [first, ...rest] = proven;
          await unit.insertGuest({
            id: guestId,
            tenantId,
            userType: "Guest",
            state: input.state,
            createdVia: "admin",
            displayName: input.displayName,
            email,
            emailVerified: false,
            ...(first ? { identity: first } : {}),
            attributes: input.attributes,
          });
          for (const i of rest) await unit.linkIdentity(tenantId, guestId, i);
          await unit.audit.append(
            event(actor, tenantId, "guest.created", guestId, {
              ...(input.correlationId ? { correlationId: input.correlationId } : {}),
              data: {
                createdVia: "admin",
                state: input.state,
                identityProviders: [...new Set(proven.map((i) => i.providerId))].sort(),
                attributes: names(input.attributes),
              },
            }),
          );
          return details(await existing(unit, tenantId, guestId));
        });
      } catch (error) {
        if (isUniqueConflict(error)) throw new DirectoryError("conflict", "identities: belongs to a guest already");
        throw error;
      }
    },

    async revokeSignInSessions(actor, tenantId, guestId) {
      authorize(actor, "revokeSessions", guestId);
      return store.transaction(async (unit) => {
        await changeable(unit, actor, tenantId, guestId);
        const revoked = await unit.revokeAccess(tenantId, guestId, clock.now());
        await unit.audit.append(
          event(actor, tenantId, "guest.signInSessionsRevoked", guestId, { data: { revoked: { ...revoked } } }),
        );
        return revoked;
      });
    },

    async customAttributeNames(actor, tenantId) {
      authorize(actor, "list");
      return store.customAttributeNames(tenantId);
    },

    async recordExport(actor, tenantId, filter, format) {
      authorize(actor, "list");
      const normalised = normaliseFilter(filter ?? {});
      const count = await store.count(tenantId, normalised);
      return store.transaction(async (unit) => {
        await unit.audit.append({
          tenantId,
          type: "guests.exported",
          actor,
          target: { type: "tenant", id: tenantId },
          // The filter's field names and kinds, never a searched name or address (audit data holds no personal data).
          data: { format, count, filter: exportedFilterOf(normalised) },
        });
        return { count };
      });
    },

    async signUp(input) {
      const { tenantId, identity } = input;
      checkAttributeNames(input.attributes);
      const found = await store.findByIdentity(tenantId, identity.issuer, identity.subject);
      if (found) return { guest: summary(found), created: false };
      const guestId = newId();
      try {
        const guest = await store.transaction(async (unit) => {
          await unit.insertGuest({
            id: guestId,
            tenantId,
            userType: "Guest",
            state: input.approval?.pending ? "pendingApproval" : "active",
            createdVia: "selfServiceSignUp",
            displayName: input.displayName,
            email: identity.email ? normaliseEmail(identity.email) : null,
            emailVerified: identity.emailVerified,
            userFlowName: input.userFlowName,
            clientId: input.clientId,
            identity,
            attributes: input.attributes,
            ...(input.termsVersion ? { termsAccepted: { version: input.termsVersion, at: clock.now() } } : {}),
            ...(input.approval?.pending
              ? {
                  signUpRequest: {
                    userFlowName: input.userFlowName,
                    clientId: input.clientId,
                    locale: input.approval.locale,
                    autoDenyAt: input.approval.autoDenyAt ?? null,
                  },
                }
              : {}),
          });
          // Self-service: the new guest is the actor of their own creation.
          await unit.audit.append(
            event({ type: "guest", guestId }, tenantId, "guest.created", guestId, {
              correlationId: input.correlationId,
              data: {
                createdVia: "selfServiceSignUp",
                userFlowName: input.userFlowName,
                clientId: input.clientId,
                identityProvider: identity.providerId,
                attributes: names(input.attributes),
                ...(input.approval ? { approval: input.approval.pending ? "pending" : "autoApproved" } : {}),
                ...(input.approval && !input.approval.pending ? { autoApprovedBy: input.approval.autoApproved } : {}),
              },
            }),
          );
          if (input.termsVersion)
            await unit.audit.append(
              event({ type: "guest", guestId }, tenantId, "guest.termsAccepted", guestId, {
                correlationId: input.correlationId,
                data: { version: input.termsVersion, userFlowName: input.userFlowName },
              }),
            );
          return existing(unit, tenantId, guestId);
        });
        return { guest: summary(guest), created: true };
      } catch (error) {
        // A second request linked this identity between our read and our insert: theirs stands.
        if (isUniqueConflict(error)) {
          const winner = await store.findByIdentity(tenantId, identity.issuer, identity.subject);
          if (winner) return { guest: summary(winner), created: false };
        }
        throw error;
      }
    },

    async updateAttributes(actor, tenantId, guestId, change) {
      authorize(actor, "updateAttributes", guestId);
      if (change.accountEnabled !== undefined) authorize(actor, change.accountEnabled ? "unblock" : "block", guestId);
      checkAttributeNames(change.values);
      const remove = [...new Set(change.remove ?? [])].filter((name) => change.values[name] === undefined).sort();
      checkAttributeNames(Object.fromEntries(remove.map((name) => [name, ""])));
      return store.transaction(async (unit) => {
        const guest = await changeable(unit, actor, tenantId, guestId);
        refuseBlockedSelf(actor, guest);
        // Compared inside the transaction, so no write can slip in between (Graph's If-Match).
        if (change.unchangedSince && guest.updatedAt.getTime() !== change.unchangedSince.getTime())
          throw new DirectoryError("conflict", "stale: the guest changed since it was read");
        if (change.accountEnabled === false) await blockIn(unit, actor, guest);
        if (change.accountEnabled === true) await unblockIn(unit, actor, guest);
        const removed = remove.filter((name) => guest.attributes[name] !== undefined);
        const changed = names(change.values);
        const renamed = change.displayName !== undefined && change.displayName !== guest.displayName;
        if (changed.length === 0 && removed.length === 0 && !renamed) return summary(await existing(unit, tenantId, guestId));
        await unit.upsertAttributes(guestId, change.values);
        if (removed.length) await unit.removeAttributes(guestId, removed);
        if (renamed) await unit.setDisplayName(tenantId, guestId, change.displayName ?? null);
        await unit.audit.append(
          event(actor, tenantId, "guest.attributesUpdated", guestId, {
            ...(change.correlationId ? { correlationId: change.correlationId } : {}),
            data: { attributes: renamed ? [...changed, "displayName"] : changed, ...(removed.length ? { removed } : {}) },
          }),
        );
        return summary(await existing(unit, tenantId, guestId));
      });
    },

    async recordSignIn(tenantId, identity, at) {
      await store.transaction(async (unit) => {
        const guestId = await unit.recordSignIn(tenantId, identity.issuer, identity.subject, at);
        if (guestId) await unit.audit.append(event({ type: "guest", guestId }, tenantId, "guest.signedIn", guestId));
      });
    },

    async acceptTerms(actor, tenantId, guestId, input) {
      // Only the person accepts terms: no administrator or application can accept them on their behalf.
      if (actor.type !== "guest" || actor.guestId !== guestId)
        throw new DirectoryError("forbidden", "only the guest accepts terms");
      if (!/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/.test(input.version)) throw new DirectoryError("invalid", "version");
      return store.transaction(async (unit) => {
        const guest = await existing(unit, tenantId, guestId);
        refuseBlockedSelf(actor, guest);
        await unit.setTermsAccepted(tenantId, guestId, { version: input.version, at: clock.now() });
        await unit.audit.append(
          event(actor, tenantId, "guest.termsAccepted", guestId, {
            ...(input.correlationId ? { correlationId: input.correlationId } : {}),
            data: { version: input.version, ...(guest.signedUpVia ? { userFlowName: guest.signedUpVia.userFlowName } : {}) },
          }),
        );
        return summary(await existing(unit, tenantId, guestId));
      });
    },

    async block(actor, tenantId, guestId) {
      authorize(actor, "block", guestId);
      return store.transaction(async (unit) => {
        await blockIn(unit, actor, await changeable(unit, actor, tenantId, guestId));
        return summary(await existing(unit, tenantId, guestId));
      });
    },

    async unblock(actor, tenantId, guestId) {
      authorize(actor, "unblock", guestId);
      return store.transaction(async (unit) => {
        await unblockIn(unit, actor, await changeable(unit, actor, tenantId, guestId));
        return summary(await existing(unit, tenantId, guestId));
      });
    },

    async delete(actor, tenantId, guestId) {
      authorize(actor, "delete", guestId);
      return store.transaction(async (unit) => {
        await changeable(unit, actor, tenantId, guestId);
        const revoked = await unit.revokeAccess(tenantId, guestId, clock.now());
        await unit.deleteGuest(tenantId, guestId);
        await unit.audit.append(event(actor, tenantId, "guest.deleted", guestId, { data: { revoked: { ...revoked } } }));
        return { guestId, revoked };
      });
    },

    async createPending(actor, tenantId, input) {
      authorize(actor, "createPending");
      const email = normaliseEmail(input.email);
      if (!EMAIL.test(email) || email.length > 254) throw new DirectoryError("invalid", "email: not an e-mail address");
      if (!["invitation", "accessPackage", "admin"].includes(input.createdVia)) throw new DirectoryError("invalid", "createdVia");
      const userType = input.userType ?? "Guest";
      if (userType !== "Guest" && userType !== "Member") throw new DirectoryError("invalid", "userType: Guest or Member");
      if (
        userType === "Member" &&
        !(actor.type === "system" || (actor.type === "administrator" && actor.role === "globalAdministrator"))
      )
        throw new DirectoryError("forbidden", "only a Global Administrator may invite a member");
      const guestId = newId();
      return store.transaction(async (unit) => {
        // One guest per address and tenant for invitations: a second invitation goes to the same guest.
        if (await unit.findByEmail(tenantId, email))
          throw new DirectoryError("conflict", "a guest with this e-mail address exists");
        await unit.insertGuest({
          id: guestId,
          tenantId,
          userType,
          state: "pendingAcceptance",
          createdVia: input.createdVia,
          displayName: input.displayName?.trim() || null,
          email,
          emailVerified: false,
          attributes: {},
        });
        await unit.audit.append(
          event(actor, tenantId, "guest.created", guestId, {
            ...(input.correlationId ? { correlationId: input.correlationId } : {}),
            data: { createdVia: input.createdVia, state: "pendingAcceptance", userType },
          }),
        );
        return summary(await existing(unit, tenantId, guestId));
      });
    },

    async linkIdentity(actor, tenantId, guestId, identity) {
      authorize(actor, "linkIdentity", guestId);
      try {
        return await store.transaction(async (unit) => {
          const guest = await existing(unit, tenantId, guestId);
          if (guest.state === "blocked") throw new DirectoryError("conflict", "the guest is blocked");
          if (actor.type === "guest" && guest.state !== "pendingAcceptance")
            throw new DirectoryError("forbidden", "a guest links an identity only by redeeming an invitation");
          const holder = await unit.findByIdentity(tenantId, identity.issuer, identity.subject);
          if (holder) throw new DirectoryError("conflict", "this identity belongs to a guest already");
          await unit.linkIdentity(tenantId, guestId, identity);
          if (guest.state === "pendingAcceptance") await unit.setState(tenantId, guestId, "active", clock.now());
          await unit.audit.append(
            event(actor, tenantId, "guest.identityLinked", guestId, {
              data: { identityProvider: identity.providerId, state: "active" },
            }),
          );
          return summary(await existing(unit, tenantId, guestId));
        });
      } catch (error) {
        if (isUniqueConflict(error)) throw new DirectoryError("conflict", "this identity belongs to a guest already");
        throw error;
      }
    },

    async resetRedemption(actor, tenantId, guestId, correlationId) {
      authorize(actor, "resetRedemption", guestId);
      return store.transaction(async (unit) => {
        const guest = await changeable(unit, actor, tenantId, guestId);
        if (guest.state === "blocked") throw new DirectoryError("conflict", "the guest is blocked");
        // The old account must not keep signing in: its sessions, grants and refresh tokens end with the link.
        const revoked = await unit.revokeAccess(tenantId, guestId, clock.now());
        const unlinked = await unit.unlinkIdentities(tenantId, guestId);
        await unit.setState(tenantId, guestId, "pendingAcceptance", crossing(guest.state, "pendingAcceptance"));
        await unit.audit.append(
          event(actor, tenantId, "guest.redemptionReset", guestId, {
            ...(correlationId ? { correlationId } : {}),
            data: { identitiesUnlinked: unlinked, revoked: { ...revoked } },
          }),
        );
        return summary(await existing(unit, tenantId, guestId));
      });
    },
  };
}

/** What the Graph API sees: the summary, its bookkeeping and its identities. */
function details(guest: GuestRecord): GuestDetails {
  const { createdAt, updatedAt, createdVia, stateChangedAt, linkedIdentities } = guest;
  return { ...summary(guest), createdAt, updatedAt, createdVia, stateChangedAt, identities: linkedIdentities };
}

/** What surfaces see: the summary, without the store's bookkeeping. */
function summary(guest: GuestRecord): GuestSummary {
  const { id, tenantId, state, userType, email, emailVerified, displayName, attributes, signedUpVia, termsAccepted } = guest;
  return {
    id,
    tenantId,
    state,
    userType,
    email,
    emailVerified,
    displayName,
    attributes,
    signedUpVia: signedUpVia ?? null,
    termsAccepted: termsAccepted ?? null,
  };
}

function names(values: StoredAttributes): string[] {
  return Object.entries(values)
    .filter(([, value]) => value !== undefined)
    .map(([name]) => name)
    .sort();
}

/** Attribute names are the catalog's or valid custom names: nothing else reaches the table. */
function checkAttributeNames(values: StoredAttributes): void {
  for (const name of Object.keys(values))
    if (!isBuiltInAttributeName(name) && !customAttributeNameSchema.safeParse(name).success)
      throw new DirectoryError("invalid", `attribute ${JSON.stringify(name.slice(0, 64))}: not a known or valid custom name`);
}

/** E-mail addresses are compared lower-cased and trimmed, the same on SQLite and PostgreSQL (docs/ARCHITECTURE.md, "Data"). */
function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

function normaliseFilter(filter: NonNullable<GuestQuery["filter"]>): NonNullable<GuestQuery["filter"]> {
  const out: NonNullable<GuestQuery["filter"]> = {};
  if (filter.state !== undefined) {
    if (!["active", "blocked", "pendingAcceptance", "pendingApproval"].includes(filter.state))
      throw new DirectoryError("invalid", "filter.state");
    out.state = filter.state;
  }
  if (filter.userType !== undefined) {
    if (filter.userType !== "Guest" && filter.userType !== "Member") throw new DirectoryError("invalid", "filter.userType");
    out.userType = filter.userType;
  }
  if (filter.email !== undefined) out.email = normaliseEmail(filter.email);
  if (filter.search !== undefined) {
    const search = filter.search.trim();
    if (search.length === 0 || search.length > 256) throw new DirectoryError("invalid", "filter.search: 1–256 characters");
    out.search = search;
  }
  if (filter.createdVia !== undefined) out.createdVia = filter.createdVia;
  for (const key of ["userFlowName", "identityProvider"] as const) {
    const value = filter[key];
    if (value === undefined) continue;
    if (value.length === 0 || value.length > 256) throw new DirectoryError("invalid", `filter.${key}: 1–256 characters`);
    out[key] = value;
  }
  if (filter.expression !== undefined) out.expression = normaliseGuestFilter(filter.expression);
  return out;
}

/** What an export was filtered by, for its audit event: enumerations as they are, free text only as "given". */
function exportedFilterOf(filter: NonNullable<GuestQuery["filter"]>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key of ["state", "userType", "createdVia", "userFlowName", "identityProvider"] as const) {
    const value = filter[key];
    if (value !== undefined) out[key] = value;
  }
  if (filter.search !== undefined) out.search = "given";
  if (filter.email !== undefined) out.email = "given";
  if (filter.expression !== undefined) out.expression = "given";
  return out;
}

function sortValue(guest: GuestRecord, field: "displayName" | "email" | "createdAt"): string | null {
  return field === "createdAt" ? guest.createdAt.toISOString() : guest[field];
}
