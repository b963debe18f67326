#!/usr/bin/env node
// CI guard: exits non-zero when a provider's migrations folder does not produce its schema, i.e.
// someone changed prisma/models.prisma without creating a migration for that provider.
// SQLite needs no server (the shadow database is in memory), so it is always checked. PostgreSQL
// replays the migrations into a temporary database, so it needs a server: DATABASE_URL when that
// is a postgres URL, else TEST_DATABASE_URL. Without one it is skipped with a warning, or fails
// with --require-postgres (use that in CI).
import { execFileSync } from "node:child_process";
import { createRequire } from "node:module";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");
const prismaCli = path.join(path.dirname(createRequire(import.meta.url).resolve("prisma/package.json")), "build/index.js");
const isPg = (url) => /^postgres(ql)?:\/\//.test(url ?? "");
const pgUrl = [process.env.DATABASE_URL, process.env.TEST_DATABASE_URL].find(isPg);

// ":memory:" so the check never creates a database file (nor needs .data/ to exist)
const targets = [["sqlite", "file::memory:"]];
if (pgUrl) targets.push(["postgres", pgUrl]);

let failed = false;
for (const [dir, url] of targets) {
  try {
    execFileSync(
      process.execPath,
      [
        prismaCli,
        "migrate",
        "diff",
        "--from-migrations",
        `prisma/${dir}/migrations`,
        "--to-schema",
        `prisma/${dir}/schema.prisma`,
        "--script",
        "--exit-code",
      ],
      { cwd: root, stdio: ["ignore", "inherit", "inherit"], env: { ...process.env, DATABASE_URL: url } },
    );
    console.log(`ok: prisma/${dir}/migrations produces prisma/${dir}/schema.prisma`);
  } catch (e) {
    // --exit-code: 2 = there is a difference (printed above), anything else = the check itself broke
    console.error(
      `FAIL: prisma/${dir}/migrations ${e.status === 2 ? "does not produce" : "could not be checked against"} prisma/${dir}/schema.prisma (exit ${e.status}); run npm run db:migrate with DATABASE_URL set for ${dir}`,
    );
    failed = true;
  }
}
if (!pgUrl) {
  const message = "postgres not checked: set TEST_DATABASE_URL (or DATABASE_URL) to a PostgreSQL server";
  if (process.argv.includes("--require-postgres")) {
    console.error(`FAIL: ${message}`);
    failed = true;
  } else console.warn(`warning: ${message}`);
}
process.exit(failed ? 1 : 0);
