// libsql against better-sqlite3 under the same journeys (tests/bench/journeys.ts: passcode sign-up,
// returning sign-in, silent sign-in through `npm start` on a fresh SQLite file), one `npm start`
// per driver and round, the drivers alternated so that the machine's noise falls on both. Prints
// each round, the medians and better-sqlite3 ÷ libsql per journey (CPU per journey: below 1 means
// better-sqlite3 is cheaper). The server picks its driver by GUESTGATE_SQLITE_DRIVER
// (app/_lib/db/client.ts).
//
// better-sqlite3 is not a dependency (docs/PERFORMANCE.md, "libsql or better-sqlite3"); install it
// for this run without saving, compiled against the Node that runs the server:
//   npm_config_nodedir=$(dirname $(dirname $(command -v node))) npm install --no-save @prisma/adapter-better-sqlite3@7.10.0
//   (cd node_modules/better-sqlite3 && npm_config_nodedir=… npx node-gyp rebuild --release)   if npm skipped its script
//
//   npx tsx tests/bench/sqlite-drivers.ts [--rounds 2] [--count 20] [--out test-results/sqlite-drivers.json]
import { mkdirSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { JOURNEYS, measureJourneys, type JourneyName, type JourneyRow } from "./journeys";

const DRIVERS = ["libsql", "better-sqlite3"] as const;
type Driver = (typeof DRIVERS)[number];

const { values } = parseArgs({
  options: {
    rounds: { type: "string", default: "2" },
    count: { type: "string", default: "20" },
    out: { type: "string", default: "test-results/sqlite-drivers.json" },
  },
});

// Fail early, with the way out, rather than after the first libsql round.
try {
  const load = createRequire(path.join(process.cwd(), "package.json"));
  load("@prisma/adapter-better-sqlite3");
  const Database = load("better-sqlite3") as new (file: string) => { close(): void };
  new Database(":memory:").close();
} catch (error) {
  console.error(`better-sqlite3 does not load here (${String(error).split("\n")[0]}): see the comment at the top of this file`);
  process.exit(2);
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? (s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2) : NaN;
};
const load = () =>
  os
    .loadavg()
    .map((x) => x.toFixed(2))
    .join(" ");

console.log(
  `sqlite-drivers: ${new Date().toISOString()} · Node ${process.version} · ${os.availableParallelism()} cores · load ${load()}`,
);
const runs: { round: number; driver: Driver; loadAverage: string; rows: JourneyRow[] }[] = [];
for (let round = 1; round <= Number(values.rounds); round++) {
  // Alternate which driver goes first, so neither always runs on the warmer (or busier) machine.
  const order = round % 2 ? DRIVERS : [...DRIVERS].reverse();
  for (const driver of order) {
    const rows = await measureJourneys((m) => console.log(`[${driver} #${round}] ${m}`), {
      count: Number(values.count),
      instanceEnv: { GUESTGATE_SQLITE_DRIVER: driver },
      peer: false,
    });
    runs.push({ round, driver, loadAverage: load(), rows });
  }
}

const cpu = (driver: Driver, journey: JourneyName, key: "cpuMsPerJourney" | "wallP50Ms" | "otherCpuCores") =>
  median(runs.filter((r) => r.driver === driver).map((r) => r.rows.find((row) => row.journey === journey)?.[key] ?? NaN));
const failed = runs.reduce((n, r) => n + r.rows.reduce((m, row) => m + row.failed, 0), 0);

const lines = [
  `\nSQLite drivers, ${values.rounds} alternated rounds of ${values.count} sign-ups, ${values.count} sign-ins, ${5 * Number(values.count)} silent sign-ins each; medians:\n`,
  "| journey | libsql CPU ms | better-sqlite3 CPU ms | better ÷ libsql | libsql wall p50 ms | better-sqlite3 wall p50 ms | others, cores (libsql · better) |",
  "|---|---:|---:|---:|---:|---:|---|",
];
const summary: Record<string, unknown>[] = [];
for (const journey of JOURNEYS) {
  const a = cpu("libsql", journey, "cpuMsPerJourney");
  const b = cpu("better-sqlite3", journey, "cpuMsPerJourney");
  const ratio = b / a;
  summary.push({ journey, libsqlCpuMs: a, betterSqlite3CpuMs: b, ratio: Math.round(ratio * 100) / 100 });
  lines.push(
    `| ${journey} | ${a.toFixed(2)} | ${b.toFixed(2)} | ${ratio.toFixed(2)} | ${cpu("libsql", journey, "wallP50Ms").toFixed(1)} | ${cpu("better-sqlite3", journey, "wallP50Ms").toFixed(1)} | ${cpu("libsql", journey, "otherCpuCores").toFixed(2)} · ${cpu("better-sqlite3", journey, "otherCpuCores").toFixed(2)} |`,
  );
}
lines.push("", "Per round (CPU ms per journey: sign_up / sign_in / silent_sign_in; load average after):");
for (const r of runs)
  lines.push(
    `- #${r.round} ${r.driver.padEnd(14)} ${r.rows.map((row) => row.cpuMsPerJourney).join(" / ")} · load ${r.loadAverage}`,
  );
lines.push("", `failed journeys: ${failed}`);
console.log(lines.join("\n"));

mkdirSync(path.dirname(values.out), { recursive: true });
writeFileSync(values.out, JSON.stringify({ date: new Date().toISOString(), node: process.version, summary, runs }, null, 2));
console.log(`\nJSON: ${values.out}`);
