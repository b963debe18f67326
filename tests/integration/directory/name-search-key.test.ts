// The guest search's name side runs on guests.searchName (NFC, lower-cased, written with every
// display name by the directory store) through its own index: a prefix in any case finds the name,
// accented capitals included, a renamed guest is found by the new name only, and a prefix that
// only appears later in the name finds nothing (startsWith, not contains).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDirectoryStore, searchKeyOf } from "../../../app/_lib/db";
import { createDirectoryService, type Actor, type DirectoryService } from "../../../app/_lib/directory";
import { createTestDatabase, testDatabaseProviders, type TestDatabase } from "../../helpers/database";

const system: Actor = { type: "system", name: "cli" };

describe.each(testDatabaseProviders())("the name search key on %s", (provider) => {
  let db: TestDatabase;
  let directory: DirectoryService;
  const tenant = `search-${provider}`;
  beforeAll(async () => {
    db = await createTestDatabase(provider);
    directory = createDirectoryService({
      store: createDirectoryStore(db.prisma),
      clock: { now: () => new Date() },
      cursorKey: new Uint8Array(32).fill(2),
    });
    // "E\u0301" is É decomposed (NFD): the key is NFC, so it meets the composed É typed in a search.
    for (const [i, displayName] of [
      "ÉLODIE Martin",
      "E\u0301mile Dubois",
      "Åsa Nilsson",
      "Karin Berg",
      "Bergström Karin",
    ].entries())
      await directory.createPending(system, tenant, { email: `s${i}@search.example`, displayName, createdVia: "admin" });
  });
  afterAll(async () => {
    await db?.drop();
  });

  const names = async (search: string) =>
    (await directory.list(system, tenant, { filter: { search } })).guests.map((g) => g.displayName).sort();

  it("stores the key beside the name", async () => {
    const rows = await db.prisma.guest.findMany({ where: { tenantId: tenant }, select: { displayName: true, searchName: true } });
    for (const row of rows) expect(row.searchName).toBe(searchKeyOf(row.displayName!));
    expect(searchKeyOf("E\u0301mile")).toBe("émile");
  });

  it("finds a name by a prefix in any case, accents included, and only by its start", async () => {
    expect(await names("élodie")).toEqual(["ÉLODIE Martin"]);
    expect(await names("ÉMI")).toEqual(["E\u0301mile Dubois"]);
    expect(await names("åSA n")).toEqual(["Åsa Nilsson"]);
    expect(await names("karin")).toEqual(["Karin Berg"]);
    expect(await names("berg")).toEqual(["Bergström Karin"]);
    expect(await names("Martin")).toEqual([]);
    // The e-mail side of the same search still answers.
    expect(await names("s3@search")).toEqual(["Karin Berg"]);
    expect(await directory.count(system, tenant, { search: "KARIN" })).toBe(1);
  });

  it("follows a rename", async () => {
    const [guest] = (await directory.list(system, tenant, { filter: { search: "karin b" } })).guests;
    await directory.updateAttributes(system, tenant, guest!.id, { values: {}, displayName: "Karin Lindqvist" });
    expect(await names("karin b")).toEqual([]);
    expect(await names("KARIN L")).toEqual(["Karin Lindqvist"]);
  });
});
