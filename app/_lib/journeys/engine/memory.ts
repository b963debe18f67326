import type { GuestRepository, GuestSummary, StoredAttributes } from "../../directory";
import type { JourneyRecord, JourneyRepository } from "./types";

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
    async advance(id, version, changes) {
      const row = rows.get(id);
      if (!row || row.version !== version) return false;
      rows.set(id, { ...row, ...structuredClone(changes), version: version + 1 });
      return true;
    },
    all: () => [...rows.values()].map((row) => structuredClone(row)),
  };
}

/** In-memory directory, unique on (tenant, issuer, subject) like the identities table. */
export function createMemoryGuestRepository(): GuestRepository & { all(): GuestSummary[]; block(id: string): void } {
  const guests = new Map<string, GuestSummary>();
  const identities = new Map<string, string>();
  const key = (tenant: string, issuer: string, subject: string) => JSON.stringify([tenant, issuer, subject]);
  let sequence = 0;
  return {
    async findByIdentity(tenantId, issuer, subject) {
      const id = identities.get(key(tenantId, issuer, subject));
      return id ? structuredClone(guests.get(id)!) : null;
    },
    async find(tenantId, guestId) {
      const guest = guests.get(guestId);
      return guest && guest.tenantId === tenantId ? structuredClone(guest) : null;
    },
    async createWithIdentity(input) {
      const k = key(input.tenantId, input.identity.issuer, input.identity.subject);
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
      };
      guests.set(guest.id, guest);
      identities.set(k, guest.id);
      return { guest: structuredClone(guest), created: true };
    },
    async saveAttributes(tenantId, guestId, values: StoredAttributes) {
      const guest = guests.get(guestId);
      if (!guest || guest.tenantId !== tenantId) throw new Error("no such guest");
      guest.attributes = { ...guest.attributes, ...values };
      return structuredClone(guest);
    },
    async recordSignIn() {},
    all: () => [...guests.values()].map((g) => structuredClone(g)),
    block(id) {
      guests.get(id)!.state = "blocked";
    },
  };
}
