// The user-flow service's optimistic check for editors that showed a flow (the admin portal): an
// edit naming the `updatedAt` it read is written only while the stored flow is still that one; a
// stale one is `modified` and writes nothing, audit included. And who may read and write flows.
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createUserFlowStore } from "../../../app/_lib/db";
import type { AdministratorActor, SystemActor } from "../../../app/_lib/directory";
import { createUserFlowService, type UserFlowService } from "../../../app/_lib/journeys";
import { createTenantDirectory, loadTenantsConfig } from "../../../app/_lib/tenant";
import { createTestDatabase, testDatabaseProviders, type TestDatabase } from "../../helpers/database";

const tenants = createTenantDirectory(loadTenantsConfig("tenants.json"));
const sourceMessages = JSON.parse(readFileSync("messages/en.json", "utf8")) as Record<string, unknown>;
const OPERATOR: SystemActor = { type: "system", name: "test-operator" };
const admin = (role: AdministratorActor["role"]): AdministratorActor => ({ type: "administrator", id: `admin-${role}`, role });

describe.each(testDatabaseProviders())("user-flow edits with an expected version on %s", (provider) => {
  let db: TestDatabase;
  let flows: UserFlowService;
  beforeAll(async () => {
    db = await createTestDatabase(provider);
    flows = createUserFlowService({ store: createUserFlowStore(db.prisma), tenants, sourceMessages, warn: () => {} });
    await flows.createFlow(OPERATOR, "woodgrove", {
      name: "concurrency",
      displayName: "Concurrency",
      identityProviders: ["email"],
      attributes: [
        { name: "givenName", required: true },
        { name: "surname", required: true },
      ],
    });
  });
  afterAll(async () => {
    await db?.drop();
  });

  it("writes an edit made on the current version and refuses one made on an older version", async () => {
    const shown = await flows.getFlow(OPERATOR, "woodgrove", "concurrency");
    const editor = admin("globalAdministrator");
    const moved = await flows.setAttributeOrder(editor, "woodgrove", "concurrency", ["surname", "givenName"], {
      expectedUpdatedAt: shown.updatedAt,
    });
    expect(moved.definition.attributes!.map((a) => a.name)).toEqual(["surname", "givenName"]);
    const events = () => db.prisma.auditEvent.count({ where: { tenantId: "woodgrove", targetId: "concurrency" } });
    const before = await events();

    // A second editor still showing the first version.
    await expect(
      flows.removeAttribute(editor, "woodgrove", "concurrency", "givenName", { expectedUpdatedAt: shown.updatedAt }),
    ).rejects.toMatchObject({ name: "UserFlowEditError", code: "modified" });
    const after = await flows.getFlow(OPERATOR, "woodgrove", "concurrency");
    expect(after.definition.attributes!.map((a) => a.name)).toEqual(["surname", "givenName"]);
    expect(after.updatedAt).toEqual(moved.updatedAt);
    expect(await events()).toBe(before);
  });

  it("lets User and Application Administrators read flows, only a Global Administrator change them, a Guest Inviter neither", async () => {
    for (const role of ["userAdministrator", "applicationAdministrator", "directoryReader", "globalAdministrator"] as const)
      expect((await flows.getFlow(admin(role), "woodgrove", "concurrency")).name).toBe("concurrency");
    await expect(flows.getFlow(admin("guestInviter"), "woodgrove", "concurrency")).rejects.toMatchObject({
      name: "UserFlowPermissionError",
    });
    for (const role of ["userAdministrator", "applicationAdministrator", "directoryReader", "guestInviter"] as const)
      await expect(flows.removeAttribute(admin(role), "woodgrove", "concurrency", "surname")).rejects.toMatchObject({
        name: "UserFlowPermissionError",
      });
  });
});
