// What the bench's processes tell each other: the orchestrator (run.ts), the servers (servers/*.ts)
// and the load generator (loadgen.ts). Everything crosses process boundaries as JSON.

/** `guestgate` is what `npm start` runs; `guestgate-next` is plain `next start` of the same build (what it ran before). */
export const SERVERS = ["bare", "oidc-provider", "guestgate-next", "guestgate"] as const;
export type ServerName = (typeof SERVERS)[number];

export const SCENARIOS = [
  "client_credentials",
  "authorization_code",
  "jwks",
  "discovery",
  "graph_users_list",
  "graph_user_get",
] as const;
export type ScenarioName = (typeof SCENARIOS)[number];

/** The Graph API's scenarios: measured on `guestgate` (npm start; the front hands them to Next's route handler). */
export const GRAPH_SCENARIOS: readonly ScenarioName[] = ["graph_users_list", "graph_user_get"];
/** Guests in the benchmark tenant for the Graph scenarios: a list must stay fast on a large directory. */
export const GRAPH_GUESTS = 100_000;
/** Every seeded guest (and the bench guest) matches: the keyset walks the (tenantId, displayName, id) index. */
export const GRAPH_USERS_FILTER = "startsWith(displayName,'Bench')";

export const SERVER_LABELS: Record<ServerName, string> = {
  bare: "bare node:http + jose",
  "oidc-provider": "node-oidc-provider 9",
  "guestgate-next": "Guestgate, plain next start (before)",
  guestgate: "Guestgate, npm start (front + Next)",
};

/** The one tenant every Guestgate server is measured on (from the repository's tenants.json). */
export const TENANT = "woodgrove";
/** Registered for the confidential client on every server; never called. */
export const REDIRECT_URI = "https://app.bench.invalid/callback";
/** One PKCE verifier for every code: each exchange still hashes it (RFC 7636 §4.6). */
export const CODE_VERIFIER = "bench-verifier-0123456789-abcdefghijklmnopqrstuvwxyz";
export const CODE_SCOPE = "openid profile email";
export const NONCE = "bench-nonce";
/** The application permission the confidential client holds (appears as `roles`). */
export const PERMISSION = "User.Read.All";

/** node-oidc-provider's public client for the journeys' silent sign-in (token_endpoint_auth_method none, PKCE). */
export const PUBLIC_CLIENT_ID = "bench-public";
/**
 * What the silent sign-in asks for: Guestgate's demo scope with this server's resource scope (for a
 * JWT access token) and without offline_access, which node-oidc-provider drops from any request
 * whose prompt lacks consent (OpenID Connect Core §11), so a silent one gets no refresh token here.
 */
export const SILENT_SCOPE = "openid profile email api:read";

/** The line a server prints on stdout once it listens. */
export const READY_PREFIX = "BENCH-READY ";
export interface ReadyMessage {
  port: number;
  pid: number;
  /** What the server is, in a few words (wiring, signing algorithms, storage). */
  note: string;
}

/** The confidential client every server knows (the same id and secret where the server lets us choose). */
export interface BenchClient {
  clientId: string;
  secret: string;
}

/** One HTTP request shape of a scenario. `bodies` (a file of one body per line) is for single-use codes. */
export interface RequestShape {
  method: "GET" | "POST";
  path: string;
  headers: Record<string, string>;
  body?: string;
  bodiesFile?: string;
}

export interface LoadSpec {
  server: ServerName;
  scenario: ScenarioName;
  origin: string;
  request: RequestShape;
  connections: number;
  warmupSeconds: number;
  durationSeconds: number;
  /** Process ids whose CPU time (utime + stime) is the server's, read from /proc. */
  serverPids: number[];
  clockTicksPerSecond: number;
}

export interface LoadResult {
  server: ServerName;
  scenario: ScenarioName;
  /** Completed with the expected status within the measured window. */
  requests: number;
  errors: number;
  firstError?: string;
  seconds: number;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  /** Server CPU time (user + system) during the window, divided by the requests. */
  cpuPerRequestUs: number;
  /** The server's CPU time / wall time in the window: ~1.0 means its core was saturated. */
  serverCpuShare: number;
  /** The load generator's own CPU time / wall time: near 1.0 it, not the server, may be the limit. */
  loadgenCpuShare: number;
  /**
   * Cores' worth of CPU that neither the server nor the load generator used during the window:
   * other processes on the machine (the numbers are only comparable when this stays small).
   */
  otherCpuCores: number;
  /** The single-use codes ran out before the window ended (the window is then shorter). */
  poolExhausted: boolean;
}
