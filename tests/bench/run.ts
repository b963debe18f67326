// `npm run bench`: the token endpoint (client_credentials, authorization_code), JWKS and discovery,
// side by side on loopback, against four servers each in its own process pinned to core 0 —
//   bare           node:http + jose signing the same tokens (the floor)
//   oidc-provider  node-oidc-provider 9 configured for the same grants
//   guestgate-next Guestgate through plain `next start` (the route handlers; what `npm start` was)
//   guestgate      Guestgate as `npm start` runs it: the front (app/_lib/front) before Next, one process
// — with the load generator in another process pinned to core 1. Prints a table (absolute numbers
// and ratios to bare), the issue's targets with whether they are met, and writes
// test-results/bench.json. docs/PERFORMANCE.md has the numbers.
// The Graph API (GET /users?$top=100&$filter=… over 100,000 seeded guests, GET /users/{id}) runs on
// guestgate only, with its CPU per request as a ratio to that server's client_credentials;
// seeding adds ~10–20 s, so `--no-graph` leaves it out.
//
//   npm run bench                 ~2 min (plus a `next build` when .next lacks the provider's routes)
//   npm run bench -- --quick      ~45 s smoke
//   npm run bench -- --no-graph   without the Graph API scenarios (and the 100,000-guest seed)
//   npm run bench -- --servers bare,guestgate --scenarios client_credentials,graph_users_list,graph_user_get
//   npm run bench -- --only pages  ~30 s: only the guest pages' weight table (tests/bench/pages.ts)
//   npm run bench -- --no-pages    without that table
// Then the journeys (tests/bench/journeys.ts: sign-up, returning sign-in, silent sign-in through
// npm start, CPU and wall time per journey) and, given a PostgreSQL database (--postgres, or
// BENCH_DATABASE_URL / TEST_DATABASE_URL), two instances behind a round-robin proxy against one
// (tests/bench/scale.ts).
//   npm run bench -- --only journeys   or --only scale: that part alone
//   npm run bench -- --help
import { execFileSync } from "node:child_process";
import { createHash, randomBytes, randomUUID } from "node:crypto";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { migrate, mintCodes, openGuestgate, tokenRequestBody, type GuestgateHandle } from "./lib/guestgate";
import { startScriptEnv, startScriptNodeFlags } from "../e2e/support/server";
import { build, buildProblem, nextCli, serverBundle } from "./lib/next";
import { journeysTable, journeyTargets, measureJourneys, type JourneyRow } from "./journeys";
import { measurePages, pagesTable, TARGET_GZIP_BYTES, type PageRow } from "./pages";
import { measureScale, scaleTable, type ScaleResult } from "./scale";
import { clockTicksPerSecond, cpuTicks, freePort, pinning, processTree, ready, start, waitForOk, type Child } from "./lib/proc";
import {
  CODE_VERIFIER,
  GRAPH_GUESTS,
  GRAPH_SCENARIOS,
  GRAPH_USERS_FILTER,
  PERMISSION,
  REDIRECT_URI,
  SCENARIOS,
  SERVER_LABELS,
  SERVERS,
  TENANT,
  type BenchClient,
  type LoadResult,
  type LoadSpec,
  type RequestShape,
  type ScenarioName,
  type ServerName,
} from "./lib/protocol";
import { table, targets as checkTargets, targetsTable, withRatios } from "./lib/report";

const HELP = `npm run bench [-- options]
  --quick               short smoke run (0.5 s warm-up, 1 s per scenario)
  --duration S          measured seconds per scenario and server (default 5)
  --warmup S            warm-up seconds before each window (default 1)
  --connections N       concurrent keep-alive connections (default 32)
  --rounds N            repeat every scenario N times, interleaved, and report medians (default 1)
  --servers a,b         subset of: ${SERVERS.join(", ")}
  --scenarios a,b       subset of: ${SCENARIOS.join(", ")}
  --no-next             same as leaving guestgate-next (plain next start) out
  --only PART           only that part: pages (the guest pages' table: HTML, JS, CSS bytes gzip per page),
                        journeys (sign-up, sign-in, silent sign-in) or scale (two instances on PostgreSQL)
  --no-pages            leave out the guest pages' table
  --no-journeys         leave out the journeys
  --journeys N          journeys of each kind (default 40, 10 with --quick; silent sign-ins: 5 × N)
  --postgres URL        PostgreSQL for the scale-out part (default BENCH_DATABASE_URL, then TEST_DATABASE_URL;
                        a fresh schema in it, dropped at the end); without one that part is left out
  --no-scale            leave out the scale-out part
  --no-graph            leave out the Graph API scenarios (${GRAPH_SCENARIOS.join(", ")}) and their ${GRAPH_GUESTS.toLocaleString("en-US")}-guest seed
  --rebuild             run \`next build\` even when .next looks usable
  --no-build            never build; leave the Guestgate servers out when .next is unusable
  --app-root DIR        measure the Guestgate checkout in DIR (its node_modules and .next) instead of this one
  --out FILE            JSON results (default test-results/bench.json)
  --cpu-prof DIR        write a V8 CPU profile of each server to DIR (summarise: tests/bench/profile-summary.ts)`;

const repoRoot = path.resolve(import.meta.dirname, "../..");
const require = createRequire(import.meta.url);
const tsxCli = path.join(path.dirname(require.resolve("tsx/package.json")), "dist/cli.mjs");

function options() {
  const { values } = parseArgs({
    options: {
      quick: { type: "boolean", default: false },
      duration: { type: "string" },
      warmup: { type: "string" },
      connections: { type: "string", default: "32" },
      rounds: { type: "string", default: "1" },
      servers: { type: "string" },
      scenarios: { type: "string" },
      "no-next": { type: "boolean", default: false },
      "no-graph": { type: "boolean", default: false },
      only: { type: "string" },
      "no-pages": { type: "boolean", default: false },
      "no-journeys": { type: "boolean", default: false },
      journeys: { type: "string" },
      postgres: { type: "string" },
      "no-scale": { type: "boolean", default: false },
      rebuild: { type: "boolean", default: false },
      "no-build": { type: "boolean", default: false },
      "app-root": { type: "string" },
      out: { type: "string", default: "test-results/bench.json" },
      "cpu-prof": { type: "string" },
      help: { type: "boolean", default: false },
    },
    strict: true,
  });
  if (values.help) {
    console.log(HELP);
    process.exit(0);
  }
  const parts = ["pages", "journeys", "scale"] as const;
  const only = values.only as (typeof parts)[number] | undefined;
  if (only !== undefined && !parts.includes(only)) throw new Error(`--only: one of ${parts.join(", ")}`);
  const list = <T extends string>(value: string | undefined, all: readonly T[], what: string): T[] => {
    if (!value) return [...all];
    const picked = value.split(",").map((s) => s.trim());
    for (const p of picked) if (!all.includes(p as T)) throw new Error(`unknown ${what} "${p}" (one of ${all.join(", ")})`);
    return all.filter((a) => picked.includes(a));
  };
  let servers = list(values.servers, SERVERS, "server");
  if (values["no-next"]) servers = servers.filter((s) => s !== "guestgate-next");
  if (!servers.includes("bare")) console.warn("bench: without the bare server there are no ratios");
  let scenarios = list(values.scenarios, SCENARIOS, "scenario");
  if (values["no-graph"]) scenarios = scenarios.filter((s) => !GRAPH_SCENARIOS.includes(s));
  return {
    servers,
    scenarios,
    durationSeconds: Number(values.duration ?? (values.quick ? 1 : 5)),
    warmupSeconds: Number(values.warmup ?? (values.quick ? 0.5 : 1)),
    connections: Number(values.connections),
    rounds: Math.max(1, Number(values.rounds)),
    quick: values.quick,
    only,
    pages: !values["no-pages"],
    journeys: !values["no-journeys"],
    journeyCount: Number(values.journeys ?? (values.quick ? 10 : 40)),
    postgres: values["no-scale"]
      ? undefined
      : (values.postgres ?? process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL),
    scaleLeftOut: values["no-scale"]
      ? "--no-scale"
      : "no PostgreSQL database (--postgres, BENCH_DATABASE_URL or TEST_DATABASE_URL)",
    rebuild: values.rebuild,
    noBuild: values["no-build"],
    appRoot: path.resolve(values["app-root"] ?? repoRoot),
    out: path.resolve(repoRoot, values.out),
    cpuProfDir: values["cpu-prof"] ? path.resolve(values["cpu-prof"]) : undefined,
  };
}

const log = (message: string) => console.log(`bench: ${message}`);
const since = (began: number) => `${((performance.now() - began) / 1000).toFixed(1)} s`;

function git(args: string[]): string {
  try {
    return execFileSync("git", args, { cwd: repoRoot, encoding: "utf8" }).trim();
  } catch {
    return "";
  }
}

function machineAndCommit() {
  return {
    machine: {
      cores: os.availableParallelism(),
      cpu: os.cpus()[0]?.model ?? "?",
      memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    },
    commit: git(["rev-parse", "--short", "HEAD"]),
    uncommittedChanges: git(["status", "--porcelain"]).split("\n").filter(Boolean).length,
  };
}

function writeReport(file: string, report: object): void {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify(report, null, 2) + "\n");
  log(`wrote ${path.relative(repoRoot, file)}`);
}

/** Header and payload of a JWT, to show that every server signs the same shape. */
function shape(token: unknown): { header: unknown; claims: string[] } | undefined {
  if (typeof token !== "string") return undefined;
  const [header, payload] = token
    .split(".")
    .slice(0, 2)
    .map((part) => JSON.parse(Buffer.from(part, "base64url").toString("utf8")) as object);
  return { header, claims: Object.keys(payload ?? {}).sort() };
}

/** One result per server and scenario: each metric's median over the rounds (requests and errors summed). */
function medians(runs: LoadResult[]): LoadResult[] {
  const median = (values: number[]) => {
    const sorted = [...values].sort((a, b) => a - b);
    const mid = sorted.length >> 1;
    return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  };
  const groups = new Map<string, LoadResult[]>();
  for (const run of runs)
    groups.set(`${run.server} ${run.scenario}`, [...(groups.get(`${run.server} ${run.scenario}`) ?? []), run]);
  return [...groups.values()].map((group) => {
    if (group.length === 1) return group[0]!;
    const m = (key: keyof LoadResult) => median(group.map((r) => r[key] as number));
    return {
      ...group[0]!,
      requests: group.reduce((sum, r) => sum + r.requests, 0),
      errors: group.reduce((sum, r) => sum + r.errors, 0),
      firstError: group.find((r) => r.firstError)?.firstError,
      seconds: m("seconds"),
      requestsPerSecond: m("requestsPerSecond"),
      p50Ms: m("p50Ms"),
      p99Ms: m("p99Ms"),
      cpuPerRequestUs: m("cpuPerRequestUs"),
      serverCpuShare: m("serverCpuShare"),
      loadgenCpuShare: m("loadgenCpuShare"),
      otherCpuCores: m("otherCpuCores"),
      poolExhausted: group.some((r) => r.poolExhausted),
    };
  });
}

/**
 * This process's environment in production mode, with what `npm start` sets (MALLOC_ARENA_MAX) as
 * the tests' servers get it, plus extra.
 */
const environment = (extra: Record<string, string>): NodeJS.ProcessEnv =>
  Object.assign(
    {},
    process.env,
    startScriptEnv(),
    { NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1", CHECKPOINT_DISABLE: "1" },
    extra,
  );

interface Target {
  name: ServerName;
  origin: string;
  note: string;
  pid: number;
  child: Child;
  /** Paths and the client_credentials body differ between Guestgate's layout and oidc-provider's. */
  paths: { token: string; jwks: string; discovery: string };
  clientCredentialsBody: string;
}

async function main() {
  const o = options();
  const began = performance.now();
  const pins = pinning();
  const ticks = clockTicksPerSecond();
  const tmp = mkdtempSync(path.join(os.tmpdir(), "guestgate-bench-"));
  const children: Child[] = [];
  let handle: GuestgateHandle | undefined;
  const cleanup = async () => {
    await Promise.all(children.map((c) => c.stop()));
    await handle?.close().catch(() => {});
    rmSync(tmp, { recursive: true, force: true });
  };
  for (const signal of ["SIGINT", "SIGTERM"] as const) process.once(signal, () => void cleanup().then(() => process.exit(130)));

  try {
    log(
      `${new Date().toISOString()} · Node ${process.version} · ${os.availableParallelism()} cores (${os.cpus()[0]?.model ?? "?"})`,
    );
    log(
      pins.server
        ? `servers pinned to core ${pins.server}, load generator to core ${pins.loadgen} (taskset)`
        : "no pinning (taskset missing or one core): numbers are noisier",
    );
    if (!o.only)
      log(
        `${o.servers.length} servers × ${o.scenarios.length} scenarios, ${o.warmupSeconds} s warm-up + ${o.durationSeconds} s each, ${o.connections} connections`,
      );

    if (o.only) {
      if (buildProblem(repoRoot) && !o.noBuild) {
        log(`next build (${buildProblem(repoRoot)})…`);
        const outcome = await build(repoRoot);
        if (!outcome.ok) throw new Error(`next build failed; its output ends:\n${outcome.output.slice(-3000)}`);
      }
      const part = await measurePart(o.only, o);
      writeReport(o.out, { date: new Date().toISOString(), node: process.version, ...machineAndCommit(), ...part });
      return;
    }

    // ── Next build (first: it uses both cores) ──
    const buildInfo: { used: string; seconds?: number } = { used: "not measured" };
    const built = (s: ServerName) => s === "guestgate" || s === "guestgate-next";
    if (o.servers.some(built)) {
      const problem = o.rebuild ? "--rebuild" : buildProblem(o.appRoot);
      if (!problem) buildInfo.used = "existing .next";
      else if (o.noBuild) {
        log(`guestgate and guestgate-next left out: ${problem} and --no-build`);
        o.servers = o.servers.filter((s) => !built(s));
      } else {
        log(`next build (${problem})…`);
        let outcome = await build(o.appRoot);
        if (!outcome.ok && /Another next build process is already running/.test(outcome.output)) {
          // Someone else is building this checkout: use their build once it is there.
          log("another next build is running in this checkout: waiting for it (at most 5 min)…");
          const waited = performance.now();
          while (buildProblem(o.appRoot) && performance.now() - waited < 300_000) await new Promise((r) => setTimeout(r, 2_000));
          const left = buildProblem(o.appRoot);
          outcome = {
            ok: !left,
            seconds: (performance.now() - waited) / 1000,
            output: left ? `still unusable after waiting: ${left}` : "",
          };
          if (!left) buildInfo.used = "existing .next (built by another process during this run)";
        }
        buildInfo.seconds = Math.round(outcome.seconds * 10) / 10;
        if (outcome.ok) {
          if (buildInfo.used === "not measured") buildInfo.used = "built by this run";
          log(`next build took ${outcome.seconds.toFixed(1)} s`);
        } else {
          buildInfo.used = "build failed";
          log(
            `npm run build failed after ${outcome.seconds.toFixed(1)} s; guestgate and guestgate-next left out. Its output ends:\n${outcome.output.slice(-3000)}`,
          );
          o.servers = o.servers.filter((s) => !built(s));
        }
      }
    }

    const graphInfo: { guests?: number; seedSeconds?: number; leftOut?: string } = {};
    const graphScenarios = () => o.scenarios.filter((s) => GRAPH_SCENARIOS.includes(s));
    const leaveGraphOut = (why: string) => {
      if (!graphScenarios().length) return;
      log(`Graph scenarios left out: ${why}`);
      graphInfo.leftOut = why;
      o.scenarios = o.scenarios.filter((s) => !GRAPH_SCENARIOS.includes(s));
    };
    if (!o.servers.includes("guestgate")) leaveGraphOut("the Graph API is measured on guestgate (npm start) only");

    // ── Database, client, guest ──
    const client: BenchClient = { clientId: randomUUID(), secret: randomBytes(32).toString("base64url") };
    const databaseUrl = `file:${path.join(tmp, "bench.db")}`;
    const keyEncryptionKey = randomBytes(32).toString("base64");
    const tenantsFile = path.join(o.appRoot, "tenants.json");
    const ports = Object.fromEntries(await Promise.all(SERVERS.map(async (s) => [s, await freePort()] as const))) as Record<
      ServerName,
      number
    >;
    const originOf = (s: ServerName) => `http://127.0.0.1:${ports[s]}`;
    let step = performance.now();
    await migrate(o.appRoot, databaseUrl);
    handle = await openGuestgate({
      appRoot: o.appRoot,
      baseUrl: originOf("guestgate"),
      databaseUrl,
      tenantsFile,
      keyEncryptionKey,
      client,
    });
    log(`fresh SQLite database migrated, client and guest registered, keys made (${since(step)})`);

    // ── Servers ──
    step = performance.now();
    if (o.cpuProfDir) mkdirSync(o.cpuProfDir, { recursive: true });
    const profiling: Record<string, string> = o.cpuProfDir
      ? { NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ""} --cpu-prof --cpu-prof-dir=${o.cpuProfDir}`.trim() }
      : {};
    const guestgateEnv = (s: ServerName) =>
      environment({
        GUESTGATE_BASE_URL: originOf(s),
        GUESTGATE_CONFIG: tenantsFile,
        DATABASE_URL: databaseUrl,
        AUTH_SECRET: randomBytes(32).toString("base64url"),
        GUESTGATE_KEY_ENCRYPTION_KEY: keyEncryptionKey,
        LOG_LEVEL: "warn",
        // The Graph scenarios' one application makes thousands of requests a minute: the counter is
        // still written per request (the work is measured), its limit just not reached.
        GUESTGATE_GRAPH_REQUESTS_PER_MINUTE: "1000000",
        BENCH_APP_ROOT: o.appRoot,
        ...profiling,
      });
    const guestgatePaths = {
      token: `/${TENANT}/oauth2/v2.0/token`,
      jwks: `/${TENANT}/discovery/v2.0/keys`,
      discovery: `/${TENANT}/v2.0/.well-known/openid-configuration`,
    };
    const managementScope = (s: ServerName) => `${originOf(s)}/${TENANT}/graph/.default`;

    // bare serves Guestgate's own discovery document, with its origin in the URLs.
    const discoveryFile = path.join(tmp, "discovery.json");
    const document = await (
      await handle.op.endpoints.discovery(new Request(originOf("guestgate") + guestgatePaths.discovery), TENANT)
    ).text();
    writeFileSync(discoveryFile, document.replaceAll(originOf("guestgate"), originOf("bare")));

    const launch = async (s: ServerName): Promise<Target> => {
      const bench = (file: string, env: NodeJS.ProcessEnv) =>
        start(process.execPath, [tsxCli, path.join(repoRoot, "tests/bench/servers", file)], {
          cwd: repoRoot,
          env,
          cpu: pins.server,
        });
      const config = (extra: object) =>
        environment({
          ...profiling,
          BENCH_CONFIG: JSON.stringify({ port: ports[s], clientId: client.clientId, secret: client.secret, ...extra }),
        });
      if (s === "guestgate-next" || s === "guestgate") {
        // `npm start` is `node FLAGS .next/guestgate/server.mjs` (package.json); run here without npm's wrapper.
        const command = s === "guestgate" ? [...startScriptNodeFlags(), serverBundle(o.appRoot)] : [nextCli(o.appRoot), "start"];
        const child = start(process.execPath, [...command, "-p", String(ports[s]), "-H", "127.0.0.1"], {
          cwd: o.appRoot,
          env: guestgateEnv(s),
          cpu: pins.server,
        });
        children.push(child);
        await waitForOk(originOf(s) + guestgatePaths.discovery, child);
        return {
          name: s,
          origin: originOf(s),
          note:
            s === "guestgate"
              ? "npm start: app/_lib/front answers the JSON endpoints with oidc().endpoints, the rest to Next's handler"
              : "next start: App Router route handlers calling oidc().endpoints",
          pid: child.child.pid!,
          child,
          paths: guestgatePaths,
          clientCredentialsBody: tokenRequestBody.clientCredentials(managementScope(s)),
        };
      }
      const child =
        s === "bare"
          ? bench("bare.ts", config({ discoveryFile }))
          : bench("oidc-provider.ts", config({ redirectUri: REDIRECT_URI }));
      children.push(child);
      const message = await ready(child, s);
      return s === "oidc-provider"
        ? {
            name: s,
            origin: originOf(s),
            note: message.note,
            pid: message.pid,
            child,
            paths: { token: "/token", jwks: "/jwks", discovery: "/.well-known/openid-configuration" },
            clientCredentialsBody: tokenRequestBody.clientCredentials(PERMISSION),
          }
        : {
            name: s,
            origin: originOf(s),
            note: message.note,
            pid: message.pid,
            child,
            paths: guestgatePaths,
            clientCredentialsBody: tokenRequestBody.clientCredentials(managementScope(s)),
          };
    };
    const targets = await Promise.all(o.servers.map(launch));
    log(`servers up (${since(step)})`);
    if (o.cpuProfDir)
      log(`CPU profiles go to ${o.cpuProfDir}, named by pid: ${targets.map((t) => `${t.name} ${t.pid}`).join(", ")}`);
    const basic = `Basic ${Buffer.from(`${encodeURIComponent(client.clientId)}:${encodeURIComponent(client.secret)}`).toString("base64")}`;
    const tokenHeaders = { "content-type": "application/x-www-form-urlencoded", authorization: basic };

    // One client_credentials token from each, to show what it is before measuring it.
    const tokenShapes: Record<string, unknown> = {};
    const accessTokens: Partial<Record<ServerName, string>> = {};
    for (const t of targets) {
      const response = await fetch(t.origin + t.paths.token, {
        method: "POST",
        headers: tokenHeaders,
        body: t.clientCredentialsBody,
      });
      const body = (await response.json()) as { access_token?: string };
      if (response.status !== 200)
        throw new Error(`${t.name}: client_credentials answered ${response.status} ${JSON.stringify(body)}`);
      tokenShapes[t.name] = shape(body.access_token);
      if (body.access_token) accessTokens[t.name] = body.access_token;
      log(`${t.name.padEnd(15)} ${t.note}`);
      log(`${"".padEnd(15)} client_credentials token: ${JSON.stringify(tokenShapes[t.name])}`);
    }

    // The Graph API with guestgate's own token (it lives an hour: longer than any run).
    const graphPath = (rest: string) => `/${TENANT}/graph/v1.0/${rest}`;
    const graphHeaders = { authorization: `Bearer ${accessTokens["guestgate"] ?? ""}` };
    const graphRequests: Partial<Record<ScenarioName, RequestShape>> = {
      graph_users_list: {
        method: "GET",
        path: graphPath(`users?$top=100&$filter=${encodeURIComponent(GRAPH_USERS_FILTER)}`),
        headers: graphHeaders,
      },
      graph_user_get: { method: "GET", path: graphPath(`users/${handle.guestId}`), headers: graphHeaders },
    };
    const next = targets.find((t) => t.name === "guestgate");
    // Once more on a failed connection: the synchronous 100,000-row insert above blocked this
    // process's event loop past the server's keep-alive timeout, so undici may hand out a pooled
    // connection the server has closed meanwhile ("other side closed"); the retry gets a new one.
    const graphGet = async (request: RequestShape) => {
      const once = () => fetch(next!.origin + request.path, { headers: request.headers });
      try {
        return await once();
      } catch {
        return once().catch((error: unknown) => {
          const child = next!.child.child;
          const state =
            child.exitCode !== null || child.signalCode ? `exited (${child.exitCode ?? child.signalCode})` : "running";
          const cause = error instanceof Error && error.cause ? `: ${String(error.cause)}` : "";
          throw new Error(
            `guestgate: GET ${request.path} failed twice (${String(error)}${cause}; the server is ${state}); its output ends:\n${next!.child.output().slice(-3000)}`,
          );
        });
      }
    };
    for (const scenario of graphScenarios()) {
      const request = graphRequests[scenario]!;
      const response = await graphGet(request);
      // Until the Graph API serves /users, the rest of the bench still runs (left out, said so in bench.json).
      if (response.status !== 200) {
        leaveGraphOut(`${request.path} answered ${response.status}: ${(await response.text()).slice(0, 200)}`);
        break;
      }
    }
    // Seeded only now that /users answers, into the database the running server reads.
    if (graphScenarios().length) {
      step = performance.now();
      await handle.seedGuests(GRAPH_GUESTS);
      graphInfo.guests = GRAPH_GUESTS;
      graphInfo.seedSeconds = Math.round((performance.now() - step) / 100) / 10;
      log(`${GRAPH_GUESTS.toLocaleString("en-US")} guests inserted for the Graph scenarios (${since(step)})`);
    }
    if (graphScenarios().includes("graph_users_list")) {
      const page = (await (await graphGet(graphRequests.graph_users_list!)).json()) as { value?: unknown[] };
      log(`graph_users_list: a page of ${page.value?.length} guests`);
    }

    // CPU the servers spend with no requests at all (timers, pollers), over 2 s: it is in every window too.
    const idle: Record<string, number> = {};
    {
      const before = targets.map((t) => processTree(t.pid).reduce((sum, pid) => sum + cpuTicks(pid), 0));
      await new Promise((resolve) => setTimeout(resolve, 2_000));
      targets.forEach((t, i) => {
        const after = processTree(t.pid).reduce((sum, pid) => sum + cpuTicks(pid), 0);
        idle[t.name] = Math.round(((after - before[i]!) / ticks / 2) * 1000) / 1000;
      });
      log(`idle CPU (share of a core): ${targets.map((t) => `${t.name} ${idle[t.name]}`).join(", ")}`);
    }

    // ── Scenarios, each server in turn ──
    const runs: LoadResult[] = [];
    const loadgenFile = path.join(repoRoot, "tests/bench/loadgen.ts");
    for (let round = 1; round <= o.rounds; round++) {
      if (o.rounds > 1) log(`round ${round} of ${o.rounds}`);
      for (const scenario of o.scenarios) {
        for (const t of targets) {
          if (GRAPH_SCENARIOS.includes(scenario) && t.name !== "guestgate") continue;
          const request = await requestFor(scenario, t);
          const spec: LoadSpec = {
            server: t.name,
            scenario,
            origin: t.origin,
            request,
            connections: o.connections,
            warmupSeconds: o.warmupSeconds,
            durationSeconds: o.durationSeconds,
            serverPids: processTree(t.pid),
            clockTicksPerSecond: ticks,
          };
          const loadgen = start(process.execPath, [tsxCli, loadgenFile], {
            cwd: repoRoot,
            env: { ...process.env, BENCH_LOAD: JSON.stringify(spec) },
            cpu: pins.loadgen,
          });
          const code = await new Promise<number | null>((resolve) => loadgen.child.on("exit", resolve));
          const last = loadgen.output().trim().split("\n").pop() ?? "";
          if (code !== 0) throw new Error(`load generator failed for ${t.name}/${scenario}:\n${loadgen.output()}`);
          const result = JSON.parse(last) as LoadResult;
          runs.push(result);
          // A window with no answer at all (a server overwhelmed) has no latencies: null in the JSON.
          const fixed = (value: number | null, digits: number) => (value === null ? "–" : value.toFixed(digits));
          log(
            `${scenario.padEnd(18)} ${t.name.padEnd(15)} ${fixed(result.requestsPerSecond, 0).padStart(6)} req/s  p50 ${fixed(result.p50Ms, 2)} ms  p99 ${fixed(result.p99Ms, 2)} ms  ${fixed(result.cpuPerRequestUs, 0)} µs CPU/req  (others: ${result.otherCpuCores} cores)${result.errors ? `  ${result.errors} ERRORS: ${result.firstError}` : ""}`,
          );
        }
      }
    }
    const results = medians(runs);

    async function requestFor(scenario: ScenarioName, t: Target): Promise<RequestShape> {
      const graph = graphRequests[scenario];
      if (graph) return graph;
      if (scenario === "jwks") return { method: "GET", path: t.paths.jwks, headers: {} };
      if (scenario === "discovery") return { method: "GET", path: t.paths.discovery, headers: {} };
      if (scenario === "client_credentials")
        return { method: "POST", path: t.paths.token, headers: tokenHeaders, body: t.clientCredentialsBody };
      // authorization_code: a pool of single-use codes made just before (they live 60 s), sized from
      // this server's client_credentials rate (an exchange costs more than that), warm-up included.
      // Guestgate's codes cost ~1.5 ms each to make, the others' next to nothing: those get plenty.
      const cc = runs.findLast((r) => r.server === t.name && r.scenario === "client_credentials")?.requestsPerSecond;
      const seconds = o.warmupSeconds + o.durationSeconds;
      const guestgate = t.name.startsWith("guestgate");
      const count = guestgate
        ? Math.min(20_000, Math.ceil(Math.max(cc ?? 500, 200) * seconds * 1.5) + o.connections)
        : Math.min(60_000, Math.ceil(Math.max(cc ?? 2_000, 1_000) * seconds * 2) + o.connections);
      const made = performance.now();
      const codes = await poolFor(t, count);
      log(`${count} codes for ${t.name} (${since(made)})`);
      const bodiesFile = path.join(tmp, `codes-${t.name}.txt`);
      writeFileSync(bodiesFile, codes.map(tokenRequestBody.code).join("\n"));
      return { method: "POST", path: t.paths.token, headers: tokenHeaders, bodiesFile };
    }

    async function poolFor(t: Target, count: number): Promise<string[]> {
      if (t.name === "guestgate" || t.name === "guestgate-next") return mintCodes(handle!, client.clientId, count);
      const challenge = createHash("sha256").update(CODE_VERIFIER, "ascii").digest("base64url");
      const query = new URLSearchParams({ n: String(count), challenge, redirect_uri: REDIRECT_URI });
      const response = await fetch(`${t.origin}/__bench/codes?${query}`, { method: "POST" });
      if (!response.ok) throw new Error(`${t.name}: no codes (${response.status} ${await response.text()})`);
      return (await response.json()) as string[];
    }

    // ── Report ──
    const rows = withRatios(results);
    console.log(table(rows));
    const goals = checkTargets(rows);
    console.log(targetsTable(goals));
    // ── The guest pages' weight, the journeys, the scale-out (each on its own npm start of this checkout's build) ──
    const problem = buildProblem(repoRoot);
    const part = async <K extends "pages" | "journeys" | "scale">(name: K, wanted: boolean, why: string) =>
      !wanted ? { [name]: { leftOut: why } } : problem ? { [name]: { leftOut: problem } } : await measurePart(name, o);
    const parts = {
      ...(await part("pages", o.pages, "--no-pages")),
      ...(await part("journeys", o.journeys, "--no-journeys")),
      ...(await part("scale", !!o.postgres, o.scaleLeftOut)),
    };
    const report = {
      date: new Date().toISOString(),
      node: process.version,
      ...machineAndCommit(),
      appRoot: o.appRoot,
      pinning: pins.server ? { servers: `core ${pins.server}`, loadgen: `core ${pins.loadgen}` } : "none",
      settings: {
        warmupSeconds: o.warmupSeconds,
        durationSeconds: o.durationSeconds,
        connections: o.connections,
        rounds: o.rounds,
        quick: o.quick,
      },
      next: buildInfo,
      graph: graphInfo,
      servers: Object.fromEntries(
        targets.map((t) => [
          t.name,
          { label: SERVER_LABELS[t.name], note: t.note, idleCpuShare: idle[t.name], tokenShape: tokenShapes[t.name] },
        ]),
      ),
      results: rows,
      targets: goals,
      ...parts,
      ...(o.rounds > 1 ? { rounds: runs } : {}),
      totalSeconds: Math.round((performance.now() - began) / 100) / 10,
    };
    writeReport(o.out, report);
    log(`total ${since(began)}`);
    const failed = rows.filter((r) => r.errors > 0);
    if (failed.length) {
      console.error(`bench: ${failed.length} runs had errors (see the notes column)`);
      process.exitCode = 1;
    }
  } finally {
    await cleanup();
  }
}

/** One of the parts that run on their own npm start: prints its table, returns its JSON. */
async function measurePart(
  name: "pages" | "journeys" | "scale",
  o: ReturnType<typeof options>,
): Promise<
  | { pages: PageRow[]; pagesTarget: { gzipBytes: number; javaScript: false } }
  | { journeys: JourneyRow[]; journeyTargets: ReturnType<typeof journeyTargets> }
  | { scale: ScaleResult | { leftOut: string } }
> {
  if (name === "pages") {
    const pages = await measurePages(log);
    console.log(pagesTable(pages));
    return { pages, pagesTarget: { gzipBytes: TARGET_GZIP_BYTES, javaScript: false } };
  }
  if (name === "journeys") {
    const journeys = await measureJourneys(log, { count: o.journeyCount, cpuProfDir: o.cpuProfDir });
    console.log(journeysTable(journeys));
    return { journeys, journeyTargets: journeyTargets(journeys) };
  }
  if (!o.postgres) {
    log(`scale-out left out: ${o.scaleLeftOut}`);
    return { scale: { leftOut: o.scaleLeftOut } };
  }
  const scale = await measureScale(log, {
    postgres: o.postgres,
    durationSeconds: o.durationSeconds,
    warmupSeconds: o.warmupSeconds,
    connections: o.connections,
  });
  console.log(scaleTable(scale));
  return { scale };
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
