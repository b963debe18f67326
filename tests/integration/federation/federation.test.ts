// The whole road to an upstream identity provider and back, with the real Auth.js handlers in-process
// and a real OpenID provider (node-oidc-provider) on 127.0.0.1: start → upstream login form →
// callback → the journey takes the normalised identity (once), or a typed reason.
import { createHash, randomBytes } from "node:crypto";
import { createServer } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTakenResultStore } from "../../../app/_lib/db";
import { createFederation, type Federation, type UpstreamOutcome } from "../../../app/_lib/federation";
import { createTenantDirectory, parseTenantsConfig, type Tenant } from "../../../app/_lib/tenant";
import { createTestDatabase, type TestDatabase } from "../../helpers/database";
import { startTestIdp, type TestIdp } from "../../mocks/idp";
import { Browser, type Page } from "./browser";

const BASE = "https://id.guestgate.test";
const TENANT = "woodgrove";
const OTHER = "sparbanken";
const ENTRA_DIRECTORY = "72f988bf-86f1-41af-91ab-2d7cd011db47";
const callback = (slug: string, id: string) => `${BASE}/${slug}/federation/callback/${id}`;
const secrets: Record<string, string> = {
  GOOGLE_SECRET: "google-secret",
  PARTNER_SECRET: "partner-secret",
  ENTRA_SECRET: "entra-secret",
};

let idp: TestIdp;
let database: TestDatabase;
let entra: TestIdp;
let federation: Federation;
let tenant: Tenant;
let other: Tenant;
const warnings: string[] = [];

async function deadPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** A fixed GUID per test slug (tenants[].id), so `tid` claims can be checked. */
const guidOf = (slug: string) =>
  createHash("sha256")
    .update(slug)
    .digest("hex")
    .slice(0, 32)
    .replace(/^(.{8})(.{4})(.{4})(.{4})(.{12})$/, "$1-$2-$3-$4-$5");

const tenantFile = (slug: string, identityProviders: unknown[]) => ({
  id: guidOf(slug),
  slug,
  displayName: slug,
  branding: { logo: "/x.svg", favicon: "/x.svg", primaryColor: "#1d6b3a", accentColor: "#c8e6b0", backgroundColor: "#ffffff" },
  locales: { enabled: ["en"], default: "en" },
  identityProviders,
});

beforeAll(async () => {
  database = await createTestDatabase("sqlite");
  idp = await startTestIdp({
    clients: [
      {
        clientId: "guestgate-google",
        clientSecret: secrets.GOOGLE_SECRET!,
        redirectUris: [callback(TENANT, "google"), callback(OTHER, "google")],
      },
      { clientId: "guestgate-partner", clientSecret: secrets.PARTNER_SECRET!, redirectUris: [callback(TENANT, "partner-sso")] },
    ],
    accounts: [
      {
        sub: "ada-0001",
        login: "ada",
        email: "ada@example.com",
        email_verified: true,
        name: "Ada Lovelace",
        given_name: "Ada",
        family_name: "Lovelace",
      },
      { sub: "bob-0002", login: "bob", email: "bob@example.com", email_verified: false, name: "Bob" },
    ],
  });
  entra = await startTestIdp({
    microsoftTenantId: ENTRA_DIRECTORY,
    clients: [
      {
        clientId: "guestgate-entra",
        clientSecret: secrets.ENTRA_SECRET!,
        redirectUris: [callback(TENANT, "entra"), callback(TENANT, "entra-personal"), callback(TENANT, "entra-contoso")],
      },
    ],
    accounts: [{ sub: "entra-sub-1", login: "megan", email: "megan@contoso.example", name: "Megan Bowen", oid: "0f8b-oid" }],
  });
  const google = {
    kind: "google",
    id: "google",
    clientId: "guestgate-google",
    clientSecretEnv: "GOOGLE_SECRET",
    issuer: idp.issuer,
  };
  const config = parseTenantsConfig(
    JSON.stringify({
      tenants: [
        tenantFile(TENANT, [
          { kind: "email-otp", id: "email" },
          google,
          {
            kind: "oidc",
            id: "partner-sso",
            displayName: "Partner SSO",
            clientId: "guestgate-partner",
            clientSecretEnv: "PARTNER_SECRET",
            issuer: idp.issuer,
          },
          {
            kind: "microsoft-entra",
            id: "entra",
            audience: "organizations",
            clientId: "guestgate-entra",
            clientSecretEnv: "ENTRA_SECRET",
            issuer: entra.audienceIssuer("organizations"),
          },
          {
            kind: "microsoft-entra",
            id: "entra-personal",
            audience: "consumers",
            clientId: "guestgate-entra",
            clientSecretEnv: "ENTRA_SECRET",
            issuer: entra.audienceIssuer("consumers"),
          },
          {
            kind: "microsoft-entra",
            id: "entra-contoso",
            audience: "contoso.example",
            clientId: "guestgate-entra",
            clientSecretEnv: "ENTRA_SECRET",
            issuer: entra.audienceIssuer("contoso.example"),
          },
          {
            kind: "oidc",
            id: "offline",
            displayName: "Offline",
            clientId: "x",
            clientSecretEnv: "PARTNER_SECRET",
            issuer: `http://127.0.0.1:${await deadPort()}`,
          },
          { kind: "github", id: "github", clientId: "gh", clientSecretEnv: "GITHUB_SECRET_NOT_SET" },
        ]),
        tenantFile(OTHER, [google]),
      ],
    }),
    "test",
  );
  const tenants = createTenantDirectory(config);
  tenant = tenants.find(TENANT)!;
  other = tenants.find(OTHER)!;
  federation = createFederation({
    baseUrl: BASE,
    authSecret: randomBytes(32).toString("base64url"),
    tenants,
    secretFromEnvironment: (name) => secrets[name],
    takenResults: createTakenResultStore(database.prisma),
    warn: (message) => warnings.push(message),
    cookies: () => Promise.reject(new Error("tests pass their cookie store")),
  });
});

afterAll(async () => {
  await database?.drop();
  await idp?.stop();
  await entra?.stop();
});

const newBrowser = () => new Browser(BASE, (request) => federation.handle(request, new URL(request.url).pathname.split("/")[1]!));

/** A journey at /{slug}/journey/{id}: starts the trip, and its `federated` route is where the browser returns. */
function journey(browser: Browser, slug = TENANT) {
  const id = randomBytes(6).toString("hex");
  const returnTo = `/${slug}/journey/${id}/federated`;
  const at = `${BASE}${returnTo}`;
  return {
    returnTo,
    arrivedBack: (page: Page) => page.url === at,
    stopAtReturn: (url: URL) => url.href === at,
    take: (t: Tenant = slug === TENANT ? tenant : other): Promise<UpstreamOutcome | undefined> =>
      federation.takeUpstreamIdentity(t, { cookies: browser.storeFor(at) }),
    start: (providerId: string, t: Tenant = slug === TENANT ? tenant : other) =>
      federation.startFederation(t, providerId, { returnTo, cookies: browser.storeFor(`${BASE}/${slug}/journey/${id}`) }),
  };
}

/** Opens the upstream's authorization URL and signs in on the test IdP's login page. */
async function signInUpstream(browser: Browser, location: string, login: string, stopAt: (url: URL) => boolean): Promise<Page> {
  const loginPage = await browser.visit(location);
  expect(loginPage.status).toBe(200);
  const action = /<form[^>]*action="([^"]+)"/.exec(loginPage.body)?.[1];
  expect(action, "the upstream shows its login form").toBeDefined();
  const body = new URLSearchParams({ login, password: "any password" });
  return browser.visit(new URL(action!, loginPage.url).href, { method: "POST", body, stopAt });
}

describe("federation with a google-kind provider pointed at a local OpenID provider", () => {
  it("brings back the verified identity once, keyed by the upstream's issuer and subject", async () => {
    const browser = newBrowser();
    const trip = journey(browser);
    const start = await trip.start("google");
    if (!start.ok) throw new Error(`start failed: ${start.reason}`);
    const authorize = new URL(start.location);
    expect(authorize.origin).toBe(idp.origin);
    expect(authorize.searchParams.get("redirect_uri")).toBe(callback(TENANT, "google"));
    expect(authorize.searchParams.get("code_challenge_method")).toBe("S256");
    expect(authorize.searchParams.get("state")).toBeTruthy();
    expect(authorize.searchParams.get("nonce")).toBeTruthy();

    const back = await signInUpstream(browser, start.location, "ada", trip.stopAtReturn);
    expect(trip.arrivedBack(back)).toBe(true);
    const ours = browser.cookieNames().filter((name) => name.includes("guestgate."));
    expect(ours, "only the result is left, scoped to the tenant").toEqual([
      `/${TENANT} __Secure-guestgate.${TENANT}.federation.result`,
    ]);
    expect(await trip.take()).toEqual({
      ok: true,
      identity: {
        providerId: "google",
        kind: "google",
        issuer: idp.issuer,
        subject: "ada-0001",
        email: "ada@example.com",
        emailVerified: true,
        name: "Ada Lovelace",
        givenName: "Ada",
        familyName: "Lovelace",
      },
    });
    expect(await trip.take(), "the result is single-use").toBeUndefined();
    expect(
      browser.cookieNames().filter((name) => name.includes("guestgate.")),
      "the browser keeps nothing of the trip",
    ).toEqual([]);
  });

  it("refuses a replayed copy of the result cookie, on the server, within its lifetime", async () => {
    const browser = newBrowser();
    const trip = journey(browser);
    const start = await trip.start("google");
    if (!start.ok) throw new Error(`start failed: ${start.reason}`);
    await signInUpstream(browser, start.location, "ada", trip.stopAtReturn);
    const resultCookie = `__Secure-guestgate.${TENANT}.federation.result`;
    const copied = browser.storeFor(`${BASE}${trip.returnTo}`).get(resultCookie)?.value;
    expect(copied, "the browser carries the result back").toBeTruthy();
    expect((await trip.take())?.ok).toBe(true);

    // Whoever kept a copy (another tab, a proxy log, an attacker) presents it again; the browser's
    // own deletion of the cookie does not stop that, so the server must.
    const replay = { get: (name: string) => (name === resultCookie ? { value: copied! } : undefined), set: () => {} };
    expect(await federation.takeUpstreamIdentity(tenant, { cookies: replay }), "a copy is not taken twice").toBeUndefined();
    const marker = await database.prisma.rateLimitCounter.findMany({ where: { key: { startsWith: "federation-result:" } } });
    expect(marker.length, "one marker per taken result, with the result's expiry").toBeGreaterThan(0);
    expect(marker.every((row) => !row.key.includes(copied!) && row.expiresAt > new Date())).toBe(true);
  });

  it("does not hand one tenant's result to another tenant", async () => {
    const browser = newBrowser();
    const trip = journey(browser, OTHER);
    const start = await trip.start("google");
    if (!start.ok) throw new Error(`start failed: ${start.reason}`);
    expect(new URL(start.location).searchParams.get("redirect_uri")).toBe(callback(OTHER, "google"));
    const back = await signInUpstream(browser, start.location, "ada", trip.stopAtReturn);
    expect(trip.arrivedBack(back)).toBe(true);
    // The woodgrove journey, in the same browser, finds nothing: the cookie is sparbanken's by name, path and key.
    expect(
      await federation.takeUpstreamIdentity(tenant, { cookies: browser.storeFor(`${BASE}/${TENANT}/journey/x/federated`) }),
    ).toBeUndefined();
    expect((await trip.take())?.ok).toBe(true);
  });

  it("says `cancelled` when the person backs out at the upstream (access_denied)", async () => {
    const browser = newBrowser();
    const trip = journey(browser);
    const start = await trip.start("google");
    if (!start.ok) throw new Error(`start failed: ${start.reason}`);
    const loginPage = await browser.visit(start.location);
    const cancel = /<a href="([^"]+)">Cancel<\/a>/.exec(loginPage.body)?.[1];
    expect(cancel).toBeDefined();
    const back = await browser.visit(new URL(cancel!, loginPage.url).href, { stopAt: trip.stopAtReturn });
    expect(trip.arrivedBack(back)).toBe(true);
    expect(await trip.take()).toEqual({ ok: false, reason: "cancelled", providerId: "google" });
    expect(await trip.take()).toBeUndefined();
  });

  it("treats an access_denied that does not match the started trip (no state) as an upstream error", async () => {
    const browser = newBrowser();
    const trip = journey(browser);
    const start = await trip.start("google");
    if (!start.ok) throw new Error(`start failed: ${start.reason}`);
    const forged = `${callback(TENANT, "google")}?error=access_denied&state=forged`;
    const back = await browser.visit(forged, { stopAt: trip.stopAtReturn });
    expect(trip.arrivedBack(back)).toBe(true);
    expect(await trip.take()).toEqual({ ok: false, reason: "upstreamError", providerId: "google" });
  });

  it("forgets a result nobody took when the next trip starts", async () => {
    const browser = newBrowser();
    const abandoned = journey(browser);
    const first = await abandoned.start("google");
    if (!first.ok) throw new Error(`start failed: ${first.reason}`);
    await signInUpstream(browser, first.location, "ada", abandoned.stopAtReturn);
    const next = journey(browser);
    expect((await next.start("partner-sso")).ok).toBe(true);
    expect(await next.take()).toBeUndefined();
  });
});

describe("federation with an oidc-kind provider", () => {
  it("brings back the identity, with the e-mail unverified when the upstream says so", async () => {
    const browser = newBrowser();
    const trip = journey(browser);
    const start = await trip.start("partner-sso");
    if (!start.ok) throw new Error(`start failed: ${start.reason}`);
    const back = await signInUpstream(browser, start.location, "bob", trip.stopAtReturn);
    expect(trip.arrivedBack(back)).toBe(true);
    expect(await trip.take()).toEqual({
      ok: true,
      identity: {
        providerId: "partner-sso",
        kind: "oidc",
        issuer: idp.issuer,
        subject: "bob-0002",
        email: "bob@example.com",
        emailVerified: false,
        name: "Bob",
      },
    });
  });

  it("says `unreachable` when the issuer does not answer", async () => {
    const browser = newBrowser();
    const trip = journey(browser);
    expect(await trip.start("offline")).toEqual({ ok: false, reason: "unreachable", providerId: "offline" });
    expect(browser.cookieNames(), "nothing is left in the browser").toEqual([]);
  });
});

describe("federation with a multi-tenant microsoft-entra provider (organizations)", () => {
  it("accepts the directory's real issuer (from the token's tid) and keys the identity by it", async () => {
    const browser = newBrowser();
    const trip = journey(browser);
    const start = await trip.start("entra");
    if (!start.ok) throw new Error(`start failed: ${start.reason}`);
    expect(new URL(start.location).searchParams.get("scope")).toBe("openid profile email");
    const back = await signInUpstream(browser, start.location, "megan", trip.stopAtReturn);
    expect(trip.arrivedBack(back)).toBe(true);
    expect(await trip.take()).toEqual({
      ok: true,
      identity: {
        providerId: "entra",
        kind: "microsoft-entra",
        issuer: `${entra.origin}/${ENTRA_DIRECTORY}/v2.0`,
        subject: "entra-sub-1",
        email: "megan@contoso.example",
        emailVerified: false,
        name: "Megan Bowen",
      },
    });
  });

  it("accepts a single directory configured by its domain name (its document names it by id)", async () => {
    const browser = newBrowser();
    const trip = journey(browser);
    const start = await trip.start("entra-contoso");
    if (!start.ok) throw new Error(`start failed: ${start.reason}`);
    await signInUpstream(browser, start.location, "megan", trip.stopAtReturn);
    expect(await trip.take()).toMatchObject({
      ok: true,
      identity: { issuer: `${entra.origin}/${ENTRA_DIRECTORY}/v2.0`, subject: "entra-sub-1" },
    });
  });

  it("refuses a work account's token at the personal-accounts audience (consumers)", async () => {
    const browser = newBrowser();
    const trip = journey(browser);
    const start = await trip.start("entra-personal");
    if (!start.ok) throw new Error(`start failed: ${start.reason}`);
    const back = await signInUpstream(browser, start.location, "megan", trip.stopAtReturn);
    expect(trip.arrivedBack(back)).toBe(true);
    expect(await trip.take()).toEqual({ ok: false, reason: "upstreamError", providerId: "entra-personal" });
    expect(warnings.join("\n")).toMatch(/unexpected JWT "iss" \(issuer\) claim value/);
  });
});

describe("the federation route", () => {
  it("offers only providers whose secret is set, and says which are not at start-up", () => {
    expect(federation.offeredProviders(tenant).map((p) => p.id)).toEqual([
      "google",
      "partner-sso",
      "entra",
      "entra-personal",
      "entra-contoso",
      "offline",
    ]);
    expect(warnings).toContainEqual(
      expect.stringContaining(
        'identity provider "github" of tenant woodgrove is unavailable: environment variable GITHUB_SECRET_NOT_SET is not set',
      ),
    );
  });

  it("answers `unavailable` for a provider that is not offered", async () => {
    const browser = newBrowser();
    expect(await journey(browser).start("github")).toEqual({ ok: false, reason: "unavailable", providerId: "github" });
    expect(await journey(browser).start("email")).toEqual({ ok: false, reason: "unavailable", providerId: "email" });
  });

  it("refuses a return address outside the tenant", async () => {
    for (const returnTo of [
      "https://evil.example/",
      "//evil.example/x",
      `/${OTHER}/journey/1`,
      `/${TENANT}/federation/callback/google`,
    ]) {
      await expect(
        federation.startFederation(tenant, "google", { returnTo, cookies: newBrowser().storeFor(BASE) }),
      ).rejects.toThrow(/returnTo/);
    }
  });

  it("serves only the callback: Auth.js's own pages and an unknown tenant are 404", async () => {
    for (const path of [
      `/${TENANT}/federation/signin`,
      `/${TENANT}/federation/session`,
      `/${TENANT}/federation/csrf`,
      `/${TENANT}/federation/providers`,
    ]) {
      expect((await federation.handle(new Request(`${BASE}${path}`), TENANT)).status, path).toBe(404);
    }
    expect((await federation.handle(new Request(`${BASE}/nowhere/federation/callback/google`), "nowhere")).status).toBe(404);
  });

  it("builds every URL from GUESTGATE_BASE_URL, whatever Host and X-Forwarded-Host say", async () => {
    const browser = newBrowser();
    const trip = journey(browser);
    const start = await trip.start("google");
    if (!start.ok) throw new Error(`start failed: ${start.reason}`);
    const state = new URL(start.location).searchParams.get("state");
    const spoofed = new Request(
      `http://attacker.example/${TENANT}/federation/callback/google?error=access_denied&state=${state}`,
      {
        headers: {
          host: "attacker.example",
          "x-forwarded-host": "attacker.example",
          cookie: cookieHeaderFor(browser, callback(TENANT, "google")),
        },
      },
    );
    const response = await federation.handle(spoofed, TENANT);
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toBe(`${BASE}${trip.returnTo}`);
  });
});

function cookieHeaderFor(browser: Browser, address: string): string {
  return [...browser.cookiesFor(new URL(address))].map(([name, value]) => `${name}=${encodeURIComponent(value)}`).join("; ");
}
