// Whether another request's write survives a concurrent interactive transaction's rollback, on the
// SQLite adapter GUESTGATE_SQLITE_DRIVER picks (app/_lib/db/client.ts). libsql gives a transaction
// its own connection, so the other write stays; @prisma/adapter-better-sqlite3 7.10 runs everything
// on one connection (its mutex orders transactions only), so the other write runs inside the open
// transaction, reports success, and is rolled back with it (docs/PERFORMANCE.md, "libsql or
// better-sqlite3"). Exits 1 when the write is lost.
//   npx tsx tests/bench/sqlite-isolation.ts
//   GUESTGATE_SQLITE_DRIVER=better-sqlite3 npx tsx tests/bench/sqlite-isolation.ts   (install: tests/bench/sqlite-drivers.ts)
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { createPrismaClient } from "../../app/_lib/db";

const driver = process.env.GUESTGATE_SQLITE_DRIVER ?? "libsql";
const tmp = mkdtempSync(path.join(os.tmpdir(), "guestgate-isolation-"));
const prisma = createPrismaClient(`file:${path.join(tmp, "i.db")}`);
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
try {
  await prisma.$executeRawUnsafe("CREATE TABLE t (v TEXT)");
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  const transaction = prisma
    .$transaction(async (tx) => {
      await tx.$executeRawUnsafe("INSERT INTO t VALUES ('inside')");
      await gate; // e.g. a journey step's transaction waiting on its next statement
      throw new Error("rolled back");
    })
    .catch((error: Error) => error.message);
  await pause(50);
  const other = prisma.$executeRawUnsafe("INSERT INTO t VALUES ('outside')").then(
    () => "reported success",
    (error: Error) => `failed (${error.message.slice(0, 60)})`,
  );
  await pause(50);
  release();
  const outcome = `transaction: ${await transaction}; other write: ${await other}`;
  const rows = await prisma.$queryRawUnsafe<{ v: string }[]>("SELECT v FROM t");
  const kept = rows.some((row) => row.v === "outside");
  console.log(`${driver}: ${outcome}; after the rollback the other write is ${kept ? "kept" : "LOST"}`);
  process.exitCode = kept ? 0 : 1;
} finally {
  await prisma.$disconnect();
  rmSync(tmp, { recursive: true, force: true });
}
