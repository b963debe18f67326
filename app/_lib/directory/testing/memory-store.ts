import type { AuditEventInput } from "../audit";
import type { GuestFilter } from "../guest-filter";
import type { GuestState, ProvenIdentity } from "../guests";
import type { AttributeValue } from "../attributes/types";
import {
  UniqueConflict,
  type DirectoryStore,
  type DirectoryUnit,
  type GuestListQuery,
  type GuestRecord,
  type NewGuestRecord,
} from "../service/store";

interface MemoryGuest extends Omit<NewGuestRecord, "identity" | "attributes"> {
  createdAt: Date;
  updatedAt: Date;
  stateChangedAt: Date | null;
  attributes: Record<string, AttributeValue>;
}
interface MemoryIdentity extends ProvenIdentity {
  tenantId: string;
  guestId: string;
  lastSignInAt: Date | null;
}
interface MemoryAccess {
  sessions: { tenantId: string; guestId: string; endedAt: Date | null }[];
  grants: { id: string; tenantId: string; guestId: string; revokedAt: Date | null }[];
  refreshTokens: { grantId: string; revokedAt: Date | null }[];
  codes: { tenantId: string; guestId: string }[];
}
interface State extends MemoryAccess {
  guests: Map<string, MemoryGuest>;
  identities: MemoryIdentity[];
  customAttributes: { tenantId: string; name: string }[];
  audit: AuditEventInput[];
}

/**
 * The directory store in memory, with the Prisma store's contract: a transaction commits all of
 * its writes and audit events or none, one at a time, and the identity triple is unique. For unit
 * tests of the service and of what drives it.
 */
export function createMemoryDirectoryStore() {
  let state: State = {
    guests: new Map(),
    identities: [],
    customAttributes: [],
    audit: [],
    sessions: [],
    grants: [],
    refreshTokens: [],
    codes: [],
  };
  let queue: Promise<unknown> = Promise.resolve();
  let clockTick = 0;

  const record = (s: State, guest: MemoryGuest): GuestRecord => ({
    id: guest.id,
    tenantId: guest.tenantId,
    state: guest.state,
    userType: guest.userType,
    email: guest.email,
    emailVerified: guest.emailVerified,
    displayName: guest.displayName,
    attributes: structuredClone(guest.attributes),
    createdAt: guest.createdAt,
    createdVia: guest.createdVia,
    identities: s.identities.filter((i) => i.guestId === guest.id).length,
    linkedIdentities: s.identities
      .filter((i) => i.guestId === guest.id)
      .map((i) => ({ issuer: i.issuer, subject: i.subject, providerId: i.providerId })),
    updatedAt: guest.updatedAt,
    stateChangedAt: guest.stateChangedAt,
    signedUpVia: guest.userFlowName && guest.clientId ? { userFlowName: guest.userFlowName, clientId: guest.clientId } : null,
    termsAccepted: guest.termsAccepted ?? null,
  });

  const reads = (s: () => State) => ({
    async findByIdentity(tenantId: string, issuer: string, subject: string) {
      const identity = s().identities.find((i) => i.tenantId === tenantId && i.issuer === issuer && i.subject === subject);
      const guest = identity && s().guests.get(identity.guestId);
      return guest ? record(s(), guest) : null;
    },
    async find(tenantId: string, guestId: string) {
      const guest = s().guests.get(guestId);
      return guest && guest.tenantId === tenantId ? record(s(), guest) : null;
    },
    async findByEmail(tenantId: string, email: string) {
      const guest = [...s().guests.values()].find((g) => g.tenantId === tenantId && g.email === email);
      return guest ? record(s(), guest) : null;
    },
  });

  function unit(s: State): DirectoryUnit {
    const guestOf = (tenantId: string, guestId: string) => {
      const guest = s.guests.get(guestId);
      if (!guest || guest.tenantId !== tenantId) throw new Error("no such guest");
      return guest;
    };
    const link = (tenantId: string, guestId: string, identity: ProvenIdentity) => {
      if (s.identities.some((i) => i.tenantId === tenantId && i.issuer === identity.issuer && i.subject === identity.subject))
        throw new UniqueConflict("identity taken");
      s.identities.push({ ...structuredClone(identity), tenantId, guestId, lastSignInAt: null });
    };
    return {
      ...reads(() => s),
      async insertGuest({ identity, attributes, signUpRequest: _request, ...guest }) {
        if (s.guests.has(guest.id)) throw new UniqueConflict("guest id taken");
        if (identity) link(guest.tenantId, guest.id, identity);
        const values = Object.fromEntries(Object.entries(attributes).filter(([, v]) => v !== undefined)) as Record<
          string,
          AttributeValue
        >;
        // Strictly increasing, so sorting by createdAt is deterministic in tests.
        const createdAt = new Date(Date.UTC(2026, 0, 1) + clockTick++ * 1000);
        s.guests.set(guest.id, {
          ...guest,
          attributes: structuredClone(values),
          createdAt,
          updatedAt: createdAt,
          stateChangedAt: null,
        });
      },
      async setState(tenantId, guestId, next: GuestState, changedAt) {
        const guest = guestOf(tenantId, guestId);
        guest.state = next;
        if (changedAt) guest.stateChangedAt = changedAt;
        guest.updatedAt = new Date(guest.updatedAt.getTime() + 1);
      },
      async setTermsAccepted(tenantId, guestId, accepted) {
        const guest = guestOf(tenantId, guestId);
        guest.termsAccepted = { ...accepted };
        guest.updatedAt = new Date(guest.updatedAt.getTime() + 1);
      },
      async setDisplayName(tenantId, guestId, displayName) {
        const guest = guestOf(tenantId, guestId);
        guest.displayName = displayName;
        guest.updatedAt = new Date(guest.updatedAt.getTime() + 1);
      },
      async removeAttributes(guestId, names) {
        const guest = s.guests.get(guestId);
        if (!guest) throw new Error("no such guest");
        for (const name of names) delete guest.attributes[name];
      },
      async upsertAttributes(guestId, values) {
        const guest = s.guests.get(guestId);
        if (!guest) throw new Error("no such guest");
        for (const [name, value] of Object.entries(values))
          if (value !== undefined) guest.attributes[name] = structuredClone(value);
      },
      async linkIdentity(tenantId, guestId, identity) {
        guestOf(tenantId, guestId);
        link(tenantId, guestId, identity);
      },
      async recordSignIn(tenantId, issuer, subject, at) {
        const identity = s.identities.find((i) => i.tenantId === tenantId && i.issuer === issuer && i.subject === subject);
        if (!identity) return null;
        identity.lastSignInAt = at;
        return identity.guestId;
      },
      async endSessions(tenantId, guestId, now) {
        const live = s.sessions.filter((x) => x.tenantId === tenantId && x.guestId === guestId && !x.endedAt);
        for (const session of live) session.endedAt = now;
        return live.length;
      },
      async revokeAccess(tenantId, guestId, now) {
        const sessions = await this.endSessions(tenantId, guestId, now);
        const grants = s.grants.filter((g) => g.tenantId === tenantId && g.guestId === guestId && !g.revokedAt);
        const ids = new Set(s.grants.filter((g) => g.tenantId === tenantId && g.guestId === guestId).map((g) => g.id));
        const tokens = s.refreshTokens.filter((t) => ids.has(t.grantId) && !t.revokedAt);
        for (const grant of grants) grant.revokedAt = now;
        for (const token of tokens) token.revokedAt = now;
        s.codes = s.codes.filter((c) => !(c.tenantId === tenantId && c.guestId === guestId));
        return { sessions, grants: grants.length, refreshTokens: tokens.length };
      },
      async unlinkIdentities(tenantId, guestId) {
        const before = s.identities.length;
        s.identities = s.identities.filter((i) => !(i.tenantId === tenantId && i.guestId === guestId));
        return before - s.identities.length;
      },
      async deleteGuest(tenantId, guestId) {
        guestOf(tenantId, guestId);
        s.guests.delete(guestId);
        s.identities = s.identities.filter((i) => i.guestId !== guestId);
      },
      audit: {
        async append(event) {
          s.audit.push(structuredClone(event));
        },
      },
    };
  }

  const store: DirectoryStore = {
    ...reads(() => state),
    async list(tenantId, query) {
      const rows = [...state.guests.values()]
        .filter((g) => g.tenantId === tenantId && matches(g, query.filter, state))
        .map((g) => record(state, g));
      const key = (g: GuestRecord) => (query.orderBy.field === "createdAt" ? g.createdAt.toISOString() : g[query.orderBy.field]);
      const sign = query.orderBy.direction === "asc" ? 1 : -1;
      // Nulls sort as the smallest value, as SQLite orders them (PostgreSQL: largest; see the Prisma store).
      const compare = (a: GuestRecord, b: GuestRecord) => sign * (cmp(key(a), key(b)) || cmp(a.id, b.id));
      rows.sort(compare);
      const after = query.after;
      const start = after ? rows.findIndex((g) => sign * (cmp(key(g), after.value) || cmp(g.id, after.id)) > 0) : 0;
      return start < 0 ? [] : rows.slice(start, start + query.take);
    },
    async count(tenantId, filter, atMost) {
      const all = [...state.guests.values()].filter((g) => g.tenantId === tenantId && matches(g, filter, state)).length;
      return atMost === undefined ? all : Math.min(all, atMost);
    },
    async customAttributeNames(tenantId) {
      return state.customAttributes
        .filter((c) => c.tenantId === tenantId)
        .map((c) => c.name)
        .sort();
    },
    async transaction(work) {
      const run = queue.then(async () => {
        const draft = cloneState(state);
        const result = await work(unit(draft));
        state = draft;
        return result;
      });
      queue = run.catch(() => {});
      return run;
    },
  };

  return Object.assign(store, {
    /** Registers a custom attribute, as the CustomAttribute table would hold it. */
    defineCustomAttribute(tenantId: string, name: string) {
      state.customAttributes.push({ tenantId, name });
    },
    /** Audit events committed so far, oldest first. */
    auditEvents: () => structuredClone(state.audit),
    /** What a guest holds at the OpenID provider, to see revocation work. */
    grantAccess(
      tenantId: string,
      guestId: string,
      access: { sessions: number; grants: number; refreshTokensPerGrant: number; codes?: number },
    ) {
      for (let i = 0; i < access.sessions; i++) state.sessions.push({ tenantId, guestId, endedAt: null });
      for (let i = 0; i < access.grants; i++) {
        const id = crypto.randomUUID();
        state.grants.push({ id, tenantId, guestId, revokedAt: null });
        for (let j = 0; j < access.refreshTokensPerGrant; j++) state.refreshTokens.push({ grantId: id, revokedAt: null });
      }
      for (let i = 0; i < (access.codes ?? 0); i++) state.codes.push({ tenantId, guestId });
    },
    access: (guestId: string) => ({
      liveSessions: state.sessions.filter((x) => x.guestId === guestId && !x.endedAt).length,
      liveGrants: state.grants.filter((g) => g.guestId === guestId && !g.revokedAt).length,
      codes: state.codes.filter((c) => c.guestId === guestId).length,
    }),
  });
}

function cmp(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return -1;
  if (b === null) return 1;
  return a < b ? -1 : 1;
}

function matches(guest: MemoryGuest, filter: GuestListQuery["filter"], s: State): boolean {
  if (filter.expression && !evaluate(guest, filter.expression, s)) return false;
  if (filter.state && guest.state !== filter.state) return false;
  if (filter.userType && guest.userType !== filter.userType) return false;
  if (filter.email && guest.email !== filter.email) return false;
  if (filter.createdVia && guest.createdVia !== filter.createdVia) return false;
  if (filter.userFlowName && guest.userFlowName !== filter.userFlowName) return false;
  // The provider the guest was created with (the Prisma store's identityProvider column): its first identity's.
  if (filter.identityProvider && s.identities.find((i) => i.guestId === guest.id)?.providerId !== filter.identityProvider)
    return false;
  if (filter.search) {
    const prefix = filter.search.toLowerCase();
    if (!(guest.displayName ?? "").toLowerCase().startsWith(prefix) && !(guest.email ?? "").startsWith(prefix)) return false;
  }
  return true;
}

/** The filter tree over one guest, with the Prisma store's semantics (display-name matching ignores case). */
function evaluate(guest: MemoryGuest, node: GuestFilter, s: State): boolean {
  if ("and" in node) return node.and.every((child) => evaluate(guest, child, s));
  if ("or" in node) return node.or.some((child) => evaluate(guest, child, s));
  if ("not" in node) return !evaluate(guest, node.not, s);
  if ("identity" in node) {
    const { issuer, subject } = node.identity;
    return s.identities.some((i) => i.guestId === guest.id && i.issuer === issuer && i.subject === subject);
  }
  if ("missing" in node) return guest[node.missing] === null;
  if ("attribute" in node) {
    const { name, op, values } = node.attribute;
    const stored = guest.attributes[name] === undefined ? undefined : JSON.stringify(guest.attributes[name]);
    if (op === "missing") return stored === undefined;
    if (stored === undefined) return false;
    return op === "startsWith" ? stored.startsWith(values[0]!) : values.includes(stored);
  }
  const { field, op, values } = node;
  const actual = field === "createdAt" ? guest.createdAt.toISOString() : guest[field];
  const first = values[0] ?? "";
  if (actual === null) return op === "ne";
  const folded = field === "displayName" ? actual.toLowerCase() : actual;
  const wanted = field === "displayName" ? first.toLowerCase() : first;
  switch (op) {
    case "eq":
      return actual === first;
    case "ne":
      return actual !== first;
    case "in":
      return values.includes(actual);
    case "startsWith":
      return folded.startsWith(wanted);
    case "contains":
      return folded.includes(wanted);
    case "ge":
      return actual >= first;
    case "le":
      return actual <= first;
  }
}

function cloneState(s: State): State {
  return {
    customAttributes: structuredClone(s.customAttributes),
    guests: new Map([...s.guests].map(([id, g]) => [id, structuredClone(g)])),
    identities: structuredClone(s.identities),
    audit: structuredClone(s.audit),
    sessions: structuredClone(s.sessions),
    grants: structuredClone(s.grants),
    refreshTokens: structuredClone(s.refreshTokens),
    codes: structuredClone(s.codes),
  };
}
