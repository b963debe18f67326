import { createDirectoryStore } from "../../../app/_lib/db";
import { createDirectoryService } from "../../../app/_lib/directory";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabaseAt, migrateDeploy, testDatabaseProviders, type TestDatabase } from "../../helpers/database";

// The data_naming migration renames two guest columns and drops the Auth.js tables: a database
// an older release filled must keep every guest, identity and attribute, values included.
describe.each(testDatabaseProviders())("data_naming migration on %s", (provider) => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabaseAt(provider, "job_leases");
  });
  afterAll(async () => {
    await db?.drop();
  });

  const tableNames = async (): Promise<string[]> => {
    const rows =
      provider === "sqlite"
        ? await db.prisma.$queryRawUnsafe<{ name: string }[]>("SELECT name FROM sqlite_master WHERE type = 'table'")
        : await db.prisma.$queryRawUnsafe<{ name: string }[]>(
            "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema()",
          );
    return rows.map((r) => r.name);
  };

  it("carries every guest's flow name and client id over, and drops the unused Auth.js tables", async () => {
    expect(await tableNames()).toContain("auth_users");
    const now = new Date().toISOString();
    const insert = (sql: string, ...values: unknown[]) =>
      db.prisma.$executeRawUnsafe(
        provider === "sqlite" ? sql : sql.replace(/\?/g, (_, i) => `$${sql.slice(0, i).split("?").length}`),
        ...values,
      );
    const timestamp = (value: string) => (provider === "sqlite" ? value : new Date(value));
    await insert(
      `INSERT INTO guests (id, "tenantId", "userType", state, "createdVia", "displayName", email, "emailVerified", "userFlowId", "applicationId", "identityProvider", "createdAt", "updatedAt")
       VALUES (?, 'woodgrove', 'Guest', 'active', 'selfServiceSignUp', 'Ada', 'ada@example.com', true, 'default-signup', '3f2c9a1e-5b7d-4e8f-9a0b-1c2d3e4f5a6b', 'email', ?, ?)`,
      "guest-1",
      timestamp(now),
      timestamp(now),
    );
    await insert(
      `INSERT INTO identities (id, "tenantId", "guestId", issuer, subject, provider, "emailVerified", "createdAt") VALUES ('identity-1', 'woodgrove', 'guest-1', 'https://idp.example', 'sub-1', 'email', true, ?)`,
      timestamp(now),
    );
    await insert(
      `INSERT INTO attribute_values ("guestId", name, value, "updatedAt") VALUES ('guest-1', 'city', '"Utrecht"', ?)`,
      timestamp(now),
    );

    await migrateDeploy(db.url);

    const guest = await db.prisma.guest.findUniqueOrThrow({
      where: { id: "guest-1" },
      include: { identities: true, attributes: true },
    });
    expect(guest).toMatchObject({
      tenantId: "woodgrove",
      displayName: "Ada",
      email: "ada@example.com",
      emailVerified: true,
      userFlowName: "default-signup",
      clientId: "3f2c9a1e-5b7d-4e8f-9a0b-1c2d3e4f5a6b",
      identityProvider: "email",
    });
    expect(guest.createdAt.toISOString()).toBe(now);
    expect(guest.identities.map((i) => i.subject)).toEqual(["sub-1"]);
    expect(guest.attributes.map((a) => [a.name, a.value])).toEqual([["city", '"Utrecht"']]);
    const tables = await tableNames();
    for (const gone of ["auth_users", "auth_accounts", "auth_sessions", "auth_verification_tokens"])
      expect(tables).not.toContain(gone);
    // the foreign keys survived the change: deleting the guest still takes its identity along
    await db.prisma.guest.delete({ where: { id: "guest-1" } });
    expect(await db.prisma.identity.count()).toBe(0);
  });

  it("reads an invited guest without an identity as pendingAcceptance, and an unknown state as blocked", async () => {
    const directory = createDirectoryService({
      store: createDirectoryStore(db.prisma),
      clock: { now: () => new Date() },
      cursorKey: new Uint8Array(32).fill(1),
    });
    const system = { type: "system", name: "test" } as const;
    const invited = await db.prisma.guest.create({
      data: { tenantId: "woodgrove", userType: "Guest", createdVia: "invitation", state: "pendingAcceptance" },
    });
    const odd = await db.prisma.guest.create({
      data: { tenantId: "woodgrove", userType: "Guest", createdVia: "seed", state: "archived" },
    });
    expect((await directory.get(system, "woodgrove", invited.id)).state).toBe("pendingAcceptance");
    expect((await directory.get(system, "woodgrove", odd.id)).state).toBe("blocked");
  });
});
