// The journey-kinds migration on a database that already holds journeys: every migration before it
// is applied as shipped, a sign-up journey is written the old way (interactionId required, no
// redirectUrl), then the migration runs and the journey reads back as a sign-up journey that
// completes its interaction — on SQLite (which rebuilds the table) and PostgreSQL (which alters it).
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { createJourneyRepository } from "../../../app/_lib/db";
import { createTestDatabase, testDatabaseProviders, type TestDatabase } from "../../helpers/database";

const MIGRATION = "20261201214900_journey_kinds";

/** A migration file's statements, in order (they are plain DDL/DML, one per `;` at a line end). */
async function statements(provider: string, name: string): Promise<string[]> {
  const sql = await readFile(path.join("prisma", provider, "migrations", name, "migration.sql"), "utf8");
  return sql
    .split(/;\s*$/m)
    .map((part) => part.replace(/^\s*--.*$/gm, "").trim())
    .filter(Boolean);
}

describe.each(testDatabaseProviders())("the journey-kinds migration on %s", (provider) => {
  let db: TestDatabase | undefined;
  afterEach(async () => {
    await db?.drop();
  });

  it("keeps the journeys that exist, as sign-up journeys completing their interaction", async () => {
    db = await createTestDatabase(provider, { migrate: false });
    const dir = provider === "sqlite" ? "sqlite" : "postgres";
    const names = (await readdir(path.join("prisma", dir, "migrations"))).filter((n) => /^\d{14}_/.test(n)).sort();
    expect(names).toContain(MIGRATION);
    const run = async (name: string) => {
      for (const statement of await statements(dir, name)) await db!.prisma.$executeRawUnsafe(statement);
    };
    // what `migrate deploy` does first on PostgreSQL: the test's own schema (the client's search_path)
    const schema = provider === "postgres" ? new URL(db.url).searchParams.get("schema") : null;
    if (schema) await db.prisma.$executeRawUnsafe(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
    for (const name of names.slice(0, names.indexOf(MIGRATION))) await run(name);

    const expiresAt = new Date(Date.now() + 600_000);
    await db.prisma.$executeRawUnsafe(
      `INSERT INTO "journeys" ("id", "tenantId", "state", "version", "interactionId", "clientId", "flowId", "locale", "bindingHash", "ui", "internal", "expiresAt", "createdAt", "updatedAt")
       VALUES ('old-journey-0000000000001', 'woodgrove', 'enterCode', 3, 'interaction-from-before', 'client-1', 'signup-signin', 'nl', 'hash', '{"messages":[],"fieldErrors":{},"values":{},"email":"a@example.nl"}', '{"federatingWith":"email"}', $1, $2, $2)`,
      expiresAt,
      new Date(),
    );
    await run(MIGRATION);

    const journey = await createJourneyRepository(db.prisma).find("old-journey-0000000000001");
    expect(journey).toMatchObject({
      kind: "signup",
      state: "enterCode",
      version: 3,
      completion: { type: "interaction", interactionId: "interaction-from-before" },
      clientId: "client-1",
      ui: { email: "a@example.nl" },
      internal: { federatingWith: "email" },
    });
    expect(journey!.expiresAt.getTime()).toBe(expiresAt.getTime());
    // and the new shape: no interaction, a redirect path
    await db.prisma.journey.update({
      where: { id: "old-journey-0000000000001" },
      data: { kind: "profile", interactionId: null, redirectUrl: "/woodgrove/account" },
    });
    expect((await createJourneyRepository(db.prisma).find("old-journey-0000000000001"))!.completion).toEqual({
      type: "redirect",
      url: "/woodgrove/account",
    });
  });
});
