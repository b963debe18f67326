// Scale-out: two `npm start` instances on one PostgreSQL database behind a round-robin node:http
// proxy (servers/round-robin.ts, loopback only), against one instance behind the same proxy —
// client-credentials tokens/s (the load generator, as in the main bench) and passcode sign-ups/s
// (the HTTP journey, mail from the SMTP capture) — with every non-200 token answer and every failed
// journey counted ("nothing lost"), and each instance's RSS under load. Issue 13: ≥ 1.8× one
// instance; RSS ≤ 250 MB per instance.
//
//   npx tsx tests/bench/scale.ts --postgres postgresql://…   alone (part of `npm run bench` when given a database)
import { randomBytes, randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import pg from "pg";
import { runJourney, type JourneyOptions } from "../helpers/http-journey";
import { startSite, WOODGROVE_DEMO } from "../soak/site";
import { clockTicksPerSecond, cpuTicks, freePort, processTree, ready, start } from "./lib/proc";
import type { LoadResult, LoadSpec, ScenarioName, ServerName } from "./lib/protocol";

const repoRoot = path.resolve(import.meta.dirname, "../..");
const require = createRequire(import.meta.url);
const tsxCli = path.join(path.dirname(require.resolve("tsx/package.json")), "dist/cli.mjs");
/** prisma/seed.ts's confidential demo client of woodgrove (its id is fixed; the secret is ours). */
const CONFIDENTIAL_DEMO = "cc504114-0f48-5f9d-a10c-49c8d35e0eac";

export interface ScaleSide {
  instances: number;
  clientCredentials: {
    requestsPerSecond: number;
    /** Answers other than 200 in the window (a lost token). */
    errors: number;
    firstError?: string;
    p50Ms: number;
    p99Ms: number;
    /** CPU of the instances (not the proxy) per token. */
    cpuPerRequestUs: number;
    /** Cores' worth of CPU the instances, their PostgreSQL backends, the proxy and the load generator used. */
    instanceCores: number;
    databaseCores: number;
    proxyCores: number;
    loadgenCores: number;
    otherCpuCores: number;
  };
  signUps: {
    count: number;
    failed: number;
    firstFailure?: string;
    perSecond: number;
    seconds: number;
    /** CPU per completed sign-up of the instances together, and of this database's PostgreSQL backends. */
    instanceCpuMs: number;
    databaseCpuMs: number;
  };
  /** Highest RSS of each instance (MB = 10^6 bytes) sampled every 250 ms during this side's load. */
  rssMB: number[];
}

export interface ScaleResult {
  database: string;
  one: ScaleSide;
  two: ScaleSide;
  ratios: { clientCredentials: number; signUps: number };
  targets: { work: string; target: string; measured: string; met: boolean }[];
}

const round = (value: number, digits = 2) => Math.round(value * 10 ** digits) / 10 ** digits;

function rssBytes(root: number): number {
  return processTree(root).reduce((sum, pid) => {
    try {
      const kb = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1];
      return sum + Number(kb ?? 0) * 1024;
    } catch {
      return sum;
    }
  }, 0);
}

/** A fresh schema in the given PostgreSQL database (dropped at the end), as the integration tests make. */
function schemaUrl(base: string): string {
  const url = new URL(base);
  url.searchParams.set("schema", `gg_bench_${randomUUID().replace(/-/g, "").slice(0, 12)}`);
  return url.toString();
}

/**
 * CPU ticks of this database's PostgreSQL backends (the instances' pooled connections), by pid:
 * the server runs on this machine, so /proc has them. Other databases' backends are left out.
 */
async function backendTicks(url: string): Promise<Map<number, number>> {
  const u = new URL(url);
  u.searchParams.delete("schema"); // Prisma's parameter, not libpq's
  const client = new pg.Client({ connectionString: u.toString() });
  await client.connect();
  try {
    const { rows } = await client.query<{ pid: number }>(
      "SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND backend_type = 'client backend'",
    );
    return new Map(rows.map(({ pid }) => [pid, cpuTicks(pid)]));
  } finally {
    await client.end();
  }
}

/** Ticks between two samples; a backend that appeared meanwhile counts from zero. */
const ticksSince = (before: Map<number, number>, after: Map<number, number>) =>
  [...after].reduce((sum, [pid, ticks]) => sum + ticks - (before.get(pid) ?? 0), 0);

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

export async function measureScale(
  log: (message: string) => void,
  options: { postgres: string; durationSeconds?: number; warmupSeconds?: number; connections?: number; signUps?: number },
): Promise<ScaleResult> {
  const durationSeconds = options.durationSeconds ?? 5;
  const warmupSeconds = options.warmupSeconds ?? 1;
  const connections = options.connections ?? 32;
  const signUpCount = options.signUps ?? 30;
  const databaseUrl = schemaUrl(options.postgres);
  const proxyPort = await freePort();
  const origin = `http://localhost:${proxyPort}`;
  const secret = randomBytes(24).toString("base64url");
  const ticks = clockTicksPerSecond();
  const site = await startSite({
    databaseUrl,
    instances: 2,
    origin,
    extraEnv: { GUESTGATE_DEMO_CLIENT_SECRET: secret },
  });
  const proxy = start(process.execPath, [tsxCli, path.join(repoRoot, "tests/bench/servers/round-robin.ts")], {
    cwd: repoRoot,
    env: { ...process.env, BENCH_CONFIG: JSON.stringify({ port: proxyPort, upstreams: site.ports }) },
  });
  try {
    // tsx runs the proxy in a child process: its READY line says which pid serves.
    const proxyPid = (await ready(proxy, "round-robin proxy")).pid;
    const pids = site.servers.map((server) => server.child.pid!);
    log(`scale: two npm start instances (pids ${pids.join(", ")}) on PostgreSQL, round-robin proxy at ${origin}`);
    const basic = `Basic ${Buffer.from(`${CONFIDENTIAL_DEMO}:${encodeURIComponent(secret)}`).toString("base64")}`;
    const tokenPath = `/${WOODGROVE_DEMO.tenant}/oauth2/v2.0/token`;
    const body = new URLSearchParams({
      grant_type: "client_credentials",
      scope: `${origin}/woodgrove/graph/.default`,
    }).toString();
    const tokenHeaders = { "content-type": "application/x-www-form-urlencoded", authorization: basic };
    const tokenOnce = await fetch(origin + tokenPath, { method: "POST", headers: tokenHeaders, body });
    if (tokenOnce.status !== 200)
      throw new Error(`client_credentials through the proxy: ${tokenOnce.status} ${await tokenOnce.text()}`);

    const side = async (instances: number): Promise<ScaleSide> => {
      const use = await fetch(`${origin}/__bench/upstreams?count=${instances}`, { method: "POST" });
      if (use.status !== 204) throw new Error(`proxy: ${use.status} ${await use.text()}`);
      const peak = pids.slice(0, instances).map(() => 0);
      const sampler = setInterval(
        () => pids.slice(0, instances).forEach((pid, i) => (peak[i] = Math.max(peak[i]!, rssBytes(pid)))),
        250,
      );
      try {
        const serverPids = pids.slice(0, instances).flatMap((pid) => processTree(pid));
        const spec: LoadSpec = {
          server: `guestgate ×${instances}` as ServerName,
          scenario: "client_credentials" as ScenarioName,
          origin,
          request: { method: "POST", path: tokenPath, headers: tokenHeaders, body },
          connections,
          warmupSeconds,
          durationSeconds,
          serverPids,
          clockTicksPerSecond: ticks,
        };
        const proxyBefore = cpuTicks(proxyPid);
        const databaseBefore = await backendTicks(databaseUrl);
        const loadgen = start(process.execPath, [tsxCli, path.join(repoRoot, "tests/bench/loadgen.ts")], {
          cwd: repoRoot,
          env: { ...process.env, BENCH_LOAD: JSON.stringify(spec) },
        });
        const code = await new Promise<number | null>((resolve) => loadgen.child.on("exit", resolve));
        if (code !== 0) throw new Error(`load generator failed:\n${loadgen.output()}`);
        const result = JSON.parse(loadgen.output().trim().split("\n").pop()!) as LoadResult;
        // The proxy's CPU over the warm-up and the window together, per second of both.
        const wall = warmupSeconds + durationSeconds;
        const proxyCores = (cpuTicks(proxyPid) - proxyBefore) / ticks / wall;
        const databaseCores = ticksSince(databaseBefore, await backendTicks(databaseUrl)) / ticks / wall;
        log(
          `scale ×${instances}: client_credentials ${result.requestsPerSecond} tokens/s, ${result.errors} lost, ${result.cpuPerRequestUs} µs CPU/token (instances ${result.serverCpuShare} cores, PostgreSQL ${round(databaseCores)}, proxy ${round(proxyCores)}, others ${round(Math.max(0, result.otherCpuCores - proxyCores - databaseCores))})`,
        );

        // Sign-ups: four journeys at a time through the proxy, each request to the next instance.
        let failed = 0;
        let firstFailure: string | undefined;
        let done = 0;
        let next = 0;
        const journey: JourneyOptions = { origin, mailDir: site.mailDir };
        const instanceTicks = () => serverPids.reduce((sum, pid) => sum + cpuTicks(pid), 0);
        const instancesBefore = instanceTicks();
        const databaseAtStart = await backendTicks(databaseUrl);
        const began = performance.now();
        await Promise.all(
          Array.from({ length: 4 }, async () => {
            while (next < signUpCount) {
              const i = next++;
              try {
                await runJourney(journey, WOODGROVE_DEMO, `scale-${instances}-${process.pid}-${i}@example.com`);
                done++;
              } catch (error) {
                failed++;
                firstFailure ??= String(error).slice(0, 300);
              }
            }
          }),
        );
        const seconds = (performance.now() - began) / 1000;
        const perSignUpMs = (ticks_: number) => round((ticks_ / ticks / Math.max(1, done)) * 1000, 1);
        const instanceCpuMs = perSignUpMs(instanceTicks() - instancesBefore);
        const databaseCpuMs = perSignUpMs(ticksSince(databaseAtStart, await backendTicks(databaseUrl)));
        log(
          `scale ×${instances}: ${done} sign-ups in ${seconds.toFixed(1)} s (${round(done / seconds, 1)}/s), ${failed} failed; CPU per sign-up: instances ${instanceCpuMs} ms, PostgreSQL ${databaseCpuMs} ms`,
        );
        return {
          instances,
          clientCredentials: {
            requestsPerSecond: result.requestsPerSecond,
            errors: result.errors,
            ...(result.firstError ? { firstError: result.firstError } : {}),
            p50Ms: result.p50Ms,
            p99Ms: result.p99Ms,
            cpuPerRequestUs: result.cpuPerRequestUs,
            instanceCores: result.serverCpuShare,
            databaseCores: round(databaseCores),
            proxyCores: round(proxyCores),
            loadgenCores: result.loadgenCpuShare,
            otherCpuCores: round(Math.max(0, result.otherCpuCores - proxyCores - databaseCores)),
          },
          signUps: {
            count: done,
            failed,
            ...(firstFailure ? { firstFailure } : {}),
            perSecond: round(done / seconds, 1),
            seconds: round(seconds, 1),
            instanceCpuMs,
            databaseCpuMs,
          },
          rssMB: peak.map((bytes) => round(bytes / 1e6, 0)),
        };
      } finally {
        clearInterval(sampler);
      }
    };

    // A short warm-up of both instances (their first journeys compile pages), then one, then two.
    await Promise.all(
      [0, 1].map((i) =>
        runJourney({ origin, mailDir: site.mailDir }, WOODGROVE_DEMO, `scale-warm-${process.pid}-${i}@example.com`),
      ),
    );
    const one = await side(1);
    const two = await side(2);
    const ratios = {
      clientCredentials: round(two.clientCredentials.requestsPerSecond / one.clientCredentials.requestsPerSecond),
      signUps: round(two.signUps.perSecond / one.signUps.perSecond),
    };
    const lost = [one, two].reduce((sum, s) => sum + s.clientCredentials.errors + s.signUps.failed, 0);
    const rss = Math.max(...one.rssMB, ...two.rssMB);
    return {
      database: "PostgreSQL",
      one,
      two,
      ratios,
      targets: [
        {
          work: "client_credentials tokens/s, two instances ÷ one",
          target: "≥ 1.8×",
          measured: `${ratios.clientCredentials}×`,
          met: ratios.clientCredentials >= 1.8,
        },
        { work: "sign-ups/s, two instances ÷ one", target: "≥ 1.8×", measured: `${ratios.signUps}×`, met: ratios.signUps >= 1.8 },
        { work: "lost tokens and failed sign-ups", target: "0", measured: String(lost), met: lost === 0 },
        { work: "RSS per instance under load", target: "≤ 250 MB", measured: `${rss} MB (highest)`, met: rss <= 250 },
      ],
    };
  } finally {
    await proxy.stop();
    await site.stop();
    await dropSchema(databaseUrl).catch(() => {});
  }
}

const fmt = (value: number, digits = 0) =>
  Number.isFinite(value) ? value.toLocaleString("en-US", { maximumFractionDigits: digits, minimumFractionDigits: digits }) : "–";

export function scaleTable(result: ScaleResult): string {
  const out = [
    `\nScale-out on ${result.database}: npm start instances behind a round-robin node:http proxy (loopback):\n`,
    "| instances | tokens/s | lost | p50 ms | p99 ms | CPU µs/token | cores: instances · PostgreSQL · proxy · load gen · others | sign-ups/s | failed | CPU ms per sign-up: instances · PostgreSQL | RSS MB per instance |",
    "|---:|---:|---:|---:|---:|---:|---|---:|---:|---|---|",
  ];
  for (const s of [result.one, result.two]) {
    const c = s.clientCredentials;
    out.push(
      `| ${s.instances} | ${fmt(c.requestsPerSecond)} | ${c.errors} | ${fmt(c.p50Ms, 1)} | ${fmt(c.p99Ms, 1)} | ${fmt(c.cpuPerRequestUs)} | ${fmt(c.instanceCores, 2)} · ${fmt(c.databaseCores, 2)} · ${fmt(c.proxyCores, 2)} · ${fmt(c.loadgenCores, 2)} · ${fmt(c.otherCpuCores, 2)} | ${fmt(s.signUps.perSecond, 1)} | ${s.signUps.failed} | ${fmt(s.signUps.instanceCpuMs, 1)} · ${fmt(s.signUps.databaseCpuMs, 1)} | ${s.rssMB.join(", ")} |`,
    );
  }
  out.push("\nTargets (issue 13), scale-out:\n", "| work | target | measured | met |", "|---|---|---|---|");
  for (const t of result.targets) out.push(`| ${t.work} | ${t.target} | ${t.measured} | ${t.met ? "met" : "not met"} |`);
  if (os.availableParallelism() <= 2)
    out.push(
      `\nOn ${os.availableParallelism()} cores the two instances share them with the proxy and the load generator: the "cores" column shows what each took.`,
    );
  return out.join("\n");
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({
    options: {
      postgres: { type: "string" },
      duration: { type: "string", default: "5" },
      "sign-ups": { type: "string", default: "30" },
    },
  });
  const postgres = values.postgres ?? process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
  if (!postgres) throw new Error("--postgres postgresql://… (or BENCH_DATABASE_URL / TEST_DATABASE_URL) is needed");
  const result = await measureScale((m) => console.log(m), {
    postgres,
    durationSeconds: Number(values.duration),
    signUps: Number(values["sign-ups"]),
  });
  console.log(scaleTable(result));
}
