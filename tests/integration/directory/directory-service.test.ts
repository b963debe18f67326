import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDirectoryStore } from "../../../app/_lib/db";
import {
  createDirectoryService,
  DirectoryError,
  type Actor,
  type DirectoryService,
  type ProvenIdentity,
} from "../../../app/_lib/directory";
import { createTestDatabase, testDatabaseProviders, type TestDatabase } from "../../helpers/database";

const T = "woodgrove";
const OTHER = "sparbanken";
const system: Actor = { type: "system", name: "cli" };
const refusal = (code: DirectoryError["code"]) => expect.objectContaining({ name: "DirectoryError", code });
const identity = (subject: string, extra: Partial<ProvenIdentity> = {}): ProvenIdentity => ({
  providerId: "email",
  issuer: "urn:guestgate:email-otp",
  subject,
  email: `${subject}@example.nl`,
  emailVerified: true,
  ...extra,
});

describe.each(testDatabaseProviders())("directory service on %s", (provider) => {
  let db: TestDatabase;
  let directory: DirectoryService;
  const now = new Date("2026-12-01T10:00:00.000Z");
  beforeAll(async () => {
    db = await createTestDatabase(provider);
    directory = createDirectoryService({
      store: createDirectoryStore(db.prisma),
      clock: { now: () => now },
      cursorKey: new Uint8Array(32).fill(1),
    });
  });
  afterAll(async () => {
    await db?.drop();
  });

  const signUp = async (subject: string, tenantId = T, attributes = {}) =>
    (
      await directory.signUp({
        tenantId,
        identity: identity(subject),
        attributes,
        displayName: null,
        userFlowName: "signup-signin",
        clientId: "540a2eb4-526c-545d-b702-1caab8d4a622",
        correlationId: `journey-${subject}`,
      })
    ).guest;
  const auditOf = (guestId: string) =>
    db.prisma.auditEvent.findMany({ where: { targetId: guestId }, orderBy: { createdAt: "asc" } });

  it("signs up with identity, attributes, the flow and app it came through, and its own audit row", async () => {
    const guest = await signUp("anna", T, { givenName: "Anna", surname: "de Vries" });
    const row = await db.prisma.guest.findUniqueOrThrow({ where: { id: guest.id }, include: { identities: true } });
    expect(row).toMatchObject({
      createdVia: "selfServiceSignUp",
      userFlowName: "signup-signin",
      clientId: "540a2eb4-526c-545d-b702-1caab8d4a622",
    });
    expect(await auditOf(guest.id)).toMatchObject([
      { type: "guest.created", actorType: "guest", actorId: guest.id, targetType: "guest", correlationId: "journey-anna" },
    ]);
    const [event] = await auditOf(guest.id);
    expect(JSON.parse(event!.data)).toMatchObject({ attributes: ["givenName", "surname"] });
    expect(event!.data).not.toMatch(/Anna|Vries|anna@/);
  });

  it("refuses each actor what it may not do, and writes nothing when it refuses", async () => {
    const guest = await signUp("refused");
    const before = await db.prisma.auditEvent.count();
    const refusals: [Actor, () => (actor: Actor) => Promise<unknown>][] = [
      [
        { type: "guest", guestId: "another-guest" },
        () => (a) => directory.updateAttributes(a, T, guest.id, { values: { city: "X" } }),
      ],
      [{ type: "guest", guestId: guest.id }, () => (a) => directory.block(a, T, guest.id)],
      [
        { type: "administrator", id: "reader@woodgrove.example", role: "directoryReader" },
        () => (a) => directory.delete(a, T, guest.id),
      ],
      [
        { type: "administrator", id: "inviter@woodgrove.example", role: "guestInviter" },
        () => (a) => directory.block(a, T, guest.id),
      ],
      [
        { type: "application", clientId: "reader-app", permissions: ["User.Read.All"] },
        () => (a) => directory.unblock(a, T, guest.id),
      ],
      [{ type: "application", clientId: "inviter-app", permissions: ["User.Invite.All"] }, () => (a) => directory.list(a, T, {})],
    ];
    for (const [actor, verb] of refusals) await expect(verb()(actor)).rejects.toEqual(refusal("forbidden"));
    expect(await db.prisma.auditEvent.count()).toBe(before);
    expect((await directory.get(system, T, guest.id)).state).toBe("active");
  });

  it("keeps tenants apart: the other tenant's guest is not found, and not changed", async () => {
    const guest = await signUp("elsewhere", OTHER);
    const admin: Actor = { type: "administrator", id: "admin@woodgrove.example", role: "globalAdministrator" };
    await expect(directory.get(admin, T, guest.id)).rejects.toEqual(refusal("notFound"));
    await expect(directory.block(admin, T, guest.id)).rejects.toEqual(refusal("notFound"));
    await expect(
      directory.delete({ type: "application", clientId: "x", permissions: ["Directory.ReadWrite.All"] }, T, guest.id),
    ).rejects.toEqual(refusal("notFound"));
    await expect(
      directory.updateAttributes({ type: "guest", guestId: guest.id }, T, guest.id, { values: { city: "X" } }),
    ).rejects.toEqual(refusal("notFound"));
    expect(await directory.findByIdentity(T, identity("elsewhere"))).toBeNull();
    expect((await directory.get(system, OTHER, guest.id)).state).toBe("active");
    expect(await auditOf(guest.id)).toHaveLength(1);
  });

  it("deletes a guest and revokes what it holds at the OpenID provider, leaving others alone", async () => {
    const guest = await signUp("leaving");
    const bystander = await signUp("staying");
    const later = new Date(now.getTime() + 3600_000);
    for (const [who, n] of [
      [guest.id, 2],
      [bystander.id, 1],
    ] as const) {
      for (let i = 0; i < n; i++) {
        await db.prisma.opSession.create({
          data: { id: randomUUID(), tenantId: T, guestId: who, sid: randomUUID(), authTime: now, expiresAt: later },
        });
        const grant = await db.prisma.grant.create({
          data: { tenantId: T, clientId: "c", guestId: who, kind: "authorization_code", scope: "openid" },
        });
        for (let j = 0; j < 2; j++)
          await db.prisma.refreshToken.create({
            data: { tokenHash: randomUUID(), tenantId: T, grantId: grant.id, clientId: "c", scope: "openid", expiresAt: later },
          });
      }
    }
    await db.prisma.authorizationCode.create({
      data: {
        codeHash: randomUUID(),
        tenantId: T,
        clientId: "c",
        guestId: guest.id,
        redirectUri: "https://x",
        scope: "openid",
        authTime: now,
        expiresAt: later,
      },
    });
    const app: Actor = { type: "application", clientId: "graph-client", permissions: ["User.ReadWrite.All"] };

    const deleted = await directory.delete(app, T, guest.id);

    expect(deleted).toEqual({ guestId: guest.id, revoked: { sessions: 2, grants: 2, refreshTokens: 4 } });
    expect(await db.prisma.guest.count({ where: { id: guest.id } })).toBe(0);
    expect(await db.prisma.identity.count({ where: { guestId: guest.id } })).toBe(0);
    expect(await db.prisma.opSession.count({ where: { guestId: guest.id, endedAt: null } })).toBe(0);
    expect(await db.prisma.grant.count({ where: { guestId: guest.id, revokedAt: null } })).toBe(0);
    const bystanderGrants = (await db.prisma.grant.findMany({ where: { guestId: bystander.id } })).map((g) => g.id);
    expect(await db.prisma.refreshToken.count({ where: { revokedAt: null, tenantId: T } })).toBe(2);
    expect(await db.prisma.refreshToken.count({ where: { revokedAt: null, grantId: { in: bystanderGrants } } })).toBe(2);
    expect(await db.prisma.authorizationCode.count({ where: { guestId: guest.id } })).toBe(0);
    expect(await db.prisma.opSession.count({ where: { guestId: bystander.id, endedAt: null } })).toBe(1);
    const events = await auditOf(guest.id);
    expect(events.at(-1)).toMatchObject({ type: "guest.deleted", actorType: "application", actorId: "graph-client" });
    expect(JSON.parse(events.at(-1)!.data)).toEqual({ revoked: { sessions: 2, grants: 2, refreshTokens: 4 } });
  });

  it("creates a pending guest and links an identity once; a taken identity is a conflict", async () => {
    const inviter: Actor = { type: "administrator", id: "inviter@woodgrove.example", role: "guestInviter" };
    const pending = await directory.createPending(inviter, T, {
      email: "Pia@Example.org",
      displayName: "Pia",
      createdVia: "invitation",
    });
    expect(await db.prisma.guest.findUniqueOrThrow({ where: { id: pending.id } })).toMatchObject({
      state: "pendingAcceptance",
      email: "pia@example.org",
    });
    await expect(
      directory.createPending(inviter, T, { email: "pia@example.org", displayName: null, createdVia: "invitation" }),
    ).rejects.toEqual(refusal("conflict"));
    const google = identity("g-1", { providerId: "google", issuer: "https://accounts.google.com" });
    const results = await Promise.allSettled(
      Array.from({ length: 5 }, async () => {
        const other = await directory.createPending(system, T, {
          email: `${randomUUID()}@example.org`,
          displayName: null,
          createdVia: "admin",
        });
        return directory.linkIdentity(system, T, other.id, google);
      }),
    );
    // one guest wins the identity, the rest are told it is taken
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    for (const r of results.filter((r) => r.status === "rejected"))
      expect((r as PromiseRejectedResult).reason).toEqual(refusal("conflict"));
    await expect(directory.linkIdentity(system, T, pending.id, google)).rejects.toEqual(refusal("conflict"));
    expect((await directory.linkIdentity(system, T, pending.id, identity("pia"))).state).toBe("active");
    expect((await auditOf(pending.id)).map((e) => [e.type, e.actorType, e.actorId])).toEqual([
      ["guest.created", "administrator", "inviter@woodgrove.example"],
      ["guest.identityLinked", "system", "cli"],
    ]);
  });

  it("lists with filters, case-insensitive search, both sort directions and tamper-safe cursors", async () => {
    const tenant = `list-${provider}`;
    const names = ["Émile", "anna", "Bert", null, "cees", "Dirk"];
    const ids: string[] = [];
    for (const [i, name] of names.entries()) {
      const g = await directory.createPending(system, tenant, {
        email: `p${i}@example.org`,
        displayName: name,
        createdVia: "admin",
      });
      ids.push(g.id);
    }
    await directory.block(system, tenant, ids[2]!);
    const list = (query: Parameters<DirectoryService["list"]>[2]) => directory.list(system, tenant, query);
    expect((await list({ filter: { search: "DI" } })).guests.map((g) => g.displayName)).toEqual(["Dirk"]);
    expect((await list({ filter: { search: "BE" } })).guests.map((g) => g.displayName)).toEqual(["Bert"]);
    expect((await list({ filter: { state: "blocked" } })).guests.map((g) => g.id)).toEqual([ids[2]]);
    expect((await list({ filter: { email: "P4@example.org" } })).guests.map((g) => g.displayName)).toEqual(["cees"]);

    for (const field of ["displayName", "email", "createdAt"] as const)
      for (const direction of ["asc", "desc"] as const) {
        const whole = (await list({ orderBy: { field, direction }, top: 999 })).guests.map((g) => g.id);
        expect(whole).toHaveLength(names.length);
        const paged: string[] = [];
        let cursor: string | undefined;
        do {
          const page = await list({ orderBy: { field, direction }, top: 2, ...(cursor ? { cursor } : {}) });
          paged.push(...page.guests.map((g) => g.id));
          cursor = page.nextCursor;
        } while (cursor);
        expect(paged, `${field} ${direction}`).toEqual(whole);
        // null display names sort where each database's index puts them (SQLite: smallest, PostgreSQL:
        // largest), so the (tenant, displayName, id) index serves the page (graph/users-explain.test.ts)
        const nullsFirst = (direction === "asc") === (provider === "sqlite");
        if (field === "displayName") expect(whole[nullsFirst ? 0 : whole.length - 1]).toBe(ids[3]);
      }
    const first = await list({ top: 2 });
    const [body, tag] = first.nextCursor!.split(".");
    const flipped = (text: string, at: number) => text.slice(0, at) + (text[at] === "A" ? "B" : "A") + text.slice(at + 1);
    for (const forged of [
      `${flipped(body!, 5)}.${tag}`,
      `${body}.${flipped(tag!, tag!.length - 1)}`,
      `${body}.${flipped(tag!, 3)}`,
    ])
      await expect(list({ top: 2, cursor: forged })).rejects.toEqual(refusal("invalid"));
    await expect(directory.list(system, T, { top: 2, cursor: first.nextCursor! })).rejects.toEqual(refusal("invalid"));
  });
});
