import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDirectoryStore } from "../../../app/_lib/db";
import { createDirectoryService } from "../../../app/_lib/directory";
import { createTestDatabase, testDatabaseProviders, type TestDatabase } from "../../helpers/database";

describe.each(testDatabaseProviders())("a page of 999 guests on %s", (provider) => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase(provider);
    const ids = Array.from({ length: 1001 }, (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, "0")}`);
    await db.prisma.guest.createMany({
      data: ids.map((id, i) => ({ id, tenantId: "t1", userType: "Guest", createdVia: "seed", displayName: `Guest ${i}` })),
    });
    await db.prisma.attributeValue.createMany({ data: ids.map((guestId) => ({ guestId, name: "city", value: '"Utrecht"' })) });
    await db.prisma.identity.createMany({
      data: ids.map((guestId, i) => ({ tenantId: "t1", guestId, issuer: "mail", subject: `g${i}@x.example`, provider: "email" })),
    });
  });
  afterAll(async () => {
    await db?.drop();
  });

  // An include sends every id of the page as one IN list, past SQLite's parameter limit.
  it("lists the largest page Graph allows with every guest's attributes and identities", async () => {
    const directory = createDirectoryService({
      store: createDirectoryStore(db.prisma),
      clock: { now: () => new Date() },
      cursorKey: randomBytes(32),
    });
    const first = await directory.list({ type: "system", name: "test" }, "t1", { top: 999 });
    expect(first.guests).toHaveLength(999);
    expect(first.guests.every((g) => g.attributes.city === "Utrecht")).toBe(true);
    const second = await directory.list({ type: "system", name: "test" }, "t1", { top: 999, cursor: first.nextCursor! });
    expect(second.guests).toHaveLength(2);
    expect(second.nextCursor).toBeUndefined();
  });
});
