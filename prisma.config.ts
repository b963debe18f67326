import path from "node:path";
import { defineConfig } from "prisma/config";

// Prisma 7 no longer reads .env itself; Node can (variables already set win).
try {
  process.loadEnvFile();
} catch {}

// No telemetry/update check (checkpoint.prisma.io): the CLI's only other network call.
process.env.CHECKPOINT_DISABLE ??= "1";

// Offline schema engine (see prisma/engine/schema-engine.mjs), so migrate/db commands never try
// to download `schema-engine` from binaries.prisma.sh. Child processes inherit it.
process.env.PRISMA_SCHEMA_ENGINE_BINARY ??= path.join(import.meta.dirname, "prisma/engine/schema-engine.mjs");

// One model source, two providers: DATABASE_URL picks the schema and its migrations folder.
// The default is the same as app/_lib/env.ts: a SQLite file, zero setup. Its .data/ directory is
// created by the engine's create-database (`db:deploy` / `db:migrate` on a fresh clone).
const url = process.env.DATABASE_URL || "file:./.data/guestgate.db";
const provider = url.startsWith("file:") ? "sqlite" : "postgres";

export default defineConfig({
  schema: `prisma/${provider}/schema.prisma`,
  migrations: { path: `prisma/${provider}/migrations`, seed: "tsx prisma/seed.ts" },
  datasource: { url },
});
