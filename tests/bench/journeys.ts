// The guest journeys end to end over HTTP, through what `npm start` runs (tests/soak/site.ts: the
// built server, a fresh seeded SQLite database, a real SMTP capture): a passcode sign-up (authorize →
// e-mail step → passcode read from the captured mail → attributes step → code → token), a returning
// guest's sign-in (the same without the attributes step), and a silent sign-in (an authorization
// request from a browser with a live session → code, no page → token). For each: the server's CPU
// time per journey (its process tree, from /proc, over the whole phase) and the wall time a journey
// takes as the client sees it, with issue 13's targets beside them; and the silent sign-in again
// on node-oidc-provider, which has that one (journeys-peer.ts).
//
//   npx tsx tests/bench/journeys.ts [--count N] [--concurrency C] [--cpu-prof DIR]   alone (part of `npm run bench` too)
import os from "node:os";
import { parseArgs } from "node:util";
import { runJourney, silentSignIn, type HttpBrowser, type JourneyOptions } from "../helpers/http-journey";
import { startSite, WOODGROVE_DEMO } from "../soak/site";
import { measurePeerSilentSignIn } from "./journeys-peer";
import { phase, type JourneyName, type JourneyRow } from "./lib/journey-phase";
import { pinning } from "./lib/proc";

export { JOURNEYS, type JourneyName, type JourneyRow } from "./lib/journey-phase";

export interface JourneyTarget {
  journey: JourneyName;
  target: string;
  measured: string;
  met: boolean | undefined;
}

const PEER_TITLE =
  "the same on node-oidc-provider 9: codes, grants and sessions in a Map; no refresh token (offline_access needs prompt=consent there)";
const TITLES: Record<JourneyName, string> = {
  sign_up: "passcode sign-up (authorize, e-mail, passcode from SMTP, attributes, code, token)",
  sign_in: "returning guest's sign-in (authorize, e-mail, passcode from SMTP, code, token)",
  silent_sign_in: "silent sign-in (authorize with a live session → code, token)",
};

interface JourneyOptionsOfBench {
  count?: number;
  concurrency?: number;
  cpuProfDir?: string;
  instanceEnv?: Record<string, string>;
  /** The silent sign-in on node-oidc-provider too (default true). */
  peer?: boolean;
}

/**
 * Guestgate's journeys (below), then the silent sign-in on node-oidc-provider, the one of the three
 * it has: as many logins, as many browsers, as many at a time.
 */
export async function measureJourneys(
  log: (message: string) => void,
  options: JourneyOptionsOfBench = {},
): Promise<JourneyRow[]> {
  const rows = await measureGuestgateJourneys(log, options);
  if (options.peer === false) return rows;
  const count = options.count ?? 40;
  const peer = await measurePeerSilentSignIn(log, {
    count: count * 5,
    browsers: count,
    concurrency: options.concurrency ?? 2,
    cpuProfDir: options.cpuProfDir,
  });
  log(
    `silent_sign_in on oidc-provider: ${peer.cpuMsPerJourney} ms CPU, ${peer.count} done, ${peer.failed} failed${peer.firstFailure ? ` (${peer.firstFailure})` : ""}`,
  );
  return [...rows, peer];
}

/** Sign-ups, then each new guest's sign-in (a fresh browser), then silent sign-ins on those sessions. */
async function measureGuestgateJourneys(log: (message: string) => void, options: JourneyOptionsOfBench): Promise<JourneyRow[]> {
  const count = options.count ?? 40;
  const concurrency = options.concurrency ?? 2;
  const pins = pinning();
  const site = await startSite({
    cpus: pins.server ? [pins.server] : undefined,
    instanceEnv: {
      ...options.instanceEnv,
      // A V8 CPU profile of the server (tests/bench/profile-summary.ts), written when it stops.
      ...(options.cpuProfDir
        ? { NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ""} --cpu-prof --cpu-prof-dir=${options.cpuProfDir}`.trim() }
        : {}),
    },
  });
  try {
    const pid = site.server.child.pid!;
    log(`journeys: npm start at ${site.origin} (pid ${pid}${pins.server ? `, core ${pins.server}` : ""}), ${count} of each`);
    const responses = { count: 0 };
    const journey: JourneyOptions = {
      origin: site.origin,
      mailDir: site.mailDir,
      onResponse: () => void responses.count++,
    };
    const tokenUrl = new URL(`/${WOODGROVE_DEMO.tenant}/oauth2/v2.0/token`, site.origin);
    const exchange = async (code: string, verifier: string) => {
      const response = await fetch(tokenUrl, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({
          client_id: WOODGROVE_DEMO.clientId,
          grant_type: "authorization_code",
          code,
          redirect_uri: WOODGROVE_DEMO.redirectUri,
          code_verifier: verifier,
        }),
      });
      responses.count++;
      const body = (await response.json()) as { id_token?: string; error?: string };
      if (response.status !== 200 || !body.id_token) throw new Error(`token: ${response.status} ${JSON.stringify(body)}`);
    };
    const run = `${process.pid}-${Date.now().toString(36)}`;
    const emailOf = (i: number) => `bench-journey-${run}-${i}@example.com`;
    const browsers: HttpBrowser[] = [];

    // Warm-up: the first render of each page compiles and caches; not measured.
    for (let i = 0; i < 2; i++) {
      const result = await runJourney(journey, WOODGROVE_DEMO, `warm-${run}-${i}@example.com`);
      await exchange(result.code, result.verifier);
      const silent = await silentSignIn(result.browser, site.origin, WOODGROVE_DEMO);
      await exchange(silent.code, silent.verifier);
    }

    const rows: JourneyRow[] = [];
    rows.push(
      await phase("sign_up", count, concurrency, pid, responses, async (i) => {
        const result = await runJourney(journey, WOODGROVE_DEMO, emailOf(i));
        await exchange(result.code, result.verifier);
      }),
    );
    rows.push(
      await phase("sign_in", count, concurrency, pid, responses, async (i) => {
        const result = await runJourney(journey, WOODGROVE_DEMO, emailOf(i));
        if (result.pages.some((p) => p.step === "attributes")) throw new Error("a returning guest was asked for attributes");
        await exchange(result.code, result.verifier);
        browsers[i] = result.browser;
      }),
    );
    const sessions = browsers.filter(Boolean);
    rows.push(
      await phase("silent_sign_in", count * 5, concurrency, pid, responses, async (i) => {
        const { code, verifier } = await silentSignIn(sessions[i % sessions.length]!, site.origin, WOODGROVE_DEMO);
        await exchange(code, verifier);
      }),
    );
    for (const row of rows)
      log(
        `${row.journey.padEnd(15)} ${row.cpuMsPerJourney} ms CPU, ${row.wallP50Ms} ms wall (p50), ${row.requestsPerJourney} requests each; ${row.count} done, ${row.failed} failed${row.firstFailure ? ` (${row.firstFailure})` : ""}; others used ${row.otherCpuCores} cores`,
      );
    return rows;
  } finally {
    await site.stop();
  }
}

/** Issue 13: silent sign-in ≤ 2 ms CPU per login; ≥ 25 sign-ups/s per core on SQLite. */
export function journeyTargets(rows: JourneyRow[]): JourneyTarget[] {
  const of = (name: JourneyName) => rows.find((r) => r.journey === name && r.server === "guestgate" && r.count > 0);
  const silent = of("silent_sign_in");
  const signUp = of("sign_up");
  return [
    {
      journey: "silent_sign_in",
      target: "≤ 2 ms CPU per login",
      measured: silent ? `${silent.cpuMsPerJourney} ms` : "not measured",
      met: silent ? silent.cpuMsPerJourney <= 2 : undefined,
    },
    {
      journey: "sign_up",
      target: "≥ 25 sign-ups/s per core (SQLite)",
      measured: signUp ? `${signUp.perCoreSecond}/s (${signUp.cpuMsPerJourney} ms CPU each)` : "not measured",
      met: signUp ? signUp.perCoreSecond >= 25 : undefined,
    },
  ];
}

const fmt = (value: number, digits = 1) =>
  Number.isFinite(value) ? value.toLocaleString("en-US", { maximumFractionDigits: digits, minimumFractionDigits: digits }) : "–";

export function journeysTable(rows: JourneyRow[]): string {
  const out = [
    "\nJourneys through npm start (SQLite, SMTP capture), per journey:\n",
    "| journey | server | done | failed | HTTP requests | server CPU ms | per core /s | wall p50 ms | wall p90 ms | journeys/s | notes |",
    "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---|",
  ];
  const peerOf = (r: JourneyRow) =>
    r.server === "guestgate"
      ? rows.find((p) => p.server === "oidc-provider" && p.journey === r.journey && p.count > 0)
      : undefined;
  for (const r of rows) {
    const peer = peerOf(r);
    const notes = [
      r.server === "guestgate" ? TITLES[r.journey] : PEER_TITLE,
      peer ? `${fmt(r.cpuMsPerJourney / peer.cpuMsPerJourney, 2)}× oidc-provider's CPU` : "",
      `${r.concurrency} at a time`,
      r.otherCpuCores > 0.25 ? `other processes used ${fmt(r.otherCpuCores)} cores` : "",
      r.firstFailure ? `first failure: ${r.firstFailure.slice(0, 80)}` : "",
    ].filter(Boolean);
    out.push(
      `| ${r.journey} | ${r.server} | ${r.count} | ${r.failed} | ${fmt(r.requestsPerJourney)} | ${fmt(r.cpuMsPerJourney, 2)} | ${fmt(r.perCoreSecond)} | ${fmt(r.wallP50Ms)} | ${fmt(r.wallP90Ms)} | ${fmt(r.journeysPerSecond)} | ${notes.join("; ")} |`,
    );
  }
  out.push("\nTargets (issue 13), journeys:\n", "| journey | target | measured | met |", "|---|---|---|---|");
  for (const t of journeyTargets(rows))
    out.push(
      `| ${t.journey} | ${t.target} | ${t.measured} | ${t.met === undefined ? "not measured" : t.met ? "met" : "not met"} |`,
    );
  out.push(
    "\nPublished peers (not run here): Keycloak ~15 password logins/s per vCPU; Zitadel 39 logins/s on 6 vCPU (~6.5 per vCPU).",
  );
  return out.join("\n");
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({
    options: {
      count: { type: "string", default: "40" },
      concurrency: { type: "string", default: "2" },
      "cpu-prof": { type: "string" },
    },
  });
  console.log(`journeys: ${new Date().toISOString()} · Node ${process.version} · ${os.availableParallelism()} cores`);
  const rows = await measureJourneys((m) => console.log(m), {
    count: Number(values.count),
    concurrency: Number(values.concurrency),
    cpuProfDir: values["cpu-prof"],
  });
  console.log(journeysTable(rows));
}
