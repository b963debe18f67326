import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadTenantsConfig } from "../../../app/_lib/tenant";
import type { AdministratorRole } from "../../../app/_lib/directory";
import { seed } from "../../../prisma/seed";
import { createTestDatabase, testDatabaseProviders, type TestDatabase } from "../../helpers/database";

describe.each(testDatabaseProviders())("seed on %s", (provider) => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase(provider);
  });
  afterAll(async () => {
    await db?.drop();
  });

  const admin = (email: string, role: AdministratorRole = "globalAdministrator") => ({ email, role });
  const rows = () =>
    db.prisma.guest.findMany({
      select: { id: true, tenantId: true, email: true, userType: true, createdVia: true },
      orderBy: [{ tenantId: "asc" }, { email: "asc" }],
    });

  it("creates one Member per administrator e-mail, and nothing on a second run", async () => {
    const tenants = [
      {
        slug: "woodgrove",
        administrators: [
          admin("Admin@Woodgrove.example"),
          admin("admin@woodgrove.example", "userAdministrator"),
          admin("ops@woodgrove.example", "directoryReader"),
        ],
      },
      { slug: "sparbanken", administrators: [admin("admin@woodgrove.example")] },
    ];
    expect(await seed(db.prisma, tenants)).toEqual({ created: 3 });
    const first = await rows();
    expect(first.map((g) => [g.tenantId, g.email, g.userType, g.createdVia])).toEqual([
      ["sparbanken", "admin@woodgrove.example", "Member", "seed"],
      ["woodgrove", "admin@woodgrove.example", "Member", "seed"],
      ["woodgrove", "ops@woodgrove.example", "Member", "seed"],
    ]);

    // each Member's creation is audited with the seed as its actor, the address not copied
    const events = await db.prisma.auditEvent.findMany({
      where: { type: "guest.created", targetId: { in: first.map((g) => g.id) } },
    });
    expect(events.map((e) => [e.actorType, e.actorId, e.data]).sort()).toEqual(
      Array.from({ length: 3 }, () => ["system", "seed", JSON.stringify({ createdVia: "seed", userType: "Member" })]),
    );

    // each Member holds its configured directory role; for a repeated address the first entry wins
    const roles = await db.prisma.directoryRoleAssignment.findMany({
      select: { tenantId: true, guest: { select: { email: true } }, role: true },
    });
    expect(roles.map((r) => [r.tenantId, r.guest.email, r.role]).sort()).toEqual([
      ["sparbanken", "admin@woodgrove.example", "globalAdministrator"],
      ["woodgrove", "admin@woodgrove.example", "globalAdministrator"],
      ["woodgrove", "ops@woodgrove.example", "directoryReader"],
    ]);

    expect(await seed(db.prisma, tenants)).toEqual({ created: 0 });
    expect(await rows()).toEqual(first);
    expect(await db.prisma.directoryRoleAssignment.count()).toBe(3);
    expect(await db.prisma.auditEvent.count({ where: { type: "guest.created", targetId: { in: first.map((g) => g.id) } } })).toBe(
      3,
    );
  });

  it("never promotes a guest who registered with an administrator's e-mail", async () => {
    const guest = await db.prisma.guest.create({
      data: { tenantId: "contoso", userType: "Guest", createdVia: "selfServiceSignUp", email: "boss@contoso.example" },
    });
    await seed(db.prisma, [{ slug: "contoso", administrators: [admin("boss@contoso.example")] }]);
    expect((await db.prisma.guest.findUniqueOrThrow({ where: { id: guest.id } })).userType).toBe("Guest");
    expect(await db.prisma.guest.count({ where: { tenantId: "contoso", userType: "Member" } })).toBe(1);
  });

  it("accepts the tenants config as loaded from the file", async () => {
    const config = loadTenantsConfig("tenants.json");
    await seed(db.prisma, config.tenants);
    await seed(db.prisma, config.tenants);
    for (const tenant of config.tenants) {
      const emails = [...new Set(tenant.administrators.map((a) => a.email.toLowerCase()))];
      const members = await db.prisma.guest.findMany({
        where: { tenantId: tenant.slug, userType: "Member", email: { in: emails } },
      });
      expect(members.map((m) => m.email).sort()).toEqual(emails.sort());
    }
  });
});
