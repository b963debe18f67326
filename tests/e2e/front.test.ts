// The front of `npm start` (app/_lib/front) answers the provider's JSON endpoints before Next. Each
// answer must be the one Next's route handler gives: the suite's server (npm start) and a plain
// `next start` of the same build, on the same database, tenants and secrets and with the same
// public base URL, get the same requests; statuses, headers and bodies are compared, errors
// included. Tokens one issues are valid at the other (same keys, same issuer).
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { APPS, guestgateCli } from "./support/applications";
import "./support/context";
import { freePort, startServer, waitForOk, type RunningProcess } from "./support/server";

const TENANT = "woodgrove";
/** Set per connection or per answer by Node or the server, never by an endpoint. */
const TRANSPORT_HEADERS = new Set(["date", "connection", "keep-alive", "transfer-encoding", "content-length", "x-request-id"]);
/**
 * What only Next adds: its RSC `Vary` (no JSON answer varies on those) and gzip (the front leaves
 * compression to the reverse proxy; these bodies are small). Compared apart: an answer without
 * Next's `Vary` is the proof that the front, not Next, answered it.
 */
const NEXT_ONLY_HEADERS = ["vary", "content-encoding"];

interface Answer {
  status: number;
  headers: Record<string, string>;
  nextOnly: Record<string, string>;
  body: string;
  requestId: string | null;
}

let next: RunningProcess | undefined;
let nextOrigin = "";
let client = { id: "", secret: "" };
let token = "";

beforeAll(async () => {
  const env = { ...process.env, ...inject("cliEnv") };
  const printed = await guestgateCli(
    [
      "app",
      "create",
      `--tenant=${TENANT}`,
      "--name=Front e2e client",
      "--type=confidential",
      "--grant=client_credentials",
      "--permission=User.Read.All",
    ],
    env,
  );
  client = { id: /client id:\s+(\S+)/.exec(printed)?.[1] ?? "", secret: /client secret:\s+(\S+)/.exec(printed)?.[1] ?? "" };
  expect(client.id && client.secret, printed).toBeTruthy();
  const port = await freePort();
  // The suite's environment, base URL included: the same issuer, so bodies and tokens compare.
  next = startServer(port, { ...env, NEXT_TELEMETRY_DISABLED: "1", PORT: String(port) }, { via: "next start" });
  nextOrigin = `http://localhost:${port}`;
  await waitForOk(`${nextOrigin}/api/health`, next);
  const issued = await send(inject("baseURL"), "POST", "oauth2/v2.0/token", tokenForm());
  token = (JSON.parse(issued.body) as { access_token: string }).access_token;
}, 240_000);

afterAll(async () => {
  await next?.stop();
});

function basic(id = client.id, secret = client.secret): Record<string, string> {
  return { authorization: `Basic ${Buffer.from(`${encodeURIComponent(id)}:${encodeURIComponent(secret)}`).toString("base64")}` };
}

function tokenForm(extra: Record<string, string> = {}) {
  return {
    headers: { "content-type": "application/x-www-form-urlencoded", ...basic() },
    body: new URLSearchParams({
      grant_type: "client_credentials",
      scope: `${inject("baseURL")}/${TENANT}/graph/.default`,
      ...extra,
    }).toString(),
  };
}

async function send(
  origin: string,
  method: string,
  rest: string,
  init: { headers?: Record<string, string>; body?: string } = {},
  tenant = TENANT,
): Promise<Answer> {
  const response = await fetch(`${origin}/${tenant}/${rest}`, {
    method,
    headers: init.headers,
    body: init.body,
    redirect: "manual",
  });
  const headers: Record<string, string> = {};
  const nextOnly: Record<string, string> = {};
  response.headers.forEach((value, name) => {
    if (NEXT_ONLY_HEADERS.includes(name)) nextOnly[name] = value;
    else if (!TRANSPORT_HEADERS.has(name)) headers[name] = value;
  });
  return {
    status: response.status,
    headers,
    nextOnly,
    body: await response.text(),
    requestId: response.headers.get("x-request-id"),
  };
}

/** What may differ between two answers to the same request: fresh tokens, their ids and times. */
function shape(answer: Answer): unknown {
  if (!answer.headers["content-type"]?.startsWith("application/json")) return answer.body;
  const body = JSON.parse(answer.body) as Record<string, unknown>;
  const volatile = new Set(["access_token", "iat", "exp", "nbf", "jti", "grant_id"]);
  return Object.fromEntries(Object.entries(body).map(([key, value]) => [key, volatile.has(key) ? typeof value : value]));
}

type Case = [string, string, string, () => { headers?: Record<string, string>; body?: string }, string?];

const form = (fields: Record<string, string>, headers: Record<string, string> = basic()) => ({
  headers: { "content-type": "application/x-www-form-urlencoded", ...headers },
  body: new URLSearchParams(fields).toString(),
});

const CASES: Case[] = [
  ["discovery", "GET", "v2.0/.well-known/openid-configuration", () => ({})],
  ["discovery without /v2.0", "GET", ".well-known/openid-configuration", () => ({})],
  ["discovery preflight", "OPTIONS", "v2.0/.well-known/openid-configuration", () => ({})],
  ["discovery of an unknown tenant", "GET", "v2.0/.well-known/openid-configuration", () => ({}), "no-such-tenant"],
  ["JWKS", "GET", "discovery/v2.0/keys", () => ({})],
  ["JWKS preflight", "OPTIONS", "discovery/v2.0/keys", () => ({})],
  ["client_credentials", "POST", "oauth2/v2.0/token", () => tokenForm()],
  ["token preflight", "OPTIONS", "oauth2/v2.0/token", () => ({ headers: { origin: "https://spa.example" } })],
  [
    "token, wrong secret",
    "POST",
    "oauth2/v2.0/token",
    () => form({ grant_type: "client_credentials" }, basic(client.id, "wrong")),
  ],
  ["token, unknown grant", "POST", "oauth2/v2.0/token", () => form({ grant_type: "password", username: "a", password: "b" })],
  [
    "token, JSON body",
    "POST",
    "oauth2/v2.0/token",
    () => ({ headers: { "content-type": "application/json", ...basic() }, body: "{}" }),
  ],
  ["token, body over 64 KiB", "POST", "oauth2/v2.0/token", () => tokenForm({ padding: "x".repeat(70 * 1024) })],
  ["token, GET (Next's 405)", "GET", "oauth2/v2.0/token", () => ({})],
  ["token of an unknown tenant", "POST", "oauth2/v2.0/token", () => tokenForm(), "no-such-tenant"],
  ["userinfo without a token", "GET", "oauth2/v2.0/userinfo", () => ({})],
  ["userinfo, malformed Authorization", "GET", "oauth2/v2.0/userinfo", () => ({ headers: { authorization: "Basic x" } })],
  ["userinfo, bad token", "POST", "oauth2/v2.0/userinfo", () => ({ headers: { authorization: "Bearer not.a.token" } })],
  ["userinfo, app-only token", "GET", "oauth2/v2.0/userinfo", () => ({ headers: { authorization: `Bearer ${token}` } })],
  ["userinfo preflight", "OPTIONS", "oauth2/v2.0/userinfo", () => ({})],
  ["introspect", "POST", "oauth2/v2.0/introspect", () => form({ token })],
  ["introspect, no client", "POST", "oauth2/v2.0/introspect", () => form({ token }, {})],
  ["revoke, unknown token", "POST", "oauth2/v2.0/revoke", () => form({ token: "unknown" })],
  ["revoke, no token", "POST", "oauth2/v2.0/revoke", () => form({})],
];

describe("npm start's front answers the JSON endpoints as Next's route handlers do", () => {
  it.each(CASES)("%s", async (name, method, rest, init, tenant) => {
    const [front, viaNext] = [
      await send(inject("baseURL"), method, rest, init(), tenant),
      await send(nextOrigin, method, rest, init(), tenant),
    ];
    expect({ status: front.status, headers: front.headers }).toEqual({ status: viaNext.status, headers: viaNext.headers });
    expect(shape(front)).toEqual(shape(viaNext));
    // Next's own answers carry its RSC Vary; the front's do not — except where the front hands over.
    expect(viaNext.nextOnly.vary).toMatch(/^rsc, next-router-state-tree/);
    if (name.includes("Next's")) expect(front.nextOnly.vary).toBe(viaNext.nextOnly.vary);
    else expect(front.nextOnly).toEqual({});
    // Every answer carries its own request id (app/_lib/log/request-ids.ts), on both roads.
    expect(front.requestId).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(viaNext.requestId).toMatch(/^[A-Za-z0-9_-]{22}$/);
    if (method !== "GET" || !rest.startsWith("oauth2/v2.0/token")) {
      expect(front.headers["x-content-type-options"]).toBe("nosniff");
    }
  });

  it("sends nosniff and no-store on userinfo's, token's and introspection's errors", async () => {
    const origin = inject("baseURL");
    const answers = [
      await send(origin, "GET", "oauth2/v2.0/userinfo"),
      await send(origin, "GET", "oauth2/v2.0/userinfo", { headers: { authorization: "Bearer not.a.token" } }),
      await send(origin, "POST", "oauth2/v2.0/token", form({ grant_type: "client_credentials" }, basic(client.id, "wrong"))),
      await send(origin, "POST", "oauth2/v2.0/introspect", form({ token }, {})),
    ];
    for (const answer of answers) {
      expect(answer.status).toBeGreaterThanOrEqual(400);
      expect(answer.headers).toMatchObject({ "x-content-type-options": "nosniff", "cache-control": "no-store" });
    }
  });

  it("keeps the connection usable after a body it refused unread", async () => {
    const origin = inject("baseURL");
    const big = await send(origin, "POST", "oauth2/v2.0/token", tokenForm({ padding: "x".repeat(200 * 1024) }));
    expect(big.status).toBe(413);
    const after = await send(origin, "POST", "oauth2/v2.0/token", tokenForm());
    expect(after.status).toBe(200);
  });
});

/**
 * The authorization endpoint's answers are redirects; through Next the proxy adds the navigation
 * headers (CSP, Content-Language, the security headers), and the front adds the same ones
 * (http/navigation-headers.ts). What differs by design: the CSP nonce, a fresh interaction id and
 * browser binding, and Next's RSC Vary. A silent sign-in (a live session) is in
 * tests/integration/front/front.test.ts.
 */
describe("npm start's front answers the authorization endpoint as Next does", () => {
  const app = APPS.woodgrove;
  const query = (extra: Record<string, string> = {}) =>
    new URLSearchParams({
      client_id: app.clientId,
      redirect_uri: app.registeredRedirectUri,
      response_type: "code",
      scope: "openid",
      state: "s-1",
      code_challenge: "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSmtw-cM",
      code_challenge_method: "S256",
      ...extra,
    });
  const volatile = (answer: Answer) => ({
    status: answer.status,
    headers: Object.fromEntries(
      Object.entries(answer.headers).map(([name, value]) => [
        name,
        value
          .replace(/'nonce-[A-Za-z0-9+/=]+'/g, "'nonce-…'")
          .replace(/\/interaction\/[A-Za-z0-9_-]{43}/, "/interaction/…")
          .replace(/^(__Host-)?gg_ia=[A-Za-z0-9_-]{43}/, "$1gg_ia=…"),
      ]),
    ),
    body: answer.body,
  });

  it.each([
    ["no session: the interaction page", query(), {}],
    ["in Dutch, by ui_locales", query({ ui_locales: "nl" }), {}],
    ["in French, by Accept-Language", query(), { "accept-language": "fr-BE,fr;q=0.9" }],
    ["prompt=none without a session: login_required to the client", query({ prompt: "none" }), {}],
    ["an unregistered redirect_uri: our error page", query({ redirect_uri: "https://evil.example/cb" }), {}],
    ["an unknown client: our error page", query({ client_id: "00000000-0000-4000-8000-000000000000" }), {}],
    ["no PKCE for a public client: back to the client", query({ code_challenge: "", code_challenge_method: "" }), {}],
  ] as const)("%s", async (_name, params, headers) => {
    const init = { headers: { ...headers, cookie: "gg_locale=sv" } };
    const rest = `oauth2/v2.0/authorize?${params}`;
    const [front, viaNext] = [
      await send(inject("baseURL"), "GET", rest, init, app.tenant),
      await send(nextOrigin, "GET", rest, init, app.tenant),
    ];
    expect(front.status).toBe(302);
    expect(volatile(front)).toEqual(volatile(viaNext));
    expect(front.headers["content-security-policy"]).toContain("frame-ancestors 'none'");
    expect(front.headers["content-language"]).toMatch(/^(en|nl|sv|fr)$/);
    expect(viaNext.nextOnly.vary).toMatch(/^rsc, next-router-state-tree/);
    expect(front.nextOnly).toEqual({});
    expect(front.requestId).toMatch(/^[A-Za-z0-9_-]{22}$/);
  });

  it("leaves an unknown tenant's authorization endpoint to Next: the tenant-not-found page", async () => {
    const answer = await send(inject("baseURL"), "GET", `oauth2/v2.0/authorize?${query()}`, {}, "no-such-tenant");
    expect(answer.status).toBe(404);
    expect(answer.headers["content-type"]).toMatch(/^text\/html/);
  });
});
