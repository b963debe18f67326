// What the portal's application page relies on, on a real database: an edit made from an older
// version is refused as `modified` and writes nothing (no audit either); the post-logout list is
// kept as given and checked with the provider's rule; an app role still assigned cannot be removed;
// the user-flow service moves an application from one flow to another, audited with the actor.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApplicationDirectoryStore, createUserFlowStore } from "../../../app/_lib/db";
import type { Actor } from "../../../app/_lib/directory";
import { createUserFlowService } from "../../../app/_lib/journeys";
import { createApplicationDirectory, type ApplicationDirectory } from "../../../app/_lib/oidc";
import { createTenantDirectory, loadTenantsConfig } from "../../../app/_lib/tenant";
import sourceMessages from "../../../messages/en.json";
import { createTestDatabase, testDatabaseProviders, type TestDatabase } from "../../helpers/database";

const ADMIN: Actor = { type: "administrator", id: "admin-1", role: "applicationAdministrator" };
const TENANT = "woodgrove";

describe.each(testDatabaseProviders())("editing an application from the portal on %s", (provider) => {
  let db: TestDatabase;
  let apps: ApplicationDirectory;
  beforeAll(async () => {
    db = await createTestDatabase(provider);
    apps = createApplicationDirectory({ store: createApplicationDirectoryStore(db.prisma), clock: { now: () => new Date() } });
  });
  afterAll(async () => {
    await db?.drop();
  });

  it("refuses a save made from an older version and writes nothing", async () => {
    const app = await apps.create(ADMIN, TENANT, {
      displayName: "Billing",
      web: { redirectUris: ["https://billing.example/cb"] },
    });
    await apps.update(ADMIN, TENANT, { id: app.id }, { displayName: "Billing 2" }, undefined, { ifVersion: app.version });
    const events = await db.prisma.auditEvent.count({ where: { targetId: app.appId } });
    await expect(
      apps.update(ADMIN, TENANT, { id: app.id }, { displayName: "Stale" }, undefined, { ifVersion: app.version }),
    ).rejects.toMatchObject({ code: "modified" });
    expect((await apps.get(ADMIN, TENANT, { id: app.id })).displayName).toBe("Billing 2");
    expect(await db.prisma.auditEvent.count({ where: { targetId: app.appId } })).toBe(events);
  });

  it("keeps the post-logout redirect URIs as given, checked with the provider's rule", async () => {
    const app = await apps.create(ADMIN, TENANT, {
      displayName: "Logout",
      web: { redirectUris: ["https://logout.example/cb"] },
      postLogoutRedirectUris: ["https://logout.example/", "http://127.0.0.1/bye"],
    });
    expect(app.postLogoutRedirectUris).toEqual(["https://logout.example/", "http://127.0.0.1/bye"]);
    await expect(
      apps.update(ADMIN, TENANT, { id: app.id }, { postLogoutRedirectUris: ["http://logout.example/"] }),
    ).rejects.toMatchObject({ code: "invalid", field: "postLogoutRedirectUris" });
  });

  it("refuses removing an app role a user holds, and removes it once unassigned", async () => {
    const roleId = randomUUID();
    const role = {
      id: roleId,
      value: "Reports.Read",
      displayName: "Reader",
      description: "",
      allowedMemberTypes: ["User" as const],
      isEnabled: false,
    };
    const app = await apps.create(ADMIN, TENANT, {
      displayName: "Reports",
      web: { redirectUris: ["https://reports.example/cb"] },
      appRoles: [role],
    });
    const guestId = randomUUID();
    await db.prisma.guest.create({ data: { id: guestId, tenantId: TENANT, userType: "Guest", createdVia: "seed" } });
    await db.prisma.appRoleAssignment.create({
      data: { id: randomUUID(), tenantId: TENANT, guestId, applicationId: app.id, appRoleId: roleId },
    });
    await expect(apps.update(ADMIN, TENANT, { id: app.id }, { appRoles: [] })).rejects.toThrow(/still assigned/);
    expect((await apps.get(ADMIN, TENANT, { id: app.id })).appRoles).toHaveLength(1);
    await db.prisma.appRoleAssignment.deleteMany({ where: { guestId } });
    await apps.update(ADMIN, TENANT, { id: app.id }, { appRoles: [] });
    expect((await apps.get(ADMIN, TENANT, { id: app.id })).appRoles).toEqual([]);
  });

  it("moves an application between user flows through the user-flow service, audited", async () => {
    const tenants = createTenantDirectory(loadTenantsConfig("tenants.json"));
    const flows = createUserFlowService({
      store: createUserFlowStore(db.prisma),
      tenants,
      sourceMessages,
      warn: () => undefined,
    });
    const system: Actor = { type: "system", name: "test" };
    const definition = (name: string) => ({ name, displayName: name, identityProviders: ["email"], attributes: [] });
    await flows.createFlow(system, TENANT, definition("first"));
    await flows.createFlow(system, TENANT, definition("second"));
    const clientId = randomUUID();
    await flows.assignApplication(ADMIN, TENANT, clientId, "first");
    await flows.assignApplication(ADMIN, TENANT, clientId, "second");
    expect((await flows.applicationFlows(ADMIN, TENANT, clientId)).current).toBe("second");
    expect((await flows.getFlow(system, TENANT, "first")).applications).toEqual([]);
    await flows.assignApplication(ADMIN, TENANT, clientId, null);
    expect((await flows.applicationFlows(ADMIN, TENANT, clientId)).current).toBeNull();
    const events = await db.prisma.auditEvent.findMany({
      where: { tenantId: TENANT, type: { startsWith: "userFlow.application" } },
      orderBy: { createdAt: "asc" },
    });
    // Two events of one transaction may share a timestamp: compared as a set.
    expect(events.map((e) => [e.type, e.targetId, e.actorId].join(" ")).sort()).toEqual(
      [
        ["userFlow.applicationAssigned", "first", "admin-1"],
        ["userFlow.applicationUnassigned", "first", "admin-1"],
        ["userFlow.applicationAssigned", "second", "admin-1"],
        ["userFlow.applicationUnassigned", "second", "admin-1"],
      ]
        .map((row) => row.join(" "))
        .sort(),
    );
    await expect(
      flows.assignApplication({ type: "administrator", id: "x", role: "guestInviter" }, TENANT, clientId, "first"),
    ).rejects.toMatchObject({ code: "forbidden" });
  });
});
