import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import type { Client, Config, TransactionMode } from "@libsql/client";
import { PrismaLibSql } from "@prisma/adapter-libsql";
import { PrismaPg } from "@prisma/adapter-pg";
// A generated client embeds its provider's query compiler and refuses other adapters, so there is
// one per provider (see prisma/sync-schemas.mjs). This folder is the only importer of either.
import { PrismaClient as SqlitePrismaClient } from "../../../prisma/generated/client/sqlite/client";
import { PrismaClient as PostgresPrismaClient } from "../../../prisma/generated/client/postgres/client";

/**
 * The app-wide client type is the SQLite client's: its API is (nearly) the subset both databases
 * support, so code that type-checks runs on either (e.g. no `mode: "insensitive"`).
 */
export type PrismaClient = SqlitePrismaClient;
export type DatabaseProvider = "sqlite" | "postgres";

export function databaseProvider(url: string): DatabaseProvider {
  if (url.startsWith("file:")) return "sqlite";
  if (/^postgres(ql)?:\/\//.test(url)) return "postgres";
  throw new Error("DATABASE_URL must be file:PATH (SQLite) or postgresql://… (PostgreSQL)");
}

/** Busy timeout for SQLite: another process (seed, migrate, a second server) may hold the write lock briefly. */
const SQLITE_BUSY_TIMEOUT_MS = 5_000;

/** `file:./x.db` → `file:/abs/x.db`, resolved against process.cwd() as Prisma's CLI does. */
export function sqliteFileUrl(url: string): string {
  // Query parameters are dropped: libsql rejects ones it does not know (Prisma-style `?connection_limit=`).
  const file = url.replace(/^file:/, "").split("?")[0]!;
  if (file === ":memory:") return "file::memory:";
  // turbopackIgnore: a path from configuration, not a file to trace into the server bundle
  return "file:" + path.resolve(/*turbopackIgnore: true*/ process.cwd(), file.replace(/^\/\/(?=\/)/, ""));
}

/** WAL lets readers run while one writer writes; the mode is stored in the file, so once is enough. */
class PrismaLibSqlWal extends PrismaLibSql {
  override createClient(config: Config): Client {
    const client = super.createClient(config);
    // The local client runs statements synchronously, so this is done before the first query.
    // It fails harmlessly for :memory: or while another connection holds a lock.
    client.execute("PRAGMA journal_mode = WAL").catch(() => {});
    // With WAL, NORMAL keeps the database consistent on a crash and only risks the last commits on
    // power loss; FULL would fsync on every commit, and the local libsql client blocks the event
    // loop while it does (docs/PERFORMANCE.md). A per-connection setting, so set on every client.
    client.execute("PRAGMA synchronous = NORMAL").catch(() => {});
    // The local client hands its connection to each interactive transaction and opens a new one on
    // its next statement (@libsql/client's sqlite3.js, `transaction()`): without this, every
    // connection after the first transaction ran with SQLite's default FULL and each commit waited
    // for an fsync on the event loop — ~4 ms a write under the journeys' load (docs/PERFORMANCE.md).
    // The connection a transaction takes already has NORMAL; the one opened next gets it here.
    const transaction = client.transaction.bind(client);
    client.transaction = async (mode?: TransactionMode) => {
      const tx = await transaction(mode);
      await client.execute("PRAGMA synchronous = NORMAL").catch(() => {});
      return tx;
    };
    return client;
  }
}

/**
 * `GUESTGATE_SQLITE_DRIVER=better-sqlite3` runs SQLite through `@prisma/adapter-better-sqlite3`
 * instead of libsql, for `tests/bench/sqlite-drivers.ts` to measure the two side by side. Not a
 * dependency (its install compiles SQLite from source, minutes here): the bench installs it with
 * `--no-save`. Loaded by name at run time so that no bundle needs it. Not for production: its one
 * connection runs other requests' statements inside an open interactive transaction
 * (docs/PERFORMANCE.md, "libsql or better-sqlite3").
 */
function betterSqliteAdapter(url: string): PrismaLibSql {
  const load = createRequire(path.join(/*turbopackIgnore: true*/ process.cwd(), "package.json"));
  const name = ["@prisma", "adapter-better-sqlite3"].join("/");
  const { PrismaBetterSqlite3 } = load(name) as { PrismaBetterSqlite3: new (config: object) => never };
  const adapter = new PrismaBetterSqlite3({ url: url.replace(/^file:/, ""), timeout: SQLITE_BUSY_TIMEOUT_MS });
  // Same settings as libsql's connections below: WAL, and NORMAL (no fsync per commit).
  const connect = (adapter as unknown as { connect(): Promise<{ executeScript(sql: string): Promise<void> }> }).connect;
  (adapter as unknown as { connect: typeof connect }).connect = async function (this: unknown) {
    const connection = await connect.call(this);
    await connection.executeScript("PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;").catch(() => {});
    return connection;
  };
  // The same factory interface (provider, adapterName, connect, connectToShadowDb) as libsql's.
  return adapter as unknown as PrismaLibSql;
}

const providers = new WeakMap<object, DatabaseProvider>();

/** `onQuery` sees every SQL statement Prisma sends, with its parameters (JSON): for query-plan tests. */
export interface PrismaClientOptions {
  onQuery?: (event: { query: string; params: string }) => void;
}

export function createPrismaClient(databaseUrl: string, options: PrismaClientOptions = {}): PrismaClient {
  const provider = databaseProvider(databaseUrl);
  const log = options.onQuery ? { log: [{ emit: "event" as const, level: "query" as const }] } : {};
  let client: PrismaClient;
  if (provider === "sqlite") {
    const url = sqliteFileUrl(databaseUrl);
    const adapter =
      process.env.GUESTGATE_SQLITE_DRIVER === "better-sqlite3"
        ? betterSqliteAdapter(url)
        : new PrismaLibSqlWal({ url, timeout: SQLITE_BUSY_TIMEOUT_MS });
    client = new SqlitePrismaClient({ adapter, ...log });
  } else {
    // `?schema=` is Prisma's convention, not libpq's: the adapter needs it for the tables it
    // names and the search_path needs it for raw SQL (e.g. _prisma_migrations).
    const u = new URL(databaseUrl);
    const schema = u.searchParams.get("schema") ?? undefined;
    u.searchParams.delete("schema");
    const adapter = new PrismaPg(
      { connectionString: u.toString(), ...(schema ? { options: `-c search_path="${schema.replace(/"/g, '""')}"` } : {}) },
      { schema },
    );
    // Same models, same API; only the generated types differ in postgres-only extras.
    client = new PostgresPrismaClient({ adapter, ...log }) as unknown as PrismaClient;
  }
  if (options.onQuery) {
    const listen = client.$on as unknown as (event: "query", listener: (e: { query: string; params: string }) => void) => void;
    listen.call(client, "query", options.onQuery);
  }
  providers.set(client, provider);
  return client;
}

/** The provider a client from createPrismaClient talks to. */
export function providerOf(prisma: PrismaClient): DatabaseProvider {
  const provider = providers.get(prisma);
  if (!provider) throw new Error("not a client made by createPrismaClient");
  return provider;
}

export interface Readiness {
  database: "ok" | "unreachable";
  migrations: "applied" | "pending";
}

/** Folder names in prisma/<provider>/migrations, i.e. the migration names Prisma records. */
function expectedMigrations(dir: string): string[] | undefined {
  try {
    return fs
      .readdirSync(dir, { withFileTypes: true })
      .filter((e) => e.isDirectory() && fs.existsSync(path.join(dir, e.name, "migration.sql")))
      .map((e) => e.name);
  } catch {
    return undefined;
  }
}

/**
 * For GET /api/ready. "pending" also covers what cannot be confirmed (no _prisma_migrations table,
 * a failed migration, a missing migrations folder): a probe should not pass on a guess.
 */
export async function checkReadiness(prisma: PrismaClient, options: { migrationsDir?: string } = {}): Promise<Readiness> {
  try {
    await prisma.$queryRawUnsafe("SELECT 1");
  } catch {
    return { database: "unreachable", migrations: "pending" };
  }
  const dir = options.migrationsDir ?? path.join(process.cwd(), "prisma", providerOf(prisma), "migrations");
  const expected = expectedMigrations(dir);
  if (!expected) return { database: "ok", migrations: "pending" };
  try {
    const rows = await prisma.$queryRawUnsafe<{ migration_name: string }[]>(
      "SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL",
    );
    const applied = new Set(rows.map((r) => r.migration_name));
    return { database: "ok", migrations: expected.every((name) => applied.has(name)) ? "applied" : "pending" };
  } catch {
    return { database: "ok", migrations: "pending" };
  }
}

/**
 * Prisma's error for a unique constraint violation (e.g. the identity triple already linked): P2002
 * from its model queries, P2010 with the driver adapter's kind from a raw statement.
 */
export function isUniqueViolation(error: unknown): boolean {
  if (typeof error !== "object" || error === null) return false;
  const { code, meta } = error as { code?: unknown; meta?: { driverAdapterError?: { cause?: { kind?: unknown } } } };
  return code === "P2002" || (code === "P2010" && meta?.driverAdapterError?.cause?.kind === "UniqueConstraintViolation");
}
