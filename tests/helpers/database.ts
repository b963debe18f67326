// Fresh, migrated databases for integration tests: a temp SQLite file always, and a throwaway
// PostgreSQL schema when TEST_DATABASE_URL points at a server (CI). Migrations go through the real
// CLI (`prisma migrate deploy` with the offline engine), so tests also prove the deploy path.
import { execFile } from "node:child_process";
import { cp, mkdir, mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import pg from "pg";
import { createPrismaClient, type DatabaseProvider, type PrismaClient } from "../../app/_lib/db";

const repoRoot = fileURLToPath(new URL("../..", import.meta.url));
const prismaCli = path.join(path.dirname(createRequire(import.meta.url).resolve("prisma/package.json")), "build/index.js");

export interface TestDatabase {
  url: string;
  prisma: PrismaClient;
  /** Disconnects and deletes the database (file or schema). */
  drop(): Promise<void>;
}

export function testDatabaseProviders(): DatabaseProvider[] {
  return process.env.TEST_DATABASE_URL ? ["sqlite", "postgres"] : ["sqlite"];
}

/** `prisma migrate deploy` against url, from the repo root (prisma.config.ts picks the provider). */
export async function migrateDeploy(url: string): Promise<void> {
  try {
    await promisify(execFile)(process.execPath, [prismaCli, "migrate", "deploy"], {
      cwd: repoRoot,
      env: { ...process.env, DATABASE_URL: url },
    });
  } catch (error) {
    const e = error as { stdout?: string; stderr?: string; message: string };
    throw new Error(`prisma migrate deploy failed for ${url}:\n${e.stdout ?? ""}${e.stderr ?? e.message}`);
  }
}

export async function createTestDatabase(provider: DatabaseProvider, options: { migrate?: boolean } = {}): Promise<TestDatabase> {
  const dir = provider === "sqlite" ? await mkdtemp(path.join(os.tmpdir(), "guestgate-test-")) : undefined;
  const url = dir ? `file:${path.join(dir, "test.db")}` : postgresUrl();
  if (options.migrate !== false) await migrateDeploy(url);
  const prisma = createPrismaClient(url);
  return {
    url,
    prisma,
    async drop() {
      await prisma.$disconnect();
      if (dir) await rm(dir, { recursive: true, force: true });
      else await dropSchema(url);
    },
  };
}

function postgresUrl(): string {
  const base = process.env.TEST_DATABASE_URL;
  if (!base) throw new Error("TEST_DATABASE_URL is not set");
  // a schema per database keeps parallel test files and runs apart without CREATEDB rights
  const u = new URL(base);
  u.searchParams.set("schema", `gg_test_${crypto.randomUUID().replace(/-/g, "").slice(0, 12)}`);
  return u.toString();
}

async function dropSchema(url: string): Promise<void> {
  const u = new URL(url);
  const schema = u.searchParams.get("schema")!;
  u.searchParams.delete("schema");
  const client = new pg.Client({ connectionString: u.toString() });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  } finally {
    await client.end();
  }
}

/**
 * `prisma migrate deploy` of the migrations up to and including the one named `last` (e.g.
 * "journeys" for 20261121072400_journeys) only: a database as an
 * older release left it, so a test can fill it with rows and check what the newer migrations do
 * to them. The copy's migration folders are byte-identical, so a later migrateDeploy(url) from the
 * repo applies just the rest.
 */
export async function migrateDeployUpTo(url: string, last: string): Promise<void> {
  const provider = url.startsWith("file:") ? "sqlite" : "postgres";
  const source = path.join(repoRoot, "prisma", provider, "migrations");
  const names = (await readdir(source)).sort();
  // Folder names differ per provider only in their timestamps: `last` is the name after it.
  const until = names.find((n) => n.replace(/^\d+_/, "") === last);
  if (!until) throw new Error(`no migration named ${last} in ${source}`);
  const dir = await mkdtemp(path.join(os.tmpdir(), "guestgate-migrations-"));
  try {
    await mkdir(path.join(dir, "migrations"));
    await cp(path.join(source, "migration_lock.toml"), path.join(dir, "migrations", "migration_lock.toml"));
    for (const name of names.filter((n) => n !== "migration_lock.toml" && n <= until))
      await cp(path.join(source, name), path.join(dir, "migrations", name), { recursive: true });
    await cp(path.join(repoRoot, "prisma", provider, "schema.prisma"), path.join(dir, "schema.prisma"));
    await writeFile(
      path.join(dir, "prisma.config.mjs"),
      `export default ${JSON.stringify({ schema: "schema.prisma", migrations: { path: "migrations" }, datasource: { url } })};\n`,
    );
    await promisify(execFile)(process.execPath, [prismaCli, "migrate", "deploy", "--config", "prisma.config.mjs"], {
      cwd: dir,
      env: {
        ...process.env,
        DATABASE_URL: url,
        CHECKPOINT_DISABLE: "1",
        PRISMA_SCHEMA_ENGINE_BINARY: path.join(repoRoot, "prisma/engine/schema-engine.mjs"),
      },
    });
  } catch (error) {
    const e = error as { stdout?: string; stderr?: string; message: string };
    throw new Error(`prisma migrate deploy up to ${last} failed for ${url}:\n${e.stdout ?? ""}${e.stderr ?? e.message}`);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** A fresh database (as createTestDatabase) migrated only up to `last`. */
export async function createTestDatabaseAt(provider: DatabaseProvider, last: string): Promise<TestDatabase> {
  const db = await createTestDatabase(provider, { migrate: false });
  await migrateDeployUpTo(db.url, last);
  return db;
}
