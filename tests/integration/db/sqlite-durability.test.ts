// SQLite's settings hold on every connection the local libsql client opens: WAL, and
// synchronous = NORMAL (durable across crashes; a commit does not wait for fsync). The client hands
// its connection to each interactive transaction and opens a new one for the next statement, so a
// setting made once at start-up would be lost after the first transaction (docs/PERFORMANCE.md).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../helpers/database";

// PRAGMA synchronous: 0 OFF, 1 NORMAL, 2 FULL, 3 EXTRA.
const NORMAL = 1;

describe("SQLite connections", () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase("sqlite");
  });
  afterAll(async () => {
    await db?.drop();
  });

  const synchronous = async (run: (sql: string) => Promise<unknown>) =>
    Number(((await run("PRAGMA synchronous")) as { synchronous: number | bigint }[])[0]!.synchronous);

  it("run in WAL mode with synchronous = NORMAL, before and after interactive transactions", async () => {
    const mode = (await db.prisma.$queryRawUnsafe("PRAGMA journal_mode")) as { journal_mode: string }[];
    expect(mode[0]!.journal_mode).toBe("wal");
    expect(await synchronous((sql) => db.prisma.$queryRawUnsafe(sql))).toBe(NORMAL);
    for (let i = 0; i < 3; i++) {
      // Each transaction takes the client's connection; the statements after it run on a new one.
      const inside = await db.prisma.$transaction((tx) => synchronous((sql) => tx.$queryRawUnsafe(sql)));
      expect(inside).toBe(NORMAL);
      expect(await synchronous((sql) => db.prisma.$queryRawUnsafe(sql))).toBe(NORMAL);
    }
  });
});
