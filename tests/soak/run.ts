// The soak: a bounded mixed load against `next start` on loopback — sign-ups through the passcode
// journey (e-mail, passcode read from the SMTP capture, attributes), sign-ins of returning guests,
// refresh-token rotations, JWKS fetches — for a fixed time, while the server's memory and the
// database's tables are sampled. Fails (exit 1) on any 5xx, on any failed operation, or when the
// server's resident memory at the end is more than --max-rss-growth above what it was after the
// warm-up. Not part of `npm test`; `.ci/run` runs the 60 s form after the browser tests (reusing
// their build), docs/PERFORMANCE.md has a 15-minute result.
//
//   npx tsx tests/soak/run.ts                      15 minutes (needs `npm run build` first)
//   npx tsx tests/soak/run.ts --duration 60        the CI form
//   npx tsx tests/soak/run.ts --help
import { readFileSync, mkdirSync, writeFileSync, readdirSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { createAdminCeremonyStore, createAdminSessionStore, createExpiringStores, createPrismaClient } from "../../app/_lib/db";
import { expiryJobs } from "../../app/_lib/jobs";
import { createOutbox } from "../../app/_lib/mail";
import { LIFETIMES } from "../../app/_lib/oidc";
import { processTree } from "../bench/lib/proc";
import { repoRoot } from "../e2e/support/paths";
import { runJourney, type JourneyOptions } from "../helpers/http-journey";
import { startSite, WOODGROVE_DEMO, type Site } from "./site";

const HELP = `npx tsx tests/soak/run.ts [options]
  --duration S         seconds of load (default 900)
  --warmup S           seconds before the reference memory sample (default: a sixth of the duration, at most 120)
  --workers N          concurrent closed-loop workers (default 4)
  --sample S           seconds between samples of memory and table sizes (default: duration / 30, at least 5)
  --heap-mib N         the server's V8 old-space limit (--max-old-space-size; default 384; 0: Node's default)
  --max-rss-growth P   allowed growth of the server's RSS from the warm-up to the end, in percent (default 10)
  --out FILE           JSON results (default test-results/soak.json)`;

type Kind = "signUp" | "signIn" | "codeExchange" | "refresh" | "jwks";
const KINDS: Kind[] = ["signUp", "signIn", "codeExchange", "refresh", "jwks"];

/** The tables a leak would show in, by their Prisma model (outbox: files, only written when SMTP_URL is unset). */
const TABLES = [
  "guest",
  "identity",
  "attributeValue",
  "journey",
  "signUpFunnelJourney",
  "interaction",
  "authorizationCode",
  "opSession",
  "grant",
  "refreshToken",
  "emailPasscode",
  "rateLimitCounter",
  "auditEvent",
  "jobLease",
  "signingKey",
] as const;

function options() {
  const { values } = parseArgs({
    options: {
      duration: { type: "string", default: "900" },
      warmup: { type: "string" },
      workers: { type: "string", default: "4" },
      sample: { type: "string" },
      "heap-mib": { type: "string", default: "384" },
      "max-rss-growth": { type: "string", default: "10" },
      out: { type: "string", default: "test-results/soak.json" },
      help: { type: "boolean", default: false },
    },
    strict: true,
  });
  if (values.help) {
    console.log(HELP);
    process.exit(0);
  }
  const duration = Number(values.duration);
  return {
    durationSeconds: duration,
    warmupSeconds: Number(values.warmup ?? Math.min(120, Math.round(duration / 6))),
    workers: Number(values.workers),
    sampleSeconds: Number(values.sample ?? Math.max(5, Math.round(duration / 30))),
    heapMiB: Number(values["heap-mib"]),
    maxRssGrowthPercent: Number(values["max-rss-growth"]),
    out: path.resolve(repoRoot, values.out),
  };
}

const log = (message: string) => console.log(`soak: ${message}`);

/** Resident memory of the server and every process it started, in MiB (/proc/<pid>/status VmRSS). */
function rssMiB(rootPid: number): number {
  let kib = 0;
  for (const pid of processTree(rootPid)) {
    try {
      kib += Number(/^VmRSS:\s+(\d+)/m.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1] ?? 0);
    } catch {
      // exited meanwhile
    }
  }
  return Math.round((kib / 1024) * 10) / 10;
}

interface Sample {
  seconds: number;
  rssMiB: number;
  operations: number;
  mailFiles: number;
  tables: Record<string, number>;
}

async function main() {
  const o = options();
  const began = Date.now();
  log(
    `${new Date().toISOString()} · Node ${process.version} · ${os.availableParallelism()} cores (${os.cpus()[0]?.model ?? "?"}) · load ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(" ")}`,
  );
  log(`${o.durationSeconds} s of load, ${o.workers} workers, warm-up ${o.warmupSeconds} s, a sample every ${o.sampleSeconds} s`);
  // With Node's default limit (from the machine's memory) V8 lets garbage pile up to well over a
  // gigabyte before it collects, so the RSS would measure the collector's heuristics, not what the
  // server keeps. A bounded old space makes the RSS follow live memory; a leak then shows as growth
  // and, at the limit, as an out-of-memory crash (failed operations). docs/PERFORMANCE.md has both.
  const heap = o.heapMiB > 0 ? `--max-old-space-size=${o.heapMiB}` : "";
  const site: Site = await startSite({
    extraEnv: { NODE_OPTIONS: [process.env.NODE_OPTIONS ?? "", heap].join(" ").trim() },
  });
  const prisma = createPrismaClient(site.databaseUrl);
  const pid = site.server.child.pid!;
  log(`next start up at ${site.origin} (pid ${pid}, ${rssMiB(pid)} MiB) in ${((Date.now() - began) / 1000).toFixed(1)} s`);

  const statuses = new Map<number, number>();
  const serverErrors: string[] = [];
  const count = (status: number, method: string, url: URL) => {
    statuses.set(status, (statuses.get(status) ?? 0) + 1);
    if (status >= 500 && serverErrors.length < 20) serverErrors.push(`${status} ${method} ${url.pathname}`);
  };
  const journey: JourneyOptions = { origin: site.origin, mailDir: site.mailDir, onResponse: count };
  const done: Record<Kind, number> = { signUp: 0, signIn: 0, codeExchange: 0, refresh: 0, jwks: 0 };
  const failed: Record<Kind, number> = { signUp: 0, signIn: 0, codeExchange: 0, refresh: 0, jwks: 0 };
  const failures: string[] = [];
  const tokenUrl = new URL(`/${WOODGROVE_DEMO.tenant}/oauth2/v2.0/token`, site.origin);
  const jwksUrl = new URL(`/${WOODGROVE_DEMO.tenant}/discovery/v2.0/keys`, site.origin);

  // Guests who signed up, with when each was last sent a passcode (five sends per address per 15 min).
  const guests: { email: string; sends: number[] }[] = [];
  const refreshTokens: string[] = [];
  let serial = 0;

  const token = async (body: Record<string, string>) => {
    const response = await fetch(tokenUrl, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ client_id: WOODGROVE_DEMO.clientId, ...body }),
    });
    count(response.status, "POST", tokenUrl);
    const json = (await response.json()) as { refresh_token?: string; error?: string };
    if (response.status !== 200) throw new Error(`token ${body.grant_type}: ${response.status} ${JSON.stringify(json)}`);
    return json;
  };
  const keep = (refreshToken: string | undefined) => {
    if (!refreshToken) throw new Error("no refresh token (scope offline_access)");
    refreshTokens.push(refreshToken);
    // A bounded pool: older families are simply abandoned, as clients do (the jobs purge them when they expire).
    if (refreshTokens.length > 200) refreshTokens.shift();
  };

  async function signInOrUp(kind: "signUp" | "signIn", email: string) {
    const result = await runJourney(journey, WOODGROVE_DEMO, email);
    done[kind]++;
    try {
      keep(
        (
          await token({
            grant_type: "authorization_code",
            code: result.code,
            redirect_uri: WOODGROVE_DEMO.redirectUri,
            code_verifier: result.verifier,
          })
        ).refresh_token,
      );
      done.codeExchange++;
    } catch (error) {
      failed.codeExchange++;
      throw error;
    }
  }

  const operations: Record<Kind, () => Promise<void>> = {
    async signUp() {
      const email = `soak-${process.pid}-${++serial}@example.com`;
      const guest = { email, sends: [Date.now()] };
      await signInOrUp("signUp", email);
      guests.push(guest);
    },
    async signIn() {
      const now = Date.now();
      const guest = guests.find((g) => g.sends.filter((t) => now - t < 16 * 60_000).length < 4);
      if (!guest) return operations.signUp();
      guest.sends.push(now);
      guests.push(...guests.splice(guests.indexOf(guest), 1)); // to the back: the next sign-in picks another
      await signInOrUp("signIn", guest.email);
    },
    async codeExchange() {
      throw new Error("part of signUp and signIn");
    },
    async refresh() {
      const refreshToken = refreshTokens.shift();
      if (!refreshToken) return operations.jwks();
      keep((await token({ grant_type: "refresh_token", refresh_token: refreshToken })).refresh_token);
      done.refresh++;
    },
    async jwks() {
      const response = await fetch(jwksUrl);
      count(response.status, "GET", jwksUrl);
      await response.text();
      if (response.status !== 200) throw new Error(`jwks: ${response.status}`);
      done.jwks++;
    },
  };
  // The mix, per worker turn: a journey (whose code exchange follows) for every two refreshes and two JWKS fetches.
  const MIX: Kind[] = ["signUp", "refresh", "jwks", "signIn", "refresh", "jwks"];

  const samples: Sample[] = [];
  const sample = async () => {
    const tables: Record<string, number> = {};
    for (const table of TABLES) tables[table] = await (prisma[table] as unknown as { count(): Promise<number> }).count();
    const entry: Sample = {
      seconds: Math.round((Date.now() - loadBegan) / 1000),
      rssMiB: rssMiB(pid),
      operations: Object.values(done).reduce((a, b) => a + b, 0),
      mailFiles: readdirSync(site.mailDir).length,
      tables,
    };
    samples.push(entry);
    log(
      `t=${entry.seconds}s rss ${entry.rssMiB} MiB · ${KINDS.map((k) => `${k} ${done[k]}`).join(" ")} · 5xx ${serverErrors.length} · journeys ${tables.journey} refreshTokens ${tables.refreshToken} rateLimitCounters ${tables.rateLimitCounter}`,
    );
  };

  const loadBegan = Date.now();
  const endAt = loadBegan + o.durationSeconds * 1000;
  let warmupRss: number | undefined;
  const workers = Array.from({ length: o.workers }, async (_, w) => {
    for (let turn = w; Date.now() < endAt; turn++) {
      const kind = MIX[turn % MIX.length]!;
      try {
        await operations[kind]();
      } catch (error) {
        failed[kind]++;
        if (failures.length < 20)
          failures.push(`${kind}: ${error instanceof Error ? error.message.slice(0, 600) : String(error)}`);
      }
    }
  });
  const sampler = (async () => {
    await sample();
    let warmupTaken = false;
    while (Date.now() < endAt) {
      await new Promise((resolve) => setTimeout(resolve, Math.min(o.sampleSeconds * 1000, Math.max(0, endAt - Date.now()))));
      if (!warmupTaken && Date.now() - loadBegan >= o.warmupSeconds * 1000) {
        warmupTaken = true;
        await sample();
        warmupRss = samples.at(-1)!.rssMiB;
        log(`warm-up over: reference RSS ${warmupRss} MiB`);
      } else if (Date.now() < endAt) await sample();
    }
  })();
  await Promise.all([...workers, sampler]);
  await sample();
  const endRss = samples.at(-1)!.rssMiB;

  // Bounded by the jobs: the server's own purge jobs (the same stores and retention as
  // app/_lib/server.ts wires), run as they would run once everything the soak made has died —
  // the longest lifetime (refresh tokens, 14 days) plus the longest retention (1 day) from now.
  // What is left afterwards is what no job deletes.
  const later = new Date(Date.now() + (LIFETIMES.refreshToken + 2 * 24 * 3600) * 1000);
  const jobs = expiryJobs({
    ...createExpiringStores(prisma, { accessTokenLifetimeSeconds: LIFETIMES.accessToken }),
    outbox: createOutbox({ dir: path.join(site.mailDir, "..", "outbox") }),
    adminSessions: createAdminSessionStore(prisma),
    adminCeremonies: createAdminCeremonyStore(prisma),
  });
  const purged: Record<string, number> = {};
  for (const job of jobs) {
    // Each run deletes a bounded number of rows (purge.ts): repeat until a run finds nothing, as later periods would.
    for (let runs = 0; runs < 100; runs++) {
      const result = await job.run({ now: later, actor: { type: "system", name: `job:${job.name}` } });
      const deleted = Object.values(result).reduce((a, b) => a + b, 0);
      for (const [kind, n] of Object.entries(result)) purged[kind] = (purged[kind] ?? 0) + n;
      if (deleted === 0) break;
    }
  }
  const afterPurge: Record<string, number> = {};
  for (const table of TABLES) afterPurge[table] = await (prisma[table] as unknown as { count(): Promise<number> }).count();
  log(`purge jobs at +16 days deleted ${JSON.stringify(purged)}; left: ${JSON.stringify(afterPurge)}`);
  const growth = warmupRss ? ((endRss - warmupRss) / warmupRss) * 100 : NaN;
  const fiveXx = [...statuses].filter(([s]) => s >= 500).reduce((sum, [, n]) => sum + n, 0);
  const first = samples[0]!.tables;
  const last = samples.at(-1)!.tables;
  const journeysDone = done.signUp + done.signIn;
  const report = {
    date: new Date().toISOString(),
    node: process.version,
    machine: {
      cores: os.availableParallelism(),
      cpu: os.cpus()[0]?.model ?? "?",
      memoryGiB: Math.round(os.totalmem() / 2 ** 30),
      loadAverageAtEnd: os.loadavg(),
    },
    settings: o,
    operations: done,
    failedOperations: failed,
    failures,
    httpStatuses: Object.fromEntries([...statuses].sort(([a], [b]) => a - b)),
    requests: [...statuses.values()].reduce((a, b) => a + b, 0),
    fiveXx,
    serverErrors,
    rss: {
      startMiB: samples[0]!.rssMiB,
      warmupMiB: warmupRss,
      endMiB: endRss,
      maxMiB: Math.max(...samples.map((s) => s.rssMiB)),
      growthPercent: Math.round(growth * 10) / 10,
    },
    // Rows added per completed journey (and per refresh), to tell per-work growth from a leak.
    rowsPerJourney: Object.fromEntries(
      TABLES.map((t) => [t, journeysDone ? Math.round(((last[t]! - first[t]!) / journeysDone) * 100) / 100 : 0]),
    ),
    tablesAtStart: first,
    tablesAtEnd: last,
    purgedAt16Days: purged,
    tablesAfterPurge: afterPurge,
    samples,
    totalSeconds: Math.round((Date.now() - began) / 1000),
  };
  mkdirSync(path.dirname(o.out), { recursive: true });
  writeFileSync(o.out, JSON.stringify(report, null, 2) + "\n");
  log(
    `requests ${report.requests} (${JSON.stringify(report.httpStatuses)}), operations ${JSON.stringify(done)}, failed ${JSON.stringify(failed)}`,
  );
  log(
    `RSS start ${report.rss.startMiB} MiB, after warm-up ${warmupRss} MiB, end ${endRss} MiB (${report.rss.growthPercent}%), max ${report.rss.maxMiB} MiB`,
  );
  log(`tables at end: ${JSON.stringify(last)}`);
  log(`wrote ${path.relative(repoRoot, o.out)}`);
  await prisma.$disconnect();
  await site.stop();

  const problems = [
    fiveXx ? `${fiveXx} responses with 5xx: ${serverErrors.join(", ")}` : "",
    failures.length
      ? `${Object.values(failed).reduce((a, b) => a + b, 0)} failed operations, first: ${failures.slice(0, 3).join(" | ")}`
      : "",
    !(growth < o.maxRssGrowthPercent)
      ? `RSS grew ${report.rss.growthPercent}% after the warm-up (bound ${o.maxRssGrowthPercent}%)`
      : "",
    journeysDone === 0 ? "no journey completed" : "",
  ].filter(Boolean);
  if (problems.length) {
    for (const problem of problems) console.error(`soak: FAIL ${problem}`);
    process.exit(1);
  }
  log("ok: no 5xx, no failed operation, memory within the bound");
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
