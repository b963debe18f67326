// The admin portal's guest list over a small and a large directory: the same directory verbs the
// page calls (list with its filter, sort and key-set cursor; count), timed on a fresh migrated
// database with 100 and with 100,000 seeded guests. Prints a table (medians of --runs) and JSON.
//
//   npx tsx tests/bench/guests-list.ts                      # SQLite
//   TEST_DATABASE_URL=postgresql://postgres@127.0.0.1:5432/bench_x npx tsx tests/bench/guests-list.ts --postgres
import { randomBytes } from "node:crypto";
import { parseArgs } from "node:util";
import { createDirectoryStore } from "../../app/_lib/db";
import { createCursorCodec, createDirectoryService, type GuestQuery } from "../../app/_lib/directory";
import { createTestDatabase } from "../helpers/database";
import { seedGuests } from "./seed-guests";

const TENANT = "woodgrove";
const PAGE = 50;
const admin = { type: "administrator", id: "bench-admin", role: "userAdministrator" } as const;
const newest = { field: "createdAt", direction: "desc" } as const;

type Scenario = { name: string; query: (deep: string) => GuestQuery; count?: boolean };
const SCENARIOS: Scenario[] = [
  { name: "first page (newest first) + total", query: () => ({ orderBy: newest, top: PAGE }), count: true },
  { name: "first page by name", query: () => ({ orderBy: { field: "displayName", direction: "asc" }, top: PAGE }) },
  {
    name: "search name prefix + count",
    query: () => ({ filter: { search: "Karin Berg" }, orderBy: newest, top: PAGE }),
    count: true,
  },
  { name: "search e-mail prefix", query: () => ({ filter: { search: "karin.1" }, orderBy: newest, top: PAGE }) },
  { name: "filter blocked + count", query: () => ({ filter: { state: "blocked" }, orderBy: newest, top: PAGE }), count: true },
  {
    name: "filter flow + provider",
    query: () => ({ filter: { userFlowName: "partners", identityProvider: "google" }, orderBy: newest, top: PAGE }),
  },
  {
    name: "filter created in one week",
    query: () => ({
      filter: {
        expression: {
          and: [
            { field: "createdAt", op: "ge", values: [new Date(Date.now() - 20 * 86_400_000).toISOString()] },
            { field: "createdAt", op: "le", values: [new Date(Date.now() - 13 * 86_400_000).toISOString()] },
          ],
        },
      },
      orderBy: newest,
      top: PAGE,
    }),
  },
  { name: "deep page (90% in)", query: (deep) => ({ orderBy: newest, top: PAGE, cursor: deep }) },
];

async function measure(provider: "sqlite" | "postgres", size: number, runs: number) {
  const db = await createTestDatabase(provider);
  try {
    const seedMs = await seedGuests(db.prisma, { tenantId: TENANT, count: size });
    await db.prisma.$executeRawUnsafe(provider === "postgres" ? "ANALYZE" : "ANALYZE");
    const key = randomBytes(32);
    const directory = createDirectoryService({
      store: createDirectoryStore(db.prisma),
      clock: { now: () => new Date() },
      cursorKey: key,
    });
    // A cursor 90% down the newest-first list, made with the service's own key (what following
    // "next" that many times would hand back).
    const at = await db.prisma.guest.findFirstOrThrow({
      where: { tenantId: TENANT },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      skip: Math.floor(size * 0.9),
      select: { id: true, createdAt: true },
    });
    const deep = createCursorCodec(key).encode(
      { tenantId: TENANT, filter: {}, orderBy: newest },
      {
        value: at.createdAt.toISOString(),
        id: at.id,
      },
    );
    const results: Record<string, number> = {};
    for (const scenario of SCENARIOS) {
      const once = async () => {
        const query = scenario.query(deep);
        const started = performance.now();
        await directory.list(admin, TENANT, query);
        if (scenario.count) await directory.count(admin, TENANT, query.filter);
        return performance.now() - started;
      };
      for (let i = 0; i < 3; i++) await once(); // warm-up
      const times: number[] = [];
      for (let i = 0; i < runs; i++) times.push(await once());
      times.sort((a, b) => a - b);
      results[scenario.name] = times[Math.floor(times.length / 2)]!;
    }
    return { seedMs, results };
  } finally {
    await db.drop();
  }
}

async function main() {
  const { values } = parseArgs({
    options: {
      postgres: { type: "boolean", default: false },
      runs: { type: "string", default: "15" },
      large: { type: "string", default: "100000" },
    },
  });
  const provider = values.postgres ? "postgres" : "sqlite";
  const runs = Number(values.runs);
  const small = await measure(provider, 100, runs);
  const large = await measure(provider, Number(values.large), runs);
  console.log(
    `guests list on ${provider}: median of ${runs} (ms); seeding ${values.large} took ${(large.seedMs / 1000).toFixed(1)} s`,
  );
  console.log(`| scenario | 100 guests | ${values.large} guests | ratio |`);
  console.log("|---|---:|---:|---:|");
  for (const name of Object.keys(small.results)) {
    const a = small.results[name]!;
    const b = large.results[name]!;
    console.log(`| ${name} | ${a.toFixed(2)} | ${b.toFixed(2)} | ${(b / a).toFixed(1)}× |`);
  }
  console.log(JSON.stringify({ provider, runs, small, large }));
}

await main();
