import { auditActor, DirectoryError, type Actor, type GuestSummary, type ProvenIdentity } from "../../directory";
import type { JourneyDirectory, JourneyRecord, JourneyRepository } from "./types";

/** In-memory journeys with the same conditional-update semantics as the database repository. */
export function createMemoryJourneyRepository(): JourneyRepository & { all(): JourneyRecord[] } {
  const rows = new Map<string, JourneyRecord>();
  return {
    async create(journey) {
      if (rows.has(journey.id)) throw new Error("duplicate journey id");
      rows.set(journey.id, structuredClone(journey));
    },
    async find(id) {
      const row = rows.get(id);
      return row ? structuredClone(row) : null;
    },
    async findLiveForInteraction(tenantId, interactionId, now) {
      const live = [...rows.values()]
        .filter(
          (row) =>
            row.tenantId === tenantId &&
            row.completion.type === "interaction" &&
            row.completion.interactionId === interactionId &&
            row.expiresAt.getTime() > now.getTime(),
        )
        .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime());
      return live[0] ? structuredClone(live[0]) : null;
    },
    async rebind(id, version, bindingHash) {
      const row = rows.get(id);
      if (!row || row.version !== version) return false;
      rows.set(id, { ...row, bindingHash });
      return true;
    },
    async advance(id, version, changes) {
      const row = rows.get(id);
      if (!row || row.version !== version) return false;
      rows.set(id, { ...row, ...structuredClone(changes), version: version + 1 });
      return true;
    },
    all: () => [...rows.values()].map((row) => structuredClone(row)),
  };
}

export interface MemoryAuditEvent {
  type: "guest.created" | "guest.attributesUpdated" | "guest.termsAccepted";
  actorType: Actor["type"];
  actorId: string;
  guestId: string;
  attributes: string[];
  removed?: string[];
  correlationId?: string;
}

/**
 * An in-memory directory with the journey's verbs, unique on (tenant, issuer, subject) like the
 * identities table, refusing what the real service refuses (a guest acting on another guest) and
 * recording an audit event per change, so tests can see who did what.
 */
export function createMemoryDirectory(): JourneyDirectory & {
  all(): GuestSummary[];
  block(id: string): void;
  audit: MemoryAuditEvent[];
  signIns: { subject: string; at: Date }[];
} {
  const guests = new Map<string, GuestSummary>();
  const identities = new Map<string, string>();
  const audit: MemoryAuditEvent[] = [];
  const signIns: { subject: string; at: Date }[] = [];
  const key = (tenant: string, { issuer, subject }: Pick<ProvenIdentity, "issuer" | "subject">) =>
    JSON.stringify([tenant, issuer, subject]);
  let sequence = 0;
  const allowed = (actor: Actor, guestId: string) => actor.type !== "guest" || actor.guestId === guestId;
  const found = (tenantId: string, guestId: string) => {
    const guest = guests.get(guestId);
    if (!guest || guest.tenantId !== tenantId) throw new DirectoryError("notFound", "no such guest");
    return guest;
  };
  return {
    async findByIdentity(tenantId, identity) {
      const id = identities.get(key(tenantId, identity));
      return id ? structuredClone(guests.get(id)!) : null;
    },
    async get(actor, tenantId, guestId) {
      if (!allowed(actor, guestId)) throw new DirectoryError("forbidden", "a guest reads only their own record");
      return structuredClone(found(tenantId, guestId));
    },
    async signUp(input) {
      const k = key(input.tenantId, input.identity);
      const existing = identities.get(k);
      if (existing) return { guest: structuredClone(guests.get(existing)!), created: false };
      const guest: GuestSummary = {
        id: `guest-${++sequence}`,
        tenantId: input.tenantId,
        state: "active",
        userType: "Guest",
        email: input.identity.email ?? null,
        emailVerified: input.identity.emailVerified,
        displayName: input.displayName,
        attributes: { ...input.attributes },
        signedUpVia: { userFlowName: input.userFlowName, clientId: input.clientId },
        termsAccepted: input.termsVersion ? { version: input.termsVersion, at: new Date() } : null,
      };
      guests.set(guest.id, guest);
      identities.set(k, guest.id);
      audit.push({
        type: "guest.created",
        ...auditActor({ type: "guest", guestId: guest.id }),
        guestId: guest.id,
        attributes: Object.keys(input.attributes),
        correlationId: input.correlationId,
      });
      return { guest: structuredClone(guest), created: true };
    },
    async updateAttributes(actor, tenantId, guestId, change) {
      if (!allowed(actor, guestId)) throw new DirectoryError("forbidden", "a guest changes only their own record");
      const guest = found(tenantId, guestId);
      const removed = (change.remove ?? []).filter((name) => !(name in change.values) && name in guest.attributes);
      if (Object.keys(change.values).length === 0 && removed.length === 0) return structuredClone(guest);
      guest.attributes = Object.fromEntries(
        Object.entries({ ...guest.attributes, ...change.values }).filter(([name]) => !removed.includes(name)),
      );
      if (change.displayName !== undefined) guest.displayName = change.displayName;
      audit.push({
        type: "guest.attributesUpdated",
        ...auditActor(actor),
        guestId,
        attributes: Object.keys(change.values),
        ...(removed.length ? { removed } : {}),
        correlationId: change.correlationId,
      });
      return structuredClone(guest);
    },
    async acceptTerms(actor, tenantId, guestId, input) {
      if (actor.type !== "guest" || actor.guestId !== guestId)
        throw new DirectoryError("forbidden", "only the guest accepts terms");
      const guest = found(tenantId, guestId);
      guest.termsAccepted = { version: input.version, at: new Date() };
      audit.push({
        type: "guest.termsAccepted",
        ...auditActor(actor),
        guestId,
        attributes: [],
        correlationId: input.correlationId,
      });
      return structuredClone(guest);
    },
    async recordSignIn(_tenantId, identity, at) {
      signIns.push({ subject: identity.subject, at });
    },
    all: () => [...guests.values()].map((g) => structuredClone(g)),
    block(id) {
      guests.get(id)!.state = "blocked";
    },
    audit,
    signIns,
  };
}
