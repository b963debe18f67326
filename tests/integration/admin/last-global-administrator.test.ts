// The last Global Administrator stays, also under concurrency: two Global Administrators removing
// each other's role (or each their own) at the same instant. Each removal counts the others in its
// own transaction; without a lock both counts can see the other still there on PostgreSQL (READ
// COMMITTED), both delete, and the tenant is left without anyone who can assign roles. Several
// rounds, since a race shows only sometimes.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDirectoryRoleService, type DirectoryRoleService } from "../../../app/_lib/admin";
import { createDirectoryRoleAdminStore } from "../../../app/_lib/db";
import type { AdministratorActor } from "../../../app/_lib/directory";
import { createTestDatabase, testDatabaseProviders, type TestDatabase } from "../../helpers/database";

const TENANT = "woodgrove";
const ROUNDS = 12;

describe.each(testDatabaseProviders())("removing Global Administrators at the same moment on %s", (provider) => {
  let db: TestDatabase;
  let roles: DirectoryRoleService;
  beforeAll(async () => {
    db = await createTestDatabase(provider);
    roles = createDirectoryRoleService({ store: createDirectoryRoleAdminStore(db.prisma), newId: () => randomUUID() });
  });
  afterAll(async () => {
    await db?.drop();
  });

  /** A fresh tenant state: exactly these two active Members hold Global Administrator. */
  async function twoGlobalAdministrators(round: number) {
    await db.prisma.directoryRoleAssignment.deleteMany({ where: { tenantId: TENANT } });
    const ids = [randomUUID(), randomUUID()];
    for (const [index, id] of ids.entries()) {
      await db.prisma.guest.create({
        data: { id, tenantId: TENANT, userType: "Member", createdVia: "seed", email: `ga-${round}-${index}@woodgrove.example` },
      });
      await db.prisma.directoryRoleAssignment.create({ data: { tenantId: TENANT, guestId: id, role: "globalAdministrator" } });
    }
    const actors = ids.map((id): AdministratorActor => ({ type: "administrator", id, role: "globalAdministrator" }));
    return { ids, actors };
  }

  const remaining = () => db.prisma.directoryRoleAssignment.count({ where: { tenantId: TENANT, role: "globalAdministrator" } });

  /** Both at once; returns how many went through. The other must be refused as the last one, not fail otherwise. */
  async function race(removals: Promise<void>[]) {
    const outcomes = await Promise.allSettled(removals);
    for (const outcome of outcomes)
      if (outcome.status === "rejected")
        expect(outcome.reason).toMatchObject({ name: "RoleChangeError", code: "lastGlobalAdministrator" });
    return outcomes.filter((o) => o.status === "fulfilled").length;
  }

  it("lets one of two who remove each other through, and refuses the other", async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const { ids, actors } = await twoGlobalAdministrators(round);
      const done = await race([
        roles.remove(actors[0]!, TENANT, ids[1]!, "globalAdministrator"),
        roles.remove(actors[1]!, TENANT, ids[0]!, "globalAdministrator"),
      ]);
      expect({ round, done, remaining: await remaining() }).toEqual({ round, done: 1, remaining: 1 });
      expect(
        await db.prisma.auditEvent.count({ where: { tenantId: TENANT, type: "directoryRole.removed", targetId: { in: ids } } }),
      ).toBe(1);
    }
  });

  it("lets one of two who each remove their own role through, and refuses the other", async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const { ids, actors } = await twoGlobalAdministrators(ROUNDS + round);
      const done = await race([
        roles.remove(actors[0]!, TENANT, ids[0]!, "globalAdministrator"),
        roles.remove(actors[1]!, TENANT, ids[1]!, "globalAdministrator"),
      ]);
      expect({ round, done, remaining: await remaining() }).toEqual({ round, done: 1, remaining: 1 });
    }
  });
});
