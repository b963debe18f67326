// The guest list's name search reads guests.searchName (its own index), never displayName: a guest
// written with a name but without the key is invisible to the search. The directory store writes
// the key beside every name; this holds the places that write guests straight to the table (seed
// scripts, benchmarks, test fixtures) to the same rule, and runs the 100k seed's code on both
// databases to see its rows found by the key.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { searchKeyOf } from "../../../app/_lib/db";
import { seedGuests } from "../../bench/seed-guests";
import { createTestDatabase, testDatabaseProviders, type TestDatabase } from "../../helpers/database";

const ROOTS = ["app", "prisma", "tests"];
const SKIP = new Set(["node_modules", "generated", ".next"]);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return SKIP.has(entry.name) ? [] : sourceFiles(full);
    return /\.tsx?$/.test(entry.name) && !entry.name.endsWith(".test.ts") ? [full] : [];
  });
}

/** The argument text of each `.guest.create(…)`, `.createMany(…)` or `.upsert(…)` call, by balanced parentheses. */
function guestWrites(source: string): string[] {
  const calls: string[] = [];
  for (const match of source.matchAll(/\.guest\.(?:create|createMany|upsert)\(/g)) {
    let depth = 1;
    let at = match.index + match[0].length;
    while (depth > 0 && at < source.length) {
      if (source[at] === "(") depth++;
      else if (source[at] === ")") depth--;
      at++;
    }
    calls.push(source.slice(match.index, at));
  }
  return calls;
}

describe("guests written with a display name", () => {
  it("carry the name search's key wherever code writes the guests table directly", () => {
    const offenders: string[] = [];
    let seen = 0;
    for (const file of ROOTS.flatMap((root) => sourceFiles(root)))
      for (const call of guestWrites(readFileSync(file, "utf8"))) {
        seen++;
        if (/\bdisplayName\b/.test(call) && !/searchName/.test(call)) offenders.push(`${file}: ${call.slice(0, 80)}…`);
      }
    // The scan finds the writes it is about (the directory store's, the seeds', the fixtures').
    expect(seen).toBeGreaterThan(4);
    expect(offenders).toEqual([]);
  });
});

describe.each(testDatabaseProviders())("the 100k seed's rows on %s", (provider) => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase(provider);
  });
  afterAll(async () => {
    await db?.drop();
  });

  it("all have the search key of their name, so the list's search finds them", async () => {
    await seedGuests(db.prisma, { tenantId: "woodgrove", count: 300, runId: "t" });
    const rows = await db.prisma.guest.findMany({
      where: { tenantId: "woodgrove" },
      select: { displayName: true, searchName: true },
    });
    expect(rows).toHaveLength(300);
    for (const row of rows) expect(row.searchName).toBe(searchKeyOf(row.displayName));
    // "Chloé …" by a lower-case prefix of its key, as the portal's search asks.
    expect(await db.prisma.guest.count({ where: { tenantId: "woodgrove", searchName: { startsWith: "chloé" } } })).toBe(25);
  });
});
