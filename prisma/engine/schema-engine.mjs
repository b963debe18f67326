#!/usr/bin/env node
// Offline stand-in for Prisma's native `schema-engine` binary.
//
// Why: prisma 7 downloads `schema-engine` from binaries.prisma.sh on first use of migrate/db
// commands; that host is unreachable from air-gapped installs (and from our CI). The CLI honours
// PRISMA_SCHEMA_ENGINE_BINARY (prisma.config.ts points it here), and the `prisma` package already
// ships the WebAssembly build of the same engine. This script speaks the native binary's command
// line and JSON-RPC (one JSON object per line on stdin/stdout) and runs that WASM engine on Prisma
// driver adapters: @prisma/adapter-libsql for `file:` URLs, @prisma/adapter-pg for postgres URLs.
// Each workaround for an engine/adapter gap is marked "Workaround:"; after a Prisma upgrade run
// prisma/engine/regress.sh to see which are still needed.
//
// Debug: SCHEMA_ENGINE_SHIM_TRACE=/tmp/shim.log appends every RPC call and SQL statement.
import fs from "node:fs";
import path from "node:path";
import readline from "node:readline";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const TRACE = process.env.SCHEMA_ENGINE_SHIM_TRACE;
const trace = (line) => TRACE && fs.appendFileSync(TRACE, `${(performance.now() / 1000).toFixed(2)} ${line}\n`);

// ---------------------------------------------------------------- arguments (native flags)
const argv = process.argv.slice(2);
const datamodelPaths = [];
let datasource;
for (let i = 0; i < argv.length; i++) {
  const a = argv[i];
  if (a === "--datamodels") {
    while (argv[i + 1] && !argv[i + 1].startsWith("--")) datamodelPaths.push(argv[++i]);
  } else if (a === "--datasource") datasource = JSON.parse(argv[++i]);
  else if (a === "--enabled-preview-features" || a === "--extension-types") i++; // meaningless to the wasm engine
}

// ---------------------------------------------------------------- wasm engine
async function loadWasmEngine() {
  const glue = await import("@prisma/schema-engine-wasm/schema_engine_bg");
  // Prefer the wasm inside the installed prisma CLI (the engine that CLI was released with), else
  // the glue package's own; take the first whose imports the glue satisfies.
  const candidates = [];
  try {
    candidates.push(path.join(path.dirname(require.resolve("prisma/package.json")), "build", "schema_engine_bg.wasm"));
  } catch {}
  candidates.push(
    path.join(path.dirname(require.resolve("@prisma/schema-engine-wasm/schema_engine_bg")), "schema_engine_bg.wasm"),
  );
  for (const file of candidates) {
    if (!fs.existsSync(file)) continue;
    const mod = new WebAssembly.Module(fs.readFileSync(file));
    if (!WebAssembly.Module.imports(mod).every((imp) => typeof glue[imp.name] === "function")) continue;
    const instance = new WebAssembly.Instance(mod, { "./schema_engine_bg.js": glue });
    glue.__wbg_set_wasm(instance.exports);
    instance.exports.__wbindgen_start();
    return glue;
  }
  throw new Error("schema-engine shim: no schema_engine_bg.wasm compatible with @prisma/schema-engine-wasm found");
}

if (argv.includes("--version") || argv.includes("-V")) {
  const glue = await loadWasmEngine();
  process.stdout.write(`schema-engine-cli ${glue.version?.() ?? "unknown"} (wasm shim)\n`);
  process.exit(0);
}

// ---------------------------------------------------------------- URLs
const isSqliteUrl = (url) => url?.startsWith("file:");
const sqliteFile = (url) => {
  const file = url.replace(/^file:/, "").split("?")[0];
  // the native engine resolves relative paths against its cwd (the CLI sets it); so do we
  return file === ":memory:" || path.isAbsolute(file) ? file : path.resolve(process.cwd(), file);
};
const pgConfig = (url) => {
  // pg-connection-string is pg's own parser; resolve it through pg so hoisting does not matter
  const parse = createRequire(require.resolve("pg"))("pg-connection-string").parse;
  const c = parse(url);
  const schema = new URL(url).searchParams.get("schema") ?? undefined;
  // Discrete fields, never `connectionString`: pg lets connectionString override `database`, which
  // would silently point a shadow-database pool at the main database.
  // Workaround: the adapter ignores `?schema=`; make it the search_path, as the native engine
  // does (migration SQL is unqualified).
  return {
    cfg: {
      host: c.host,
      port: c.port ? Number(c.port) : undefined,
      user: c.user,
      password: c.password,
      database: c.database || "postgres",
      ssl: c.ssl,
      ...(schema ? { options: `-c search_path="${schema.replace(/"/g, '""')}"` } : {}),
    },
    schema,
  };
};

// ---------------------------------------------------------------- one-shot `cli <command>`
const cliIdx = argv.indexOf("cli");
if (cliIdx !== -1) {
  const command = argv[cliIdx + 1];
  const fail = (code, message) => {
    // the CLI skips the first stderr line and parses the rest as JSON log lines
    process.stderr.write(
      JSON.stringify({ level: "INFO", fields: { message: `schema-engine shim: ${command}` }, target: "schema_engine::logger" }) +
        "\n",
    );
    process.stderr.write(
      JSON.stringify({ level: "ERROR", fields: { error_code: code, message }, target: "schema_engine::logger" }) + "\n",
    );
    process.exit(1);
  };
  try {
    await runCliCommand(command, datasource?.url, fail);
    process.exit(0);
  } catch (e) {
    fail("P1000", e?.message ?? String(e));
  }
}

async function runCliCommand(command, url, fail) {
  if (!url) return fail("P1012", "datasource url is empty");
  if (isSqliteUrl(url)) {
    const file = sqliteFile(url);
    if (command === "can-connect-to-database") {
      if (file !== ":memory:" && !fs.existsSync(file))
        fail("P1003", `Database \`${path.basename(file)}\` does not exist at \`${file}\``);
      return;
    }
    if (command === "create-database") {
      // the default DATABASE_URL points into .data/, which a fresh clone does not have
      fs.mkdirSync(path.dirname(file), { recursive: true });
      return fs.writeFileSync(file, "", { flag: "a" }); // an empty file is an empty SQLite database
    }
    if (command === "drop-database") return fs.rmSync(file, { force: true });
  } else {
    const pg = require("pg");
    const { cfg } = pgConfig(url);
    const run = async (database, sql) => {
      const client = new pg.Client({ ...cfg, database });
      await client.connect();
      try {
        if (sql) await client.query(sql);
      } finally {
        await client.end();
      }
    };
    const q = (id) => '"' + id.replace(/"/g, '""') + '"';
    const where = `${cfg.host}:${cfg.port ?? 5432}`;
    try {
      if (command === "can-connect-to-database") return await run(cfg.database);
      if (command === "create-database") return await run("postgres", `CREATE DATABASE ${q(cfg.database)}`);
      if (command === "drop-database") return await run("postgres", `DROP DATABASE IF EXISTS ${q(cfg.database)}`);
    } catch (e) {
      if (e.code === "3D000")
        return fail("P1003", `Database \`${cfg.database}\` does not exist on the database server at \`${where}\`.`);
      if (e.code === "28P01" || e.code === "28000")
        return fail("P1000", `Authentication failed against database server at \`${where}\`: ${e.message}`);
      if (["ECONNREFUSED", "ENOTFOUND", "ETIMEDOUT"].includes(e.code))
        return fail("P1001", `Can't reach database server at \`${where}\``);
      throw e;
    }
  }
  fail("P1000", `schema-engine shim: unknown cli command "${command}"`);
}

// ---------------------------------------------------------------- driver adapters
async function sqliteFactory(url, shadowUrl) {
  const file = url ? sqliteFile(url) : ":memory:";
  const { PrismaLibSql } = await import("@prisma/adapter-libsql");
  // busy timeout: a running app may hold a write lock for a moment while we migrate
  const base = new PrismaLibSql({ url: file === ":memory:" ? ":memory:" : "file:" + file, timeout: 10_000 });
  // Workaround: libsql's execute() silently runs only the first statement of a multi-statement
  // string, and the wasm engine replays whole migration scripts into the shadow database with
  // executeRaw(). Send parameterless multi-statement SQL through executeScript() instead.
  const multiStatement = (adapter) => {
    const executeRaw = adapter.executeRaw.bind(adapter);
    adapter.executeRaw = async (query) => {
      if (!query.args?.length && /;\s*\S/.test(query.sql.replace(/--[^\n]*/g, ""))) {
        await adapter.executeScript(query.sql);
        return 0;
      }
      return executeRaw(query);
    };
    return adapter;
  };
  // Workaround: libsql always makes the shadow database `:memory:`; honour shadowDatabaseUrl.
  const shadow = shadowUrl ? new PrismaLibSql({ url: "file:" + sqliteFile(shadowUrl) }) : base;
  let mainAdapter = null; // the engine's live connection
  return {
    provider: base.provider,
    adapterName: base.adapterName,
    async connect() {
      const adapter = multiStatement(await base.connect());
      const dispose = adapter.dispose.bind(adapter);
      adapter.dispose = async () => {
        if (mainAdapter === adapter) mainAdapter = null;
        return dispose();
      };
      return (mainAdapter = adapter);
    },
    connectToShadowDb: async () => multiStatement(shadowUrl ? await shadow.connect() : await base.connectToShadowDb()),
    disposeMain: async () => mainAdapter?.dispose(),
    // Workaround: the wasm engine's SQLite reset only DELETEs rows (it cannot touch the file), so
    // re-applying migrations fails with 'table "X" already exists'. Do what the native engine does:
    // release the exclusive lock, truncate the file, re-take the lock - on the engine's own
    // connection, which holds the database with locking_mode=EXCLUSIVE.
    async reset() {
      const own = mainAdapter === null;
      const adapter = mainAdapter ?? (await base.connect());
      const pragma = (sql) => adapter.queryRaw({ sql, args: [], argTypes: [] });
      try {
        await pragma("PRAGMA main.locking_mode=NORMAL");
        // The app runs SQLite in WAL mode. Leave it first (checkpoints and removes -wal) so that
        // no connection keeps writing to a -wal that belongs to the old file.
        await pragma("PRAGMA main.journal_mode=DELETE");
        await pragma("PRAGMA main.quick_check"); // a read actually releases the lock
        if (file !== ":memory:") fs.truncateSync(file, 0);
        if (!own) await pragma("PRAGMA main.locking_mode=EXCLUSIVE");
      } finally {
        if (own) await adapter.dispose();
      }
    },
  };
}

async function postgresFactory(url, shadowUrl) {
  const { PrismaPg } = await import("@prisma/adapter-pg");
  const pg = require("pg");
  // Workaround: the engine's catalog queries return columns of PostgreSQL's internal type "char"
  // (OID 18, e.g. pg_class.relkind), which @prisma/adapter-pg 7.10 cannot map ("Column type 'char'
  // could not be deserialized"). Report them as text (OID 25).
  const fixFields = (res) => {
    for (const r of Array.isArray(res) ? res : [res]) for (const f of r?.fields ?? []) if (f.dataTypeID === 18) f.dataTypeID = 25;
    return res;
  };
  const patchClient = (client) => {
    const query = client.query.bind(client);
    client.query = (...args) => {
      const cb = args[args.length - 1];
      if (typeof cb === "function") {
        args[args.length - 1] = (err, res) => cb(err, err ? res : fixFields(res));
        return query(...args);
      }
      const out = query(...args);
      return out && typeof out.then === "function" ? out.then(fixFields) : out;
    };
  };
  const connectTo = ({ cfg, schema }) => {
    const pool = new pg.Pool(cfg);
    pool.on("connect", patchClient);
    return new PrismaPg(pool, { schema, disposeExternalPool: true }).connect();
  };
  const main = url ? pgConfig(url) : { cfg: {}, schema: undefined };
  const admin = async (sql) => {
    const client = new pg.Client(main.cfg);
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  const shadowAdapters = new Set();
  const mainAdapters = new Set(); // closed on engine restart: they may hold Migrate's advisory lock
  return {
    provider: "postgres",
    adapterName: "@prisma/adapter-pg",
    async connect() {
      const adapter = await connectTo(main);
      const dispose = adapter.dispose.bind(adapter);
      adapter.dispose = async () => {
        mainAdapters.delete(adapter);
        return dispose();
      };
      mainAdapters.add(adapter);
      return adapter;
    },
    disposeMain: async () => {
      for (const adapter of [...mainAdapters]) await adapter.dispose();
    },
    // Workaround: like PrismaPg.connectToShadowDb() (a temporary database), but the pool is closed
    // *before* DROP DATABASE (upstream drops first: "database ... is being accessed by other users").
    async connectToShadowDb() {
      if (shadowUrl) return connectTo(pgConfig(shadowUrl));
      const name = `prisma_migrate_shadow_db_${globalThis.crypto.randomUUID()}`;
      await admin(`CREATE DATABASE "${name}"`);
      const adapter = await connectTo({ cfg: { ...main.cfg, database: name }, schema: main.schema });
      const dispose = adapter.dispose.bind(adapter);
      let disposed = false;
      adapter.dispose = async () => {
        if (disposed) return;
        disposed = true;
        shadowAdapters.delete(adapter);
        await dispose();
        await admin(`DROP DATABASE IF EXISTS "${name}"`);
      };
      shadowAdapters.add(adapter);
      return adapter;
    },
    // drop temporary shadow databases the engine left behind (e.g. after an error)
    disposeShadows: async () => {
      for (const adapter of [...shadowAdapters]) await adapter.dispose().catch(() => {});
    },
  };
}

function withTrace(factory) {
  if (!TRACE) return factory;
  const wrap = (kind, adapter) => {
    for (const m of ["queryRaw", "executeRaw", "executeScript"]) {
      const fn = adapter[m].bind(adapter);
      adapter[m] = (q) => (trace(`[${kind}.${m}] ${typeof q === "string" ? q : q.sql}`), fn(q));
    }
    return adapter;
  };
  return {
    ...factory,
    connect: async () => wrap("main", await factory.connect()),
    connectToShadowDb: async () => wrap("shadow", await factory.connectToShadowDb()),
  };
}

// ---------------------------------------------------------------- JSON-RPC server
// Workaround: nothing may kill the process before the CLI has its answer - the prisma CLI treats a
// schema engine that exits without answering as success (`migrate deploy` printed "2 migrations
// found" and exited 0 when @prisma/schema-engine-wasm was missing). A setup failure is kept and
// returned as the error of every request instead.
let rawFactory = null;
let adapterFactory = null;
let engine = null;
let engineInitError = null;
let newEngine = null;
try {
  const schemas = datamodelPaths.map((p) => [p, fs.readFileSync(p, "utf8")]);
  const url = datasource?.url;
  const schemaProvider = schemas
    .map(([, c]) => /datasource\s+\w+\s*\{[^}]*?provider\s*=\s*"([^"]+)"/m.exec(c)?.[1])
    .find(Boolean);
  const provider = schemaProvider ?? (url && !isSqliteUrl(url) ? "postgresql" : "sqlite");
  if (!["sqlite", "postgresql", "postgres"].includes(provider)) {
    throw new Error(`schema-engine shim: provider "${provider}" is not supported (sqlite, postgresql)`);
  }
  if (url && isSqliteUrl(url) !== (provider === "sqlite")) {
    throw new Error(`schema-engine shim: DATABASE_URL does not fit the schema's provider "${provider}"`);
  }
  rawFactory =
    provider === "sqlite"
      ? await sqliteFactory(url, datasource?.shadowDatabaseUrl)
      : await postgresFactory(url, datasource?.shadowDatabaseUrl);
  const { bindMigrationAwareSqlAdapterFactory } = await import("@prisma/driver-adapter-utils");
  adapterFactory = bindMigrationAwareSqlAdapterFactory(withTrace(rawFactory));
  const glue = await loadWasmEngine();
  newEngine = () =>
    glue.SchemaEngine.new(
      { datamodels: schemas.length ? schemas : undefined },
      (line) => process.stderr.write(line.endsWith("\n") ? line : line + "\n"),
      adapterFactory,
    );
  // the wasm engine connects while it is constructed, so an unreachable database also lands here
  engine = await newEngine();
} catch (e) {
  engineInitError = e;
}

const log = (message) => {
  trace(`[shim] ${message}`);
  process.stderr.write(JSON.stringify({ level: "INFO", fields: { message }, target: "schema_engine_shim" }) + "\n");
};
const noFilters = { externalTables: [], externalEnums: [] };

async function callEngine(method, params) {
  if (method === "getDatabaseVersion") method = "version";
  if (engineInitError) throw engineInitError;
  if (method === "reset" && rawFactory.reset) return void (await rawFactory.reset());
  if (typeof engine[method] !== "function")
    throw new Error(`schema-engine shim: "${method}" is not implemented by the wasm schema engine`);
  try {
    return await engine[method](params);
  } catch (err) {
    const message = err?.message ?? "";
    // Workaround: when evaluateDataLoss must replay the migration history (e.g. `migrate dev` after
    // `migrate dev --create-only`) the wasm engine has no shadow database ("shadow DB must be
    // provided through an external factory"). A fresh instance primed by devDiagnostic on the same
    // migrations (which does use the shadow database) answers it. Close the old instance's
    // connections first: on PostgreSQL they hold Migrate's advisory lock (~10 s wait otherwise).
    if (/shadow DB must be provided through an external factory/.test(message)) {
      log(`schema-engine shim: restarting the wasm engine and retrying ${method}`);
      try {
        engine.free();
      } catch {}
      await rawFactory.disposeMain?.();
      engine = await newEngine();
      if (params?.migrationsList)
        await engine.devDiagnostic({ migrationsList: params.migrationsList, filters: params.filters ?? noFilters });
      return await engine[method](params);
    }
    // Workaround: on a database without `_prisma_migrations`, devDiagnostic and
    // diagnoseMigrationHistory fail (P1014; libsql reports the raw SQLite error) where the native
    // engine means "no migrations yet". Create the empty table as `migrate deploy` would, retry.
    const missingMigrationsTable = err?.code === "P1014" || /no such table: _prisma_migrations/.test(message);
    if (missingMigrationsTable && params?.migrationsList && ["devDiagnostic", "diagnoseMigrationHistory"].includes(method)) {
      log(`schema-engine shim: creating the missing _prisma_migrations table and retrying ${method}`);
      await engine.applyMigrations({
        migrationsList: { ...params.migrationsList, migrationDirectories: [] },
        filters: params.filters ?? noFilters,
      });
      return await engine[method](params);
    }
    throw err;
  }
}

function toRpcError(err) {
  let message = err?.message ?? String(err);
  // driver adapter errors surface as "External error id#N": resolve them via the error registry
  message = message.replace(/External error id#(\d+)/g, (m, id) => {
    const e = adapterFactory?.errorRegistry?.consumeError?.(Number(id))?.error;
    return e ? `${m}: ${e.name ?? "Error"}: ${e.cause?.message ?? e.message ?? JSON.stringify(e)}` : m;
  });
  return {
    code: 4466,
    message: "An error happened. Check the data field for details.",
    data: { is_panic: err instanceof WebAssembly.RuntimeError, message, error_code: err?.code, meta: err?.meta ?? {} },
  };
}

// Workaround: the native engine prints `migrate diff` output by sending a JSON-RPC "print" request
// to the CLI; the wasm engine returns it as `stdout`, which the CLI ignores. Forward it natively.
const pendingPrints = new Map();
let nextPrintId = 1_000_000_000;
const printViaCli = (content) =>
  new Promise((resolve) => {
    const id = nextPrintId++;
    pendingPrints.set(id, resolve);
    process.stdout.write(JSON.stringify({ jsonrpc: "2.0", id, method: "print", params: { content } }) + "\n");
  });

const rl = readline.createInterface({ input: process.stdin, crlfDelay: Infinity });
let queue = Promise.resolve();
rl.on("line", (line) => {
  if (!line.trim()) return;
  const msg = JSON.parse(line);
  if (!msg.method && pendingPrints.has(msg.id)) {
    pendingPrints.get(msg.id)();
    return void pendingPrints.delete(msg.id);
  }
  queue = queue.then(async () => {
    trace(`[rpc] ${msg.method}`);
    let response;
    try {
      let result = await callEngine(msg.method, msg.params ?? {});
      if (msg.method === "diff" && typeof result?.stdout === "string") {
        if (result.stdout.length) await printViaCli(result.stdout.replace(/\n$/, ""));
        result = { ...result, stdout: null };
      }
      response = { jsonrpc: "2.0", id: msg.id, result: result ?? null };
    } catch (err) {
      response = { jsonrpc: "2.0", id: msg.id, error: toRpcError(err) };
    }
    process.stdout.write(JSON.stringify(response) + "\n");
  });
});
rl.on("close", () =>
  queue.then(async () => {
    try {
      engine?.free();
    } catch {}
    try {
      await rawFactory?.disposeShadows?.();
      await rawFactory?.disposeMain?.();
    } catch {}
    process.exit(0);
  }),
);
