import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadTenantsConfig } from "../../../app/_lib/tenant";
import { DEMO_REDIRECT_URI, demoClientId, seed, seedDemoApplications } from "../../../prisma/seed";
import { testDatabaseProviders } from "../../helpers/database";
import { createTestDatabase, type TestDatabase } from "../../helpers/database";

describe.each(testDatabaseProviders())("demo applications in the seed on %s", (provider) => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase(provider);
  });
  afterAll(async () => {
    await db?.drop();
  });

  it("registers a public and a confidential client per tenant with fixed ids, once", async () => {
    const { tenants } = loadTenantsConfig("tenants.json");
    const first = await seedDemoApplications(db.prisma, tenants);
    expect(first.created).toHaveLength(tenants.length * 2);
    expect(demoClientId("woodgrove", "public")).toBe("540a2eb4-526c-545d-b702-1caab8d4a622");
    expect(demoClientId("woodgrove", "confidential")).toBe("cc504114-0f48-5f9d-a10c-49c8d35e0eac");
    const confidential = first.created.find((c) => c.tenant === "woodgrove" && c.type === "confidential")!;
    expect(confidential.secret).toMatch(/^[\w-]{43}$/);
    const rows = await db.prisma.application.findMany({ where: { tenantId: "woodgrove" }, include: { secrets: true } });
    expect(rows.map((r) => [r.clientId, r.clientType, JSON.parse(r.redirectUris)]).sort()).toEqual(
      [
        [demoClientId("woodgrove", "public"), "public", [DEMO_REDIRECT_URI]],
        [demoClientId("woodgrove", "confidential"), "confidential", [DEMO_REDIRECT_URI]],
      ].sort(),
    );
    expect(JSON.stringify(rows)).not.toContain(confidential.secret!);

    expect((await seedDemoApplications(db.prisma, tenants)).created).toEqual([]);
    expect(await db.prisma.application.count()).toBe(tenants.length * 2);
    // The directory seed is untouched by the demo applications.
    expect(await seed(db.prisma, tenants)).toEqual({
      created: tenants.reduce((n, t) => n + new Set(t.administrators.map((a) => a.email)).size, 0),
    });
  });

  it("uses the configured demo secret, for every tenant, instead of printing one", async () => {
    const tenants = [
      { slug: "contoso", displayName: "Contoso" },
      { slug: "fabrikam", displayName: "Fabrikam" },
    ];
    const result = await seedDemoApplications(db.prisma, tenants, { confidentialSecret: "s".repeat(40) });
    expect(result.created.map((c) => c.secret)).toEqual([undefined, undefined, undefined, undefined]);
  });
});
