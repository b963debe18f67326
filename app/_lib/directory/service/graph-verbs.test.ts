import { describe, expect, it } from "vitest";
import type { Actor } from "../actor";
import type { GuestFilter } from "../guest-filter";
import { createMemoryDirectoryStore } from "../testing/memory-store";
import { createDirectoryService } from "./create-service";

// The verbs the Graph users resource calls, over the memory store (the same contract the Prisma
// store has; tests/integration/graph covers them on both databases).
const T = "woodgrove";
const system: Actor = { type: "system", name: "cli" };
const reader: Actor = { type: "administrator", id: "reader@woodgrove.example", role: "directoryReader" };
const inviter: Actor = { type: "administrator", id: "inviter@woodgrove.example", role: "guestInviter" };
const refusal = (code: string) => expect.objectContaining({ name: "DirectoryError", code });

function setup() {
  const store = createMemoryDirectoryStore();
  let n = 0;
  let now = new Date("2026-12-01T10:00:00Z");
  const directory = createDirectoryService({
    store,
    clock: { now: () => now },
    cursorKey: new Uint8Array(32).fill(3),
    newId: () => `00000000-0000-4000-8000-${String(++n).padStart(12, "0")}`,
  });
  const create = (subject: string, extra: { displayName?: string | null; issuer?: string } = {}) =>
    directory.createWithIdentities(system, T, {
      email: `${subject}@example.nl`,
      displayName: extra.displayName === undefined ? `Name ${subject}` : extra.displayName,
      identities: [{ issuer: extra.issuer ?? "google.com", subject, providerId: "google" }],
      attributes: {},
      state: "active",
    });
  return { store, directory, create, tick: (to: string) => (now = new Date(to)) };
}

describe("createWithIdentities", () => {
  it("creates an active guest with its identities, audited with provider names only", async () => {
    const { store, directory } = setup();
    const guest = await directory.createWithIdentities(system, T, {
      email: " Ana.Berg@Example.net ",
      displayName: "Ana Berg",
      identities: [
        { issuer: "urn:guestgate:email-otp", subject: "ana.berg@example.net", providerId: "email" },
        { issuer: "google.com", subject: "1098", providerId: "google" },
      ],
      attributes: { city: "Utrecht" },
      state: "active",
      correlationId: "req-1",
    });
    expect(guest).toMatchObject({
      email: "ana.berg@example.net",
      state: "active",
      createdVia: "admin",
      stateChangedAt: null,
      attributes: { city: "Utrecht" },
      identities: [
        { issuer: "urn:guestgate:email-otp", subject: "ana.berg@example.net", providerId: "email" },
        { issuer: "google.com", subject: "1098", providerId: "google" },
      ],
    });
    expect(store.auditEvents()).toEqual([
      {
        tenantId: T,
        type: "guest.created",
        actor: system,
        target: { type: "guest", id: guest.id },
        correlationId: "req-1",
        data: { createdVia: "admin", state: "active", identityProviders: ["email", "google"], attributes: ["city"] },
      },
    ]);
  });

  it("refuses a taken identity, a repeated one, no identity, and actors who may not create", async () => {
    const { store, directory, create } = setup();
    await create("anna");
    await expect(create("anna")).rejects.toEqual(refusal("conflict"));
    const twice = { issuer: "google.com", subject: "x", providerId: "google" };
    const input = { email: null, displayName: null, attributes: {}, state: "active" as const };
    await expect(directory.createWithIdentities(system, T, { ...input, identities: [twice, twice] })).rejects.toEqual(
      refusal("conflict"),
    );
    await expect(directory.createWithIdentities(system, T, { ...input, identities: [] })).rejects.toEqual(refusal("invalid"));
    await expect(directory.createWithIdentities(inviter, T, { ...input, identities: [twice] })).rejects.toEqual(
      refusal("forbidden"),
    );
    expect(store.auditEvents()).toHaveLength(1);
  });
});

describe("listDetails with a filter expression", () => {
  // Display names compare in binary order (as on SQLite): upper case before lower case.
  it("combines and/or/not over fields and identities, counts, and pages by keyset", async () => {
    const { directory, create } = setup();
    for (const name of ["anna", "Bert", "cees", "dirk", "Anouk"]) await create(name.toLowerCase(), { displayName: name });
    const names = async (expression: GuestFilter) =>
      (
        await directory.listDetails(reader, T, { filter: { expression }, orderBy: { field: "displayName", direction: "asc" } })
      ).guests.map((g) => g.displayName);
    expect(await names({ field: "displayName", op: "startsWith", values: ["AN"] })).toEqual(["Anouk", "anna"]);
    expect(await names({ field: "displayName", op: "contains", values: ["E"] })).toEqual(["Bert", "cees"]);
    expect(await names({ not: { field: "email", op: "in", values: ["ANNA@example.nl", "bert@example.nl"] } })).toEqual([
      "Anouk",
      "cees",
      "dirk",
    ]);
    expect(
      await names({
        or: [{ identity: { issuer: "google.com", subject: "dirk" } }, { field: "displayName", op: "eq", values: ["cees"] }],
      }),
    ).toEqual(["cees", "dirk"]);
    expect(
      await names({
        and: [
          { field: "displayName", op: "ge", values: ["b"] },
          { field: "displayName", op: "le", values: ["d"] },
        ],
      }),
    ).toEqual(["cees"]);
    const first = await directory.listDetails(reader, T, { top: 2, count: true });
    expect(first).toMatchObject({ count: 5, nextCursor: expect.any(String) });
    const second = await directory.listDetails(reader, T, { top: 2, cursor: first.nextCursor! });
    expect(second.count).toBeUndefined();
    expect(second.guests.map((g) => g.id)).not.toContain(first.guests[0]!.id);
    expect(await directory.count(reader, T, { expression: { field: "userType", op: "eq", values: ["Guest"] } })).toBe(5);
  });

  it("refuses operators a field does not take, and trees that are too big", async () => {
    const { directory } = setup();
    const list = (expression: GuestFilter) => directory.listDetails(reader, T, { filter: { expression } });
    await expect(list({ field: "id", op: "startsWith", values: ["0"] })).rejects.toEqual(refusal("invalid"));
    await expect(list({ field: "createdAt", op: "eq", values: ["yesterday"] })).rejects.toEqual(refusal("invalid"));
    await expect(list({ field: "id", op: "in", values: Array.from({ length: 16 }, (_, i) => String(i)) })).rejects.toEqual(
      refusal("invalid"),
    );
    await expect(list({ and: [] })).rejects.toEqual(refusal("invalid"));
    let deep: GuestFilter = { field: "id", op: "eq", values: ["x"] };
    for (let i = 0; i < 10; i++) deep = { not: deep };
    await expect(list(deep)).rejects.toEqual(refusal("invalid"));
  });
});

describe("stateChangedAt and revokeSignInSessions", () => {
  it("stamps the time a pending guest redeems, and not when an active guest is blocked", async () => {
    const { directory, create, tick } = setup();
    const pending = await directory.createPending(system, T, {
      email: "p@example.nl",
      displayName: null,
      createdVia: "invitation",
    });
    tick("2026-12-02T08:00:00Z");
    await directory.linkIdentity(system, T, pending.id, {
      providerId: "google",
      issuer: "google.com",
      subject: "p",
      emailVerified: true,
    });
    expect((await directory.describe(reader, T, { id: pending.id })).stateChangedAt).toEqual(new Date("2026-12-02T08:00:00Z"));
    const active = await create("anna");
    await directory.block(system, T, active.id);
    expect((await directory.describe(reader, T, { email: "ANNA@example.nl" })).stateChangedAt).toBeNull();
  });

  it("revokes what the guest holds, keeps the guest, and audits", async () => {
    const { store, directory, create } = setup();
    const guest = await create("anna");
    store.grantAccess(T, guest.id, { sessions: 2, grants: 1, refreshTokensPerGrant: 2 });
    expect(await directory.revokeSignInSessions(system, T, guest.id)).toEqual({ sessions: 2, grants: 1, refreshTokens: 2 });
    expect(store.access(guest.id)).toMatchObject({ liveSessions: 0, liveGrants: 0 });
    expect(store.auditEvents().at(-1)).toMatchObject({ type: "guest.signInSessionsRevoked", target: { id: guest.id } });
    await expect(directory.revokeSignInSessions(reader, T, guest.id)).rejects.toEqual(refusal("forbidden"));
    await expect(directory.revokeSignInSessions(system, "sparbanken", guest.id)).rejects.toEqual(refusal("notFound"));
  });

  it("names the tenant's registered custom attributes", async () => {
    const { store, directory } = setup();
    store.defineCustomAttribute(T, "kvkNumber");
    store.defineCustomAttribute("sparbanken", "other");
    expect(await directory.customAttributeNames(reader, T)).toEqual(["kvkNumber"]);
  });
});

describe("updateAttributes with accountEnabled and unchangedSince", () => {
  it("blocks together with the attribute change, and writes nothing when the guest changed since", async () => {
    const { store, directory, create } = setup();
    const guest = await create("anna");
    const read = await directory.describe(reader, T, { id: guest.id });
    await directory.updateAttributes(system, T, guest.id, {
      values: { city: "Delft" },
      accountEnabled: false,
      unchangedSince: read.updatedAt,
    });
    const after = await directory.describe(reader, T, { id: guest.id });
    expect(after).toMatchObject({ state: "blocked", attributes: { city: "Delft" } });
    expect(store.auditEvents().map((e) => e.type)).toEqual(["guest.created", "guest.blocked", "guest.attributesUpdated"]);
    await expect(
      directory.updateAttributes(system, T, guest.id, {
        values: { city: "Ede" },
        accountEnabled: true,
        unchangedSince: read.updatedAt,
      }),
    ).rejects.toEqual(expect.objectContaining({ code: "conflict", message: expect.stringMatching(/^stale/) }));
    expect(await directory.describe(reader, T, { id: guest.id })).toMatchObject({
      state: "blocked",
      attributes: { city: "Delft" },
    });
    const self: Actor = { type: "guest", guestId: guest.id };
    await expect(directory.updateAttributes(self, T, guest.id, { values: {}, accountEnabled: true })).rejects.toEqual(
      refusal("forbidden"),
    );
  });
});
