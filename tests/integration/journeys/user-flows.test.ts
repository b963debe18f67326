import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createUserFlowStore, type PrismaClient } from "../../../app/_lib/db";
import type { SystemActor } from "../../../app/_lib/directory";
import { ConfigError } from "../../../app/_lib/errors";
import { createUserFlowService, parseUserFlowsFile, type UserFlow, type UserFlowService } from "../../../app/_lib/journeys";
import { createTenantDirectory, loadTenantsConfig, type Tenant } from "../../../app/_lib/tenant";
import { DEMO_USER_FLOWS_DIR, demoClientId, seedDemoUserFlows } from "../../../prisma/seed";
import { createTestDatabase, testDatabaseProviders, type TestDatabase } from "../../helpers/database";

const config = loadTenantsConfig("tenants.json");
const tenants = createTenantDirectory(config);
const sourceMessages: unknown = JSON.parse(readFileSync("messages/en.json", "utf8"));
const demoFileText = (slug: string) => readFileSync(path.join(DEMO_USER_FLOWS_DIR, `${slug}.json`), "utf8");
function demoFlow(slug: string): UserFlow {
  const result = parseUserFlowsFile(demoFileText(slug), tenants.find(slug)!, { sourceMessages });
  if (!result.ok) throw result.error;
  return result.userFlows[0]!;
}
const tsx = path.join(path.dirname(createRequire(import.meta.url).resolve("tsx/package.json")), "dist/cli.mjs");

const APP_1 = "11111111-1111-4111-8111-111111111111";
const APP_2 = "22222222-2222-4222-8222-222222222222";
const APP_3 = "33333333-3333-4333-8333-333333333333";

const flow = (name: string, applications: string[], extra: Record<string, unknown> = {}) => ({
  name,
  displayName: `Flow ${name}`,
  identityProviders: ["email"],
  attributes: [{ name: "givenName", required: true }],
  applications,
  ...extra,
});
const file = (...flows: object[]) => JSON.stringify({ userFlows: flows }, null, 2);

const OPERATOR: SystemActor = { type: "system", name: "test-operator" };
function createUserFlows(prisma: PrismaClient, options: { tenants: { find(slug: string): Tenant | undefined } }) {
  const warnings: string[] = [];
  const service = createUserFlowService({
    store: createUserFlowStore(prisma),
    tenants: options.tenants,
    sourceMessages: sourceMessages as Record<string, unknown>,
    warn: (message) => warnings.push(message),
  });
  return Object.assign(service, { warnings });
}
/** The flow an app starts, or undefined when none is (or none can be). */
async function flowOf(service: UserFlowService, tenantId: string, clientId: string): Promise<UserFlow | undefined> {
  const lookup = await service.flowFor(tenantId, clientId);
  return lookup.status === "assigned" ? lookup.flow : undefined;
}

describe.each(testDatabaseProviders())("user flows on %s", (provider) => {
  let db: TestDatabase;
  let userFlows: ReturnType<typeof createUserFlows>;
  beforeAll(async () => {
    db = await createTestDatabase(provider);
    userFlows = createUserFlows(db.prisma, { tenants });
  });
  afterAll(async () => {
    await db?.drop();
  });

  const assignments = (tenantId: string) =>
    db.prisma.userFlowApplication.findMany({
      where: { tenantId },
      select: { clientId: true, userFlow: { select: { name: true } } },
      orderBy: { clientId: "asc" },
    });

  it("imports the demo flows; flowFor returns the parsed flow for each of its apps", async () => {
    const result = await userFlows.importFile(OPERATOR, "woodgrove", demoFileText("woodgrove"));
    const expected = demoFlow("woodgrove");
    expect(result).toEqual({
      tenantId: "woodgrove",
      flows: [
        { name: "signup-signin", displayName: expected.displayName, applications: [...expected.applications], change: "created" },
      ],
      withoutApplications: [],
    });
    for (const clientId of expected.applications) expect(await flowOf(userFlows, "woodgrove", clientId)).toEqual(expected);
    expect(await flowOf(userFlows, "woodgrove", APP_1)).toBeUndefined();
    // the same client id in another tenant is not assigned
    expect(await flowOf(userFlows, "sparbanken", expected.applications[0]!)).toBeUndefined();

    const [stored] = await userFlows.list(OPERATOR, "woodgrove");
    expect(stored).toMatchObject({ name: "signup-signin", displayName: expected.displayName, tenantId: "woodgrove" });
    expect(stored!.applications).toEqual([...expected.applications].sort());
    // stored as written in the file, defaults not filled in
    expect(stored!.definition).toEqual(JSON.parse(demoFileText("woodgrove")).userFlows[0]);
  });

  it("is idempotent: importing the same file again changes nothing", async () => {
    const text = file(flow("idem-one", [APP_1]), flow("idem-two", [APP_2, APP_3]));
    await userFlows.importFile(OPERATOR, "sparbanken", text);
    const before = await db.prisma.userFlow.findMany({ where: { tenantId: "sparbanken" }, orderBy: { name: "asc" } });

    const again = await userFlows.importFile(OPERATOR, "sparbanken", text);

    expect(again.flows.map((f) => [f.name, f.change])).toEqual([
      ["idem-one", "unchanged"],
      ["idem-two", "unchanged"],
    ]);
    expect(await db.prisma.userFlow.findMany({ where: { tenantId: "sparbanken" }, orderBy: { name: "asc" } })).toEqual(before);
    expect((await assignments("sparbanken")).map((a) => [a.clientId, a.userFlow.name])).toEqual([
      [APP_1, "idem-one"],
      [APP_2, "idem-two"],
      [APP_3, "idem-two"],
    ]);
  });

  it("replaces the tenant's app assignments with the file's; flows left out keep no apps", async () => {
    const tenant = "woodgrove";
    await userFlows.importFile(OPERATOR, tenant, file(flow("moving-a", [APP_1, APP_2])));
    expect((await flowOf(userFlows, tenant, APP_2))?.name).toBe("moving-a");

    const moved = await userFlows.importFile(OPERATOR, tenant, file(flow("moving-a", [APP_1]), flow("moving-b", [APP_2])));
    expect(moved.flows.map((f) => [f.name, f.change])).toEqual([
      ["moving-a", "updated"],
      ["moving-b", "created"],
    ]);
    expect((await flowOf(userFlows, tenant, APP_1))?.name).toBe("moving-a");
    expect((await flowOf(userFlows, tenant, APP_2))?.name).toBe("moving-b");

    const onlyB = await userFlows.importFile(
      OPERATOR,
      tenant,
      file(flow("moving-b", [APP_2, APP_3], { displayName: "B, renamed" })),
    );
    expect(onlyB.withoutApplications).toEqual(["moving-a", "signup-signin"]);
    expect(await flowOf(userFlows, tenant, APP_1)).toBeUndefined();
    expect((await flowOf(userFlows, tenant, APP_3))?.displayName).toBe("B, renamed");
    expect((await assignments(tenant)).map((a) => [a.clientId, a.userFlow.name])).toEqual([
      [APP_2, "moving-b"],
      [APP_3, "moving-b"],
    ]);
    const listed = await userFlows.list(OPERATOR, tenant);
    expect(listed.map((f) => [f.name, f.applications])).toEqual([
      ["moving-a", []],
      ["moving-b", [APP_2, APP_3]],
      ["signup-signin", []],
    ]);
  });

  it("rejects a file that assigns an app to two flows, and stores nothing of it", async () => {
    const tenant = "woodgrove";
    const before = await assignments(tenant);
    const flowsBefore = await db.prisma.userFlow.count({ where: { tenantId: tenant } });

    const error = await userFlows
      .importFile(OPERATOR, tenant, file(flow("twice-a", [APP_1]), flow("twice-b", [APP_3, APP_1])))
      .catch((e: unknown) => e);

    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems.join("\n")).toMatch(
      /userFlows\[1\]\.applications\[1\].*already assigned to user flow "twice-a"/,
    );
    expect(await assignments(tenant)).toEqual(before);
    expect(await db.prisma.userFlow.count({ where: { tenantId: tenant } })).toBe(flowsBefore);
  });

  it("rejects what does not fit the tenant, and unknown tenants", async () => {
    await expect(userFlows.importFile(OPERATOR, "woodgrove", "{ not json")).rejects.toThrow(/is not JSON/);
    await expect(
      userFlows.importFile(OPERATOR, "woodgrove", file(flow("with-google", [APP_1], { identityProviders: ["google"] }))),
    ).rejects.toThrow(/"google" is not an identity provider of tenant woodgrove/);
    // override keys are checked against messages/en.json
    await expect(
      userFlows.importFile(
        OPERATOR,
        "woodgrove",
        file(flow("bad-override", [APP_1], { overrides: { en: { "no.such.key": "x" } } })),
      ),
    ).rejects.toBeInstanceOf(ConfigError);
    await expect(userFlows.importFile(OPERATOR, "contoso", file(flow("anything", [])))).rejects.toThrow(/no tenant "contoso"/);
    expect(await db.prisma.userFlow.count({ where: { name: { in: ["with-google", "bad-override", "anything"] } } })).toBe(0);
  });

  it("checks a stored flow again when it is read: one that no longer fits its tenant is unavailable, and said once", async () => {
    await userFlows.importFile(OPERATOR, "woodgrove", file(flow("fits-now", [APP_1])));
    const woodgrove = tenants.find("woodgrove")!;
    const changed: Tenant = {
      ...woodgrove,
      identityProviders: [{ kind: "google", id: "google" } as Tenant["identityProviders"][number]],
    };
    const afterConfigChange = createUserFlows(db.prisma, {
      tenants: { find: (slug) => (slug === "woodgrove" ? changed : undefined) },
    });

    // A request path: no ConfigError, an answer the journey and the token endpoint can act on.
    expect(await afterConfigChange.flowFor("woodgrove", APP_1)).toEqual({ status: "unavailable" });
    expect(await afterConfigChange.flowFor("woodgrove", APP_1)).toEqual({ status: "unavailable" });
    expect(afterConfigChange.warnings).toEqual([
      `user flow "fits-now" of woodgrove no longer fits the tenants file: import it again`,
    ]);
    expect(await afterConfigChange.flowFor("woodgrove", APP_2)).toEqual({ status: "none" });
    expect(await afterConfigChange.flowFor("sparbanken", APP_1)).toEqual({ status: "none" });
  });

  it("seeds the demo flows for the demo apps once, and leaves a tenant with flows alone", async () => {
    const fresh = await createTestDatabase(provider);
    try {
      const repo = createUserFlows(fresh.prisma, { tenants });
      const first = await seedDemoUserFlows(fresh.prisma, config.tenants);
      expect(first.imported.map((i) => [i.tenant, i.flows])).toEqual([
        ["woodgrove", ["signup-signin"]],
        ["sparbanken", ["signup-signin"]],
      ]);
      for (const slug of ["woodgrove", "sparbanken"] as const) {
        // the demo files name exactly the seed's demo client ids
        const apps = [demoClientId(slug, "public"), demoClientId(slug, "confidential")];
        expect(demoFlow(slug).applications).toEqual(apps);
        for (const clientId of apps) expect(await flowOf(repo, slug, clientId)).toEqual(demoFlow(slug));
      }

      expect(await seedDemoUserFlows(fresh.prisma, config.tenants)).toEqual({ imported: [] });
      await repo.importFile(OPERATOR, "woodgrove", file(flow("operator-flow", [demoClientId("woodgrove", "public")])));
      await seedDemoUserFlows(fresh.prisma, config.tenants);
      expect((await flowOf(repo, "woodgrove", demoClientId("woodgrove", "public")))?.name).toBe("operator-flow");
    } finally {
      await fresh.drop();
    }
  });

  // Several CLI processes in a row: each starts tsx, which is slow on a loaded machine.
  it("npm run guestgate -- userflows import / list", { timeout: 180_000 }, async () => {
    const fresh = await createTestDatabase(provider);
    const dir = await mkdtemp(path.join(os.tmpdir(), "guestgate-userflows-"));
    const cli = async (...args: string[]) => {
      try {
        const { stdout, stderr } = await promisify(execFile)(process.execPath, [tsx, "app/_cli/main.ts", ...args], {
          env: { ...process.env, DATABASE_URL: fresh.url, NODE_ENV: "development" },
        });
        return { code: 0, stdout, stderr };
      } catch (error) {
        const e = error as { code: number; stdout: string; stderr: string };
        return { code: e.code, stdout: e.stdout, stderr: e.stderr };
      }
    };
    try {
      const good = path.join(dir, "flows.json");
      await writeFile(good, file(flow("cli-flow", [APP_1, APP_2])));
      const imported = await cli("userflows", "import", "--tenant", "woodgrove", "--file", good);
      expect(imported.code).toBe(0);
      expect(imported.stdout).toContain("imported 1 user flow(s) into woodgrove");
      expect(imported.stdout).toMatch(/cli-flow\s+created\s+Flow cli-flow/);
      expect(imported.stdout).toContain(`apps: ${APP_1} ${APP_2}`);
      // no application is registered in this database: the import works and says so
      expect(imported.stdout).toContain(`warning: ${APP_1} is not a registered application of woodgrove`);

      const again = await cli("userflows", "import", "--tenant", "woodgrove", "--file", good);
      expect(again.stdout).toMatch(/cli-flow\s+unchanged/);
      // each import is audited with the CLI as its actor, names only
      const audited = await fresh.prisma.auditEvent.findMany({
        where: { type: "userFlows.imported" },
        orderBy: { createdAt: "asc" },
      });
      expect(audited).toMatchObject([
        { tenantId: "woodgrove", actorType: "system", actorId: "cli", targetType: "userFlows", targetId: "woodgrove" },
        { tenantId: "woodgrove", actorType: "system", actorId: "cli" },
      ]);
      expect(JSON.parse(audited[0]!.data)).toMatchObject({ created: ["cli-flow"], applications: [APP_1, APP_2] });
      expect(JSON.parse(audited[1]!.data)).toMatchObject({ created: [], unchanged: ["cli-flow"] });

      const listed = await cli("userflows", "list", "--tenant", "woodgrove");
      expect(listed.code).toBe(0);
      expect(listed.stdout).toMatch(/cli-flow\s+Flow cli-flow/);
      expect(listed.stdout).toContain(`apps:    ${APP_1} ${APP_2}`);
      expect((await cli("userflows", "list", "--tenant", "sparbanken")).stdout).toContain("no user flows in sparbanken");

      const bad = path.join(dir, "bad.json");
      await writeFile(bad, file(flow("a-flow", [APP_1]), flow("b-flow", [APP_1])));
      const rejected = await cli("userflows", "import", "--tenant", "woodgrove", "--file", bad);
      expect(rejected.code).toBe(1);
      expect(rejected.stderr).toContain("already assigned to user flow");
      expect((await cli("userflows", "import", "--tenant", "woodgrove")).stderr).toContain("--file FILE is required");
      expect((await cli("userflows", "import", "--tenant", "nope", "--file", good)).stderr).toContain('no tenant "nope"');
      expect((await cli("userflows", "import", "--tenant", "woodgrove", "--file", path.join(dir, "missing.json"))).code).toBe(1);
      expect((await cli("userflows", "remove", "--tenant", "woodgrove")).stderr).toContain(
        "userflows import --tenant SLUG --file FILE",
      );
      expect(await fresh.prisma.userFlow.count()).toBe(1);
      // a rejected import stores nothing, its audit event included
      expect(await fresh.prisma.auditEvent.count({ where: { type: "userFlows.imported" } })).toBe(2);
    } finally {
      await rm(dir, { recursive: true, force: true });
      await fresh.drop();
    }
  });
});
