// The results as a table (absolute numbers and ratios to the bare server, per scenario) and as JSON.
import {
  GRAPH_SCENARIOS,
  GRAPH_USERS_FILTER,
  SCENARIOS,
  SERVER_LABELS,
  SERVERS,
  type LoadResult,
  type ScenarioName,
  type ServerName,
} from "./protocol";

export interface Ratios {
  /** req/s of this server ÷ req/s of the bare server (higher is better). */
  throughput: number;
  /** CPU per request ÷ the bare server's (lower is better). */
  cpuPerRequest: number;
  /** p50 latency ÷ the bare server's. */
  p50: number;
}

export type Row = LoadResult & {
  ratiosToBare?: Ratios;
  /** Graph scenarios (no bare counterpart): the same server's client_credentials token endpoint as the unit. */
  ratiosToClientCredentials?: Ratios;
};

export const SCENARIO_TITLES: Record<ScenarioName, string> = {
  client_credentials: "POST token, grant_type=client_credentials (Basic auth; ES256 at+jwt)",
  authorization_code: "POST token, grant_type=authorization_code + PKCE (Basic auth; ES256 at+jwt + RS256 ID token)",
  jwks: "GET JWKS",
  discovery: "GET openid-configuration",
  graph_users_list: `GET /users?$top=100&$filter=${GRAPH_USERS_FILTER} over 100,000 guests (bearer token)`,
  graph_user_get: "GET /users/{id} (bearer token)",
};

const ratio = (a: number, b: number) => (b > 0 && Number.isFinite(a) ? Math.round((a / b) * 100) / 100 : NaN);

const ratios = (a: LoadResult, b: LoadResult): Ratios => ({
  throughput: ratio(a.requestsPerSecond, b.requestsPerSecond),
  cpuPerRequest: ratio(a.cpuPerRequestUs, b.cpuPerRequestUs),
  p50: ratio(a.p50Ms, b.p50Ms),
});

export function withRatios(results: LoadResult[]): Row[] {
  return results.map((result) => {
    if (GRAPH_SCENARIOS.includes(result.scenario)) {
      const token = results.find((r) => r.scenario === "client_credentials" && r.server === result.server);
      return token ? { ...result, ratiosToClientCredentials: ratios(result, token) } : result;
    }
    const bare = results.find((r) => r.scenario === result.scenario && r.server === "bare");
    if (!bare) return result;
    return { ...result, ratiosToBare: ratios(result, bare) };
  });
}

const fmt = (value: number | undefined, digits = 0) =>
  value === undefined || !Number.isFinite(value)
    ? "–"
    : value.toLocaleString("en-US", { maximumFractionDigits: digits, minimumFractionDigits: digits });

/** A Markdown table per scenario (it reads as plain text in a terminal too). */
export function table(rows: Row[]): string {
  const out: string[] = [];
  for (const scenario of SCENARIOS) {
    const inScenario = SERVERS.map((s) => rows.find((r) => r.scenario === scenario && r.server === s)).filter(
      (r): r is Row => !!r,
    );
    if (!inScenario.length) continue;
    out.push(`\n${scenario}: ${SCENARIO_TITLES[scenario]}\n`);
    out.push("| server | req/s | × bare | p50 ms | p99 ms | CPU µs/req | × bare | notes |");
    out.push("|---|---:|---:|---:|---:|---:|---:|---|");
    for (const r of inScenario) {
      const notes = [
        r.errors ? `${r.errors} errors (${r.firstError?.slice(0, 80)})` : "",
        r.poolExhausted ? `codes ran out after ${fmt(r.seconds, 1)} s` : "",
        r.loadgenCpuShare > 0.9 ? `load generator busy (${fmt(r.loadgenCpuShare * 100)}% of a core)` : "",
        r.serverCpuShare < 0.8 && r.loadgenCpuShare <= 0.9 ? `server core ${fmt(r.serverCpuShare * 100)}% busy` : "",
        r.otherCpuCores > 0.25 ? `other processes used ${fmt(r.otherCpuCores, 1)} cores` : "",
        r.ratiosToClientCredentials
          ? `CPU/req ${fmt(r.ratiosToClientCredentials.cpuPerRequest, 2)}× and req/s ${fmt(r.ratiosToClientCredentials.throughput, 2)}× its client_credentials`
          : "",
      ].filter(Boolean);
      out.push(
        `| ${SERVER_LABELS[r.server as ServerName]} | ${fmt(r.requestsPerSecond)} | ${fmt(r.ratiosToBare?.throughput, 2)} | ${fmt(r.p50Ms, 2)} | ${fmt(r.p99Ms, 2)} | ${fmt(r.cpuPerRequestUs)} | ${fmt(r.ratiosToBare?.cpuPerRequest, 2)} | ${notes.join("; ")} |`,
      );
    }
  }
  return out.join("\n");
}

/** One of issue 13's targets for `npm start` (guestgate): CPU per request against a peer's, at most `limit`×. */
export interface TargetCheck {
  scenario: ScenarioName;
  against: "bare" | "oidc-provider";
  limit: number;
  /** CPU µs per request of npm start, plain next start (before), and the peer. */
  guestgateUs?: number;
  nextStartUs?: number;
  peerUs?: number;
  ratio?: number;
  met?: boolean;
}

const TARGETS: ReadonlyArray<Pick<TargetCheck, "scenario" | "against" | "limit">> = [
  { scenario: "client_credentials", against: "bare", limit: 1.5 },
  { scenario: "client_credentials", against: "oidc-provider", limit: 0.67 },
  // Guestgate's codes are durable (in the database), the peer's in memory.
  { scenario: "authorization_code", against: "oidc-provider", limit: 1 },
  { scenario: "jwks", against: "bare", limit: 1.5 },
  { scenario: "discovery", against: "bare", limit: 1.5 },
];

export function targets(rows: Row[]): TargetCheck[] {
  const cpu = (server: ServerName, scenario: ScenarioName) =>
    rows.find((r) => r.server === server && r.scenario === scenario)?.cpuPerRequestUs;
  return TARGETS.map((target) => {
    const guestgateUs = cpu("guestgate", target.scenario);
    const peerUs = cpu(target.against, target.scenario);
    const ratio = guestgateUs !== undefined && peerUs ? Math.round((guestgateUs / peerUs) * 100) / 100 : undefined;
    return {
      ...target,
      guestgateUs,
      nextStartUs: cpu("guestgate-next", target.scenario),
      peerUs,
      ratio,
      met: ratio === undefined ? undefined : ratio <= target.limit,
    };
  });
}

/** The targets beside the measured CPU per request (npm start, and plain next start for before/after). */
export function targetsTable(checks: TargetCheck[]): string {
  const out = [
    "\nTargets (issue 13), CPU per request of npm start:\n",
    "| work | npm start µs | next start µs (before) | peer | peer µs | × peer | target | met |",
    "|---|---:|---:|---|---:|---:|---:|---|",
  ];
  for (const c of checks) {
    const met = c.met === undefined ? "not measured" : c.met ? "met" : "not met";
    out.push(
      `| ${c.scenario} | ${fmt(c.guestgateUs)} | ${fmt(c.nextStartUs)} | ${c.against} | ${fmt(c.peerUs)} | ${fmt(c.ratio, 2)} | ≤ ${c.limit}× | ${met} |`,
    );
  }
  return out.join("\n");
}
