import { describe, expect, it } from "vitest";
import type { Actor } from "../actor";
import { DirectoryError, type DirectoryService } from "../service-contract";
import type { ProvenIdentity } from "../guests";
import { createMemoryDirectoryStore } from "../testing/memory-store";
import { createDirectoryService } from "./create-service";

const T = "woodgrove";
const OTHER = "sparbanken";
const identity = (subject: string, extra: Partial<ProvenIdentity> = {}): ProvenIdentity => ({
  providerId: "email",
  issuer: "urn:guestgate:email-otp",
  subject,
  email: `${subject}@example.nl`,
  emailVerified: true,
  ...extra,
});

function setup() {
  const store = createMemoryDirectoryStore();
  let n = 0;
  const directory = createDirectoryService({
    store,
    clock: { now: () => new Date("2026-12-01T10:00:00Z") },
    cursorKey: new Uint8Array(32).fill(7),
    newId: () => `00000000-0000-4000-8000-${String(++n).padStart(12, "0")}`,
  });
  const signUp = async (subject: string, tenantId = T, attributes = {}) =>
    (
      await directory.signUp({
        tenantId,
        identity: identity(subject),
        attributes,
        displayName: `Name ${subject}`,
        userFlowName: "signup-signin",
        clientId: "app-1",
        correlationId: `journey-${subject}`,
      })
    ).guest;
  return { store, directory, signUp };
}

const system: Actor = { type: "system", name: "cli" };
const admin = (role: "globalAdministrator" | "userAdministrator" | "guestInviter" | "directoryReader"): Actor => ({
  type: "administrator",
  id: `admin-${role}`,
  role,
});
const app = (...permissions: string[]): Actor => ({ type: "application", clientId: "graph-client", permissions });

const refusal = (code: DirectoryError["code"]) => expect.objectContaining({ name: "DirectoryError", code });

describe("directory service: sign-up (the new guest is the actor)", () => {
  it("creates guest, identity and attributes with one audit event that names attributes, never values", async () => {
    const { store, signUp } = setup();
    const guest = await signUp("anna", T, { givenName: "Anna", country: "NL" });
    expect(guest).toMatchObject({
      tenantId: T,
      state: "active",
      email: "anna@example.nl",
      attributes: { givenName: "Anna", country: "NL" },
    });
    expect(store.auditEvents()).toEqual([
      {
        tenantId: T,
        type: "guest.created",
        actor: { type: "guest", guestId: guest.id },
        target: { type: "guest", id: guest.id },
        correlationId: "journey-anna",
        data: {
          createdVia: "selfServiceSignUp",
          userFlowName: "signup-signin",
          clientId: "app-1",
          identityProvider: "email",
          attributes: ["country", "givenName"],
        },
      },
    ]);
    expect(JSON.stringify(store.auditEvents())).not.toMatch(/Anna|anna@/);
  });

  it("is idempotent on (tenant, issuer, subject): a retry gets the same guest and writes nothing", async () => {
    const { store, directory, signUp } = setup();
    const first = await signUp("anna");
    const again = await directory.signUp({
      tenantId: T,
      identity: identity("anna"),
      attributes: {},
      displayName: null,
      userFlowName: "x",
      clientId: "y",
      correlationId: "z",
    });
    expect(again).toEqual({ guest: first, created: false });
    expect(store.auditEvents()).toHaveLength(1);
    // the same identity in another tenant is another guest
    expect((await signUp("anna", OTHER)).id).not.toBe(first.id);
  });

  it("refuses attribute names outside the catalog and the custom-name rule", async () => {
    const { store, signUp } = setup();
    await expect(signUp("bad", T, { __proto__x: "1" })).rejects.toEqual(refusal("invalid"));
    await expect(signUp("bad", T, { id: "1" })).rejects.toEqual(refusal("invalid"));
    expect(store.auditEvents()).toEqual([]);
  });

  it("records a sign-in with the guest as actor", async () => {
    const { store, directory, signUp } = setup();
    const guest = await signUp("anna");
    await directory.recordSignIn(T, identity("anna"), new Date());
    await directory.recordSignIn(T, identity("nobody"), new Date());
    expect(store.auditEvents().map((e) => [e.type, e.actor])).toEqual([
      ["guest.created", { type: "guest", guestId: guest.id }],
      ["guest.signedIn", { type: "guest", guestId: guest.id }],
    ]);
  });
});

describe("directory service: who may do what", () => {
  type Verb = (d: DirectoryService, actor: Actor, guestId: string) => Promise<unknown>;
  const verbs: Record<string, Verb> = {
    get: (d, a, id) => d.get(a, T, id),
    list: (d, a) => d.list(a, T, {}),
    updateAttributes: (d, a, id) => d.updateAttributes(a, T, id, { values: { city: "Gent" } }),
    block: (d, a, id) => d.block(a, T, id),
    unblock: (d, a, id) => d.unblock(a, T, id),
    delete: (d, a, id) => d.delete(a, T, id),
    createPending: (d, a) =>
      d.createPending(a, T, { email: `p${Math.random()}@example.org`, displayName: null, createdVia: "invitation" }),
    linkIdentity: (d, a, id) =>
      d.linkIdentity(
        a,
        T,
        id,
        identity(`link-${Math.random()}`, { providerId: "google", issuer: "https://accounts.google.com" }),
      ),
    resetRedemption: (d, a, id) => d.resetRedemption(a, T, id),
  };
  const all = Object.keys(verbs);
  const reads = ["get", "list"];
  const cases: [string, (self: string) => Actor, string[]][] = [
    ["system", () => system, all],
    ["globalAdministrator", () => admin("globalAdministrator"), all],
    ["userAdministrator", () => admin("userAdministrator"), all],
    ["guestInviter", () => admin("guestInviter"), [...reads, "createPending", "resetRedemption"]],
    ["directoryReader", () => admin("directoryReader"), reads],
    ["application with User.Read.All", () => app("User.Read.All"), reads],
    ["application with Directory.Read.All", () => app("Directory.Read.All"), reads],
    ["application with User.ReadWrite.All", () => app("User.ReadWrite.All"), all],
    ["application with Directory.ReadWrite.All", () => app("Directory.ReadWrite.All"), all],
    ["application with User.Invite.All", () => app("User.Invite.All"), ["createPending"]],
    ["application with unrelated permissions", () => app("Group.Read.All", "AuditLog.Read.All"), []],
    ["the guest itself", (self) => ({ type: "guest", guestId: self }), ["get", "updateAttributes", "delete"]],
    ["another guest", () => ({ type: "guest", guestId: "someone-else" }), []],
  ];

  describe.each(cases)("%s", (_name, actorFor, allowed) => {
    it.each(all)("%s", async (verb) => {
      const { store, directory, signUp } = setup();
      const guest = await signUp("target");
      if (verb === "unblock") await directory.block(system, T, guest.id);
      const before = store.auditEvents().length;
      const actor = actorFor(guest.id);
      const run = verbs[verb]!(directory, actor, guest.id);
      if (allowed.includes(verb)) {
        await expect(run).resolves.toBeDefined();
        const events = store.auditEvents().slice(before);
        // every change is audited with the actor that made it; reads are not audited
        if (reads.includes(verb)) expect(events).toEqual([]);
        else expect(events.map((e) => e.actor)).toEqual([actor]);
      } else {
        await expect(run).rejects.toEqual(refusal("forbidden"));
        expect(store.auditEvents()).toHaveLength(before);
      }
    });
  });

  it("keeps tenants apart: a guest of another tenant is not found, for every actor that may act", async () => {
    const { store, directory, signUp } = setup();
    const guest = await signUp("elsewhere", OTHER);
    const before = store.auditEvents().length;
    for (const actor of [
      system,
      admin("globalAdministrator"),
      app("Directory.ReadWrite.All"),
      { type: "guest", guestId: guest.id } as Actor,
    ]) {
      await expect(directory.get(actor, T, guest.id)).rejects.toEqual(refusal("notFound"));
      await expect(directory.updateAttributes(actor, T, guest.id, { values: { city: "X" } })).rejects.toEqual(
        refusal("notFound"),
      );
      await expect(directory.delete(actor, T, guest.id)).rejects.toEqual(refusal("notFound"));
    }
    await expect(directory.block(system, T, guest.id)).rejects.toEqual(refusal("notFound"));
    expect((await directory.list(system, T, {})).guests).toEqual([]);
    expect(store.auditEvents()).toHaveLength(before);
    expect((await directory.get(system, OTHER, guest.id)).id).toBe(guest.id);
  });
});

describe("directory service: invariants", () => {
  it("updates attributes (and the display name) with the actor's event; an empty change writes nothing", async () => {
    const { store, directory, signUp } = setup();
    const guest = await signUp("anna", T, { givenName: "Anna" });
    const actor = admin("userAdministrator");
    const updated = await directory.updateAttributes(actor, T, guest.id, {
      values: { city: "Gent" },
      displayName: "Anna V.",
      correlationId: "req-1",
    });
    expect(updated).toMatchObject({ displayName: "Anna V.", attributes: { givenName: "Anna", city: "Gent" } });
    expect(store.auditEvents().at(-1)).toEqual({
      tenantId: T,
      type: "guest.attributesUpdated",
      actor,
      target: { type: "guest", id: guest.id },
      correlationId: "req-1",
      data: { attributes: ["city", "displayName"] },
    });
    const count = store.auditEvents().length;
    expect(await directory.updateAttributes(actor, T, guest.id, { values: {} })).toEqual(updated);
    expect(store.auditEvents()).toHaveLength(count);
  });

  it("deletes the values named in remove, audits their names apart, and ignores names it does not hold", async () => {
    const { store, directory, signUp } = setup();
    const guest = await signUp("anna", T, { givenName: "Anna", city: "Gent" });
    const self: Actor = { type: "guest", guestId: guest.id };
    const cleared = await directory.updateAttributes(self, T, guest.id, { values: {}, remove: ["city", "jobTitle"] });
    expect(cleared.attributes).toEqual({ givenName: "Anna" });
    expect(store.auditEvents().at(-1)).toMatchObject({
      type: "guest.attributesUpdated",
      actor: self,
      data: { attributes: [], removed: ["city"] },
    });
    const count = store.auditEvents().length;
    expect(await directory.updateAttributes(self, T, guest.id, { values: {}, remove: ["city"] })).toEqual(cleared);
    expect(store.auditEvents()).toHaveLength(count);
    await expect(directory.updateAttributes(self, T, guest.id, { values: {}, remove: ["not a name"] })).rejects.toEqual(
      refusal("invalid"),
    );
  });

  it("lets a blocked guest read their record but change nothing; unblocking restores the state", async () => {
    const { directory, signUp } = setup();
    const guest = await signUp("anna");
    const self: Actor = { type: "guest", guestId: guest.id };
    await directory.block(admin("userAdministrator"), T, guest.id);
    expect((await directory.get(self, T, guest.id)).state).toBe("blocked");
    await expect(directory.updateAttributes(self, T, guest.id, { values: { city: "X" } })).rejects.toEqual(refusal("forbidden"));
    expect((await directory.unblock(system, T, guest.id)).state).toBe("active");
  });

  it("blocking ends the guest's OP sessions and says how many; blocking twice writes once", async () => {
    const { store, directory, signUp } = setup();
    const guest = await signUp("anna");
    store.grantAccess(T, guest.id, { sessions: 2, grants: 1, refreshTokensPerGrant: 1 });
    await directory.block(system, T, guest.id);
    await directory.block(system, T, guest.id);
    const blocked = store.auditEvents().filter((e) => e.type === "guest.blocked");
    expect(blocked).toHaveLength(1);
    expect(blocked[0]!.data).toEqual({ previousState: "active", sessionsEnded: 2 });
    expect(store.access(guest.id).liveSessions).toBe(0);
  });

  it("deletes the guest and revokes sessions, grants, refresh tokens and unredeemed codes", async () => {
    const { store, directory, signUp } = setup();
    const guest = await signUp("anna");
    const bystander = await signUp("bert");
    store.grantAccess(T, guest.id, { sessions: 2, grants: 3, refreshTokensPerGrant: 2, codes: 1 });
    store.grantAccess(T, bystander.id, { sessions: 1, grants: 1, refreshTokensPerGrant: 1 });
    const self: Actor = { type: "guest", guestId: guest.id };

    const deleted = await directory.delete(self, T, guest.id);

    expect(deleted).toEqual({ guestId: guest.id, revoked: { sessions: 2, grants: 3, refreshTokens: 6 } });
    expect(store.access(guest.id)).toEqual({ liveSessions: 0, liveGrants: 0, codes: 0 });
    expect(store.access(bystander.id)).toEqual({ liveSessions: 1, liveGrants: 1, codes: 0 });
    await expect(directory.get(system, T, guest.id)).rejects.toEqual(refusal("notFound"));
    expect(store.auditEvents().at(-1)).toMatchObject({ type: "guest.deleted", actor: self, data: { revoked: deleted.revoked } });
    // the identity is free again: signing up with it makes a new guest
    expect((await signUp("anna")).id).not.toBe(guest.id);
  });

  it("creates a pending guest without identity, one per address and tenant, then links an identity", async () => {
    const { store, directory } = setup();
    const inviter = admin("guestInviter");
    const pending = await directory.createPending(inviter, T, {
      email: "  Pia@Example.ORG ",
      displayName: " Pia ",
      createdVia: "invitation",
    });
    expect(pending).toMatchObject({
      state: "pendingAcceptance",
      email: "pia@example.org",
      displayName: "Pia",
      emailVerified: false,
    });
    expect(store.auditEvents().at(-1)).toMatchObject({
      type: "guest.created",
      actor: inviter,
      data: { createdVia: "invitation", state: "pendingAcceptance" },
    });
    await expect(
      directory.createPending(inviter, T, { email: "pia@example.org", displayName: null, createdVia: "invitation" }),
    ).rejects.toEqual(refusal("conflict"));
    await expect(
      directory.createPending(inviter, T, { email: "not-an-address", displayName: null, createdVia: "invitation" }),
    ).rejects.toEqual(refusal("invalid"));
    expect(
      (await directory.createPending(inviter, OTHER, { email: "pia@example.org", displayName: null, createdVia: "invitation" }))
        .tenantId,
    ).toBe(OTHER);

    // a pending guest blocked and unblocked is pending again (it has no identity yet)
    await directory.block(system, T, pending.id);
    expect((await directory.unblock(system, T, pending.id)).state).toBe("pendingAcceptance");

    const google = identity("g-123", { providerId: "google", issuer: "https://accounts.google.com" });
    const linked = await directory.linkIdentity(system, T, pending.id, google);
    expect(linked.state).toBe("active");
    expect(await directory.findByIdentity(T, google)).toEqual(linked);
    expect(store.auditEvents().at(-1)).toMatchObject({
      type: "guest.identityLinked",
      actor: system,
      data: { identityProvider: "google" },
    });
    const other = await directory.createPending(system, T, { email: "olle@example.org", displayName: null, createdVia: "admin" });
    await expect(directory.linkIdentity(system, T, other.id, google)).rejects.toEqual(refusal("conflict"));
  });

  it("lets an invitee link their first identity as themselves, only while pending", async () => {
    const { directory } = setup();
    const pending = await directory.createPending(system, T, {
      email: "pia@example.org",
      displayName: null,
      createdVia: "invitation",
    });
    const self = { type: "guest" as const, guestId: pending.id };
    const google = identity("g-1", { providerId: "google", issuer: "https://accounts.google.com" });
    expect((await directory.linkIdentity(self, T, pending.id, google)).state).toBe("active");
    const second = identity("g-2", { providerId: "google", issuer: "https://accounts.google.com" });
    await expect(directory.linkIdentity(self, T, pending.id, second)).rejects.toEqual(refusal("forbidden"));
    await expect(directory.linkIdentity({ type: "guest", guestId: "someone" }, T, pending.id, second)).rejects.toEqual(
      refusal("forbidden"),
    );
  });

  it("creates a pending member only for the system or a Global Administrator", async () => {
    const { directory } = setup();
    const member = {
      email: "boss@example.org",
      displayName: null,
      createdVia: "invitation" as const,
      userType: "Member" as const,
    };
    await expect(directory.createPending(admin("userAdministrator"), T, member)).rejects.toEqual(refusal("forbidden"));
    await expect(directory.createPending(app("User.ReadWrite.All"), T, member)).rejects.toEqual(refusal("forbidden"));
    expect((await directory.createPending(admin("globalAdministrator"), T, member)).userType).toBe("Member");
  });

  it("resets a redemption: identities unlinked, sessions and grants revoked, pending again, audited", async () => {
    const { store, directory, signUp } = setup();
    const guest = await signUp("rita");
    const reset = await directory.resetRedemption(admin("userAdministrator"), T, guest.id, "req-1");
    expect(reset.state).toBe("pendingAcceptance");
    expect(await directory.findByIdentity(T, identity("rita"))).toBeNull();
    expect(store.auditEvents().at(-1)).toMatchObject({
      type: "guest.redemptionReset",
      correlationId: "req-1",
      data: { identitiesUnlinked: 1 },
    });
    await expect(directory.resetRedemption(admin("userAdministrator"), OTHER, guest.id)).rejects.toEqual(refusal("notFound"));
  });
});

describe("directory service: list", () => {
  async function populated() {
    const context = setup();
    const names = ["Cees", "anna", "Bert", "dirk", "Eva"];
    for (const name of names) await context.signUp(name.toLowerCase());
    for (const [i, name] of names.entries()) {
      const guest = (await context.directory.findByIdentity(T, identity(name.toLowerCase())))!;
      await context.directory.updateAttributes(system, T, guest.id, { values: {}, displayName: i === 4 ? null : name });
    }
    await context.directory.createPending(system, T, { email: "zed@example.org", displayName: "Zed", createdVia: "invitation" });
    await context.signUp("other", OTHER);
    return context;
  }

  it("filters on state, e-mail, search prefix and createdVia, in the tenant only", async () => {
    const { directory } = await populated();
    const names = async (filter: object) =>
      (await directory.list(system, T, { filter, orderBy: { field: "email", direction: "asc" } })).guests.map((g) => g.email);
    expect(await names({})).toEqual([
      "anna@example.nl",
      "bert@example.nl",
      "cees@example.nl",
      "dirk@example.nl",
      "eva@example.nl",
      "zed@example.org",
    ]);
    expect(await names({ state: "pendingAcceptance" })).toEqual(["zed@example.org"]);
    expect(await names({ createdVia: "selfServiceSignUp", search: "b" })).toEqual(["bert@example.nl"]);
    expect(await names({ search: "DI" })).toEqual(["dirk@example.nl"]);
    expect(await names({ email: " EVA@example.nl" })).toEqual(["eva@example.nl"]);
    await expect(directory.list(system, T, { filter: { state: "gone" as never } })).rejects.toEqual(refusal("invalid"));
  });

  it.each([
    ["displayName", "asc"],
    ["displayName", "desc"],
    ["email", "desc"],
    ["createdAt", "asc"],
    ["createdAt", "desc"],
  ] as const)("pages through everything by %s %s, each guest once, in order", async (field, direction) => {
    const { directory } = await populated();
    const whole = (await directory.list(system, T, { orderBy: { field, direction }, top: 999 })).guests;
    expect(whole).toHaveLength(6);
    const seen = [];
    let cursor: string | undefined;
    do {
      const page = await directory.list(system, T, { orderBy: { field, direction }, top: 2, ...(cursor ? { cursor } : {}) });
      expect(page.guests.length).toBeLessThanOrEqual(2);
      seen.push(...page.guests);
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen.map((g) => g.id)).toEqual(whole.map((g) => g.id));
    if (field === "displayName") expect(whole.map((g) => g.displayName)[direction === "asc" ? 0 : 5]).toBeNull();
  });

  it.each([
    ["displayName", "asc"],
    ["email", "desc"],
    ["createdAt", "desc"],
  ] as const)("pages back by %s %s with previousCursor to the very first page", async (field, direction) => {
    const { directory } = await populated();
    const orderBy = { field, direction };
    const pages: string[][] = [];
    let cursor: string | undefined;
    let last;
    do {
      last = await directory.list(system, T, { orderBy, top: 2, ...(cursor ? { cursor } : {}) });
      pages.push(last.guests.map((g) => g.id));
      expect(last.previousCursor === undefined).toBe(pages.length === 1);
      cursor = last.nextCursor;
    } while (cursor);
    const back: string[][] = [pages.at(-1)!];
    let previous = last.previousCursor;
    while (previous) {
      const page = await directory.list(system, T, { orderBy, top: 2, cursor: previous });
      back.unshift(page.guests.map((g) => g.id));
      expect(page.nextCursor).toBeDefined();
      previous = page.previousCursor;
    }
    expect(back).toEqual(pages);
    // A before-cursor is still bound to its query.
    await expect(
      directory.list(system, T, { orderBy, top: 2, cursor: last.previousCursor!, filter: { state: "active" } }),
    ).rejects.toEqual(refusal("invalid"));
  });

  it("filters on the user flow and the identity provider a guest came with", async () => {
    const { directory, signUp } = await populated();
    const other = await directory.signUp({
      tenantId: T,
      identity: identity("gina", { providerId: "google", issuer: "https://accounts.google.com" }),
      attributes: {},
      displayName: "Gina",
      userFlowName: "partners",
      clientId: "app-2",
      correlationId: "j",
    });
    await signUp("hank");
    const ids = async (filter: object) => (await directory.list(system, T, { filter })).guests.map((g) => g.id);
    expect(await ids({ userFlowName: "partners" })).toEqual([other.guest.id]);
    expect(await ids({ identityProvider: "google" })).toEqual([other.guest.id]);
    expect(await ids({ identityProvider: "email", userFlowName: "partners" })).toEqual([]);
    await expect(directory.list(system, T, { filter: { userFlowName: "" } })).rejects.toEqual(refusal("invalid"));
  });

  it("records an export with the administrator as actor, the filter's kinds and the count, never the searched text", async () => {
    const { directory, store } = await populated();
    const actor = admin("guestInviter");
    expect(await directory.recordExport(actor, T, { state: "active", search: "anna" }, "csv")).toEqual({ count: 1 });
    expect(store.auditEvents().at(-1)).toMatchObject({
      type: "guests.exported",
      actor,
      tenantId: T,
      data: { format: "csv", count: 1, filter: { state: "active", search: "given" } },
    });
    expect(JSON.stringify(store.auditEvents().at(-1))).not.toContain("anna");
    await expect(directory.recordExport({ type: "guest", guestId: "x" }, T, {}, "csv")).rejects.toEqual(refusal("forbidden"));
  });

  it("refuses a tampered cursor, a cursor of another query or tenant, and top outside 1..999", async () => {
    const { directory } = await populated();
    const first = await directory.list(system, T, { top: 2 });
    const cursor = first.nextCursor!;
    const [body, mac] = cursor.split(".");
    const forged = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(body!, "base64url").toString()), i: "x" })).toString(
      "base64url",
    );
    for (const bad of [`${forged}.${mac}`, `${body}.AAAA`, "garbage", `${cursor}.x`])
      await expect(directory.list(system, T, { top: 2, cursor: bad })).rejects.toEqual(refusal("invalid"));
    await expect(directory.list(system, T, { top: 2, cursor, filter: { state: "active" } })).rejects.toEqual(refusal("invalid"));
    await expect(directory.list(system, OTHER, { top: 2, cursor })).rejects.toEqual(refusal("invalid"));
    await expect(directory.list(system, T, { top: 2, cursor, orderBy: { field: "email", direction: "asc" } })).rejects.toEqual(
      refusal("invalid"),
    );
    expect((await directory.list(system, T, { top: 2, cursor })).guests).toHaveLength(2);
    for (const top of [0, 1000, 1.5]) await expect(directory.list(system, T, { top })).rejects.toEqual(refusal("invalid"));
  });
});

describe("directory service: members are changed only by Global Administrators", () => {
  async function withMember() {
    const context = setup();
    const id = "00000000-0000-4000-8000-00000000a001";
    await context.store.transaction((unit) =>
      unit.insertGuest({
        id,
        tenantId: T,
        userType: "Member",
        state: "active",
        createdVia: "seed",
        displayName: "Admin",
        email: "admin@woodgrove.example",
        emailVerified: true,
        attributes: {},
      }),
    );
    return { ...context, id };
  }

  it("refuses an application with User.ReadWrite.All and a User Administrator", async () => {
    const { directory, id } = await withMember();
    for (const actor of [app("User.ReadWrite.All"), admin("userAdministrator")]) {
      await expect(directory.block(actor, T, id)).rejects.toEqual(refusal("forbidden"));
      await expect(directory.delete(actor, T, id)).rejects.toEqual(refusal("forbidden"));
      await expect(directory.revokeSignInSessions(actor, T, id)).rejects.toEqual(refusal("forbidden"));
      await expect(directory.updateAttributes(actor, T, id, { values: { city: "Utrecht" } })).rejects.toEqual(
        refusal("forbidden"),
      );
    }
    expect((await directory.get(system, T, id)).state).toBe("active");
  });

  it("lets a Global Administrator and the system change a member", async () => {
    const { directory, id } = await withMember();
    expect((await directory.block(admin("globalAdministrator"), T, id)).state).toBe("blocked");
    // no identity linked yet, so unblocking returns it to pendingAcceptance
    expect((await directory.unblock(system, T, id)).state).toBe("pendingAcceptance");
  });
});
