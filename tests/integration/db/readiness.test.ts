import { cp, mkdir, mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { checkReadiness, createPrismaClient, databaseProvider } from "../../../app/_lib/db";
import { createTestDatabase, migrateDeploy, testDatabaseProviders, type TestDatabase } from "../../helpers/database";

describe.each(testDatabaseProviders())("checkReadiness on %s", (provider) => {
  const dbs: TestDatabase[] = [];
  afterAll(async () => {
    await Promise.all(dbs.map((db) => db.drop()));
  });

  it("reports pending before migrate deploy and applied after", async () => {
    const db = await createTestDatabase(provider, { migrate: false });
    dbs.push(db);
    expect(await checkReadiness(db.prisma)).toEqual({ database: "ok", migrations: "pending" });
    await migrateDeploy(db.url);
    expect(await checkReadiness(db.prisma)).toEqual({ database: "ok", migrations: "applied" });
  });

  it("reports pending when the code has a migration the database lacks", async () => {
    const db = await createTestDatabase(provider);
    dbs.push(db);
    const dir = await mkdtemp(path.join(os.tmpdir(), "guestgate-migrations-"));
    try {
      await cp(path.join("prisma", provider, "migrations"), dir, { recursive: true });
      await mkdir(path.join(dir, "29990101000000_future"));
      await cp(path.join(dir, "migration_lock.toml"), path.join(dir, "29990101000000_future", "migration.sql"));
      expect(await checkReadiness(db.prisma, { migrationsDir: dir })).toEqual({ database: "ok", migrations: "pending" });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe("checkReadiness without a database", () => {
  it.each([
    ["sqlite", "file:/nonexistent-guestgate-dir/db.sqlite"],
    ["postgres", "postgresql://nobody@127.0.0.1:1/none"],
  ])("reports %s as unreachable", async (provider, url) => {
    expect(databaseProvider(url)).toBe(provider);
    const prisma = createPrismaClient(url);
    try {
      expect(await checkReadiness(prisma)).toEqual({ database: "unreachable", migrations: "pending" });
    } finally {
      await prisma.$disconnect().catch(() => {});
    }
  });
});
