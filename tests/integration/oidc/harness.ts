// An in-process OpenID provider on a real, migrated database, with a `fetch` that routes URLs to the
// endpoint functions as the Next route handlers do, and a tiny cookie-keeping browser. Relying-party
// libraries get this fetch through their own customFetch/networkClient hooks, so the protocol
// (requests, headers, bodies, redirects) is exactly what they would send over the network.
import { createHash, randomBytes } from "node:crypto";
import { createRemoteJWKSet, customFetch, jwtVerify, type JWTPayload } from "jose";
import { expect } from "vitest";
import { createOidcRepositories, createPrismaClient, searchKeyOf, type DatabaseProvider } from "../../../app/_lib/db";
import {
  createOidcProvider,
  serializeCookie,
  type Clock,
  type Cookie,
  type GuestLookup,
  type OidcProvider,
} from "../../../app/_lib/oidc";
import { createTenantDirectory, parseTenantsConfig, type TenantDirectory } from "../../../app/_lib/tenant";
import { createTestDatabase, type TestDatabase } from "../../helpers/database";
import { protocolProblems } from "./protocol-rules";

export const BASE = "https://id.guestgate.test";
export const TENANT = "woodgrove";
export const OTHER_TENANT = "sparbanken";
export const ISSUER = `${BASE}/${TENANT}/v2.0`;
export const REDIRECT = "https://app.example/callback";
export const LOOPBACK = "http://127.0.0.1/callback";
export const POST_LOGOUT = "https://app.example/signed-out";

/** A fixed GUID per test slug (tenants[].id), so `tid` claims can be checked. */
const guidOf = (slug: string) =>
  createHash("sha256")
    .update(slug)
    .digest("hex")
    .slice(0, 32)
    .replace(/^(.{8})(.{4})(.{4})(.{4})(.{12})$/, "$1-$2-$3-$4-$5");
/** The GUID tenants[].id gives TENANT: its `tid` claim. */
export const TENANT_GUID = guidOf(TENANT);

const tenantFile = (slug: string, locales: string[]) => ({
  id: guidOf(slug),
  slug,
  displayName: slug,
  branding: { logo: "/x.svg", favicon: "/x.svg", primaryColor: "#1d6b3a", accentColor: "#c8e6b0", backgroundColor: "#ffffff" },
  locales: { enabled: locales, default: locales[0] },
});

export interface Testbed {
  db: TestDatabase;
  op: OidcProvider;
  /** The tenants the provider serves (woodgrove and sparbanken). */
  tenants: TenantDirectory;
  fetch: typeof fetch;
  errors: unknown[];
  /** Creates an active guest and returns its id. */
  guest(fields?: { email?: string; displayName?: string; state?: string; attributes?: Record<string, unknown> }): Promise<string>;
  publicClient(extra?: Partial<Parameters<OidcProvider["applications"]["register"]>[0]>): Promise<string>;
  confidentialClient(
    extra?: Partial<Parameters<OidcProvider["applications"]["register"]>[0]>,
  ): Promise<{ clientId: string; secret: string }>;
  browser(): Browser;
  /** Verifies a JWT against our JWKS (fetched through the router, as any relying party would). */
  verify(token: string, audience: string, options?: { typ?: string }): Promise<JWTPayload>;
  /** A second instance: its own database client, caches and key store, the same database and key-encryption key. */
  instance(): Instance;
  close(): Promise<void>;
}

export interface TestbedOptions {
  /** The user flow's token-claim selection per application (server.ts wires the real one). */
  applicationClaims?: GuestLookup["applicationClaims"];
  /** OnTokenIssuanceStart (server.ts wires the custom extensions); given the provider, for its bearer tokens. */
  tokenIssuanceClaims?: (op: () => OidcProvider) => NonNullable<GuestLookup["tokenIssuanceClaims"]>;
  /** The provider's clock (tokens, codes and the caches' staleness bound read it). */
  clock?: Clock;
  /**
   * The caches' staleness bound. 0 (no caching) unless a test sets it: most tests change rows
   * straight in the database and expect the very next request to see it; caches.test.ts tests the
   * production bound (LIFETIMES.configCache) itself.
   */
  cacheSeconds?: number;
  /** Sees every SQL statement the provider's own database client sends (the testbed's setup uses another). */
  onQuery?: (event: { query: string; params: string }) => void;
}

/** Another provider over the same database, as a second server process would be. */
export interface Instance {
  op: OidcProvider;
  fetch: typeof fetch;
  close(): Promise<void>;
}

export async function createTestbed(provider: DatabaseProvider, options: TestbedOptions = {}): Promise<Testbed> {
  const db = await createTestDatabase(provider);
  const tenants = createTenantDirectory(
    parseTenantsConfig(
      JSON.stringify({ tenants: [tenantFile(TENANT, ["nl", "en"]), tenantFile(OTHER_TENANT, ["sv", "en"])] }),
      "test",
    ),
  );
  const errors: unknown[] = [];
  const keyEncryptionKey = randomBytes(32);
  // The extension hook needs the provider's bearer tokens, and the provider needs the hook.
  const built: { op?: OidcProvider } = {};
  const tokenIssuanceClaims = options.tokenIssuanceClaims?.(() => built.op!);
  const providerOver = (prisma: typeof db.prisma) =>
    createOidcProvider({
      baseUrl: BASE,
      tenants,
      repositories: withApplicationClaims(createOidcRepositories(prisma), options.applicationClaims, tokenIssuanceClaims),
      keyEncryptionKey,
      ...(options.clock ? { clock: options.clock } : {}),
      cacheSeconds: options.cacheSeconds ?? 0,
      onError: (error) => errors.push(error),
    });
  const instances: (() => Promise<void>)[] = [];
  const counted = options.onQuery ? createPrismaClient(db.url, { onQuery: options.onQuery }) : undefined;
  if (counted) instances.push(() => counted.$disconnect());
  const op = providerOver(counted ?? db.prisma);
  built.op = op;
  const routed = routerFetch(op);
  const jwks = createRemoteJWKSet(new URL(`${BASE}/${TENANT}/discovery/v2.0/keys`), { [customFetch]: routed });
  return {
    db,
    op,
    tenants,
    fetch: routed,
    errors,
    async guest(fields = {}) {
      const guest = await db.prisma.guest.create({
        data: {
          tenantId: TENANT,
          userType: "Guest",
          createdVia: "selfServiceSignUp",
          email: fields.email ?? `guest-${randomBytes(4).toString("hex")}@example.com`,
          emailVerified: true,
          displayName: fields.displayName ?? "Ada Guest",
          searchName: searchKeyOf(fields.displayName ?? "Ada Guest"),
          state: fields.state ?? "active",
        },
      });
      for (const [name, value] of Object.entries(fields.attributes ?? {})) {
        await db.prisma.attributeValue.create({ data: { guestId: guest.id, name, value: JSON.stringify(value) } });
      }
      return guest.id;
    },
    async publicClient(extra = {}) {
      const { application } = await op.applications.register({
        tenantId: TENANT,
        name: "SPA",
        clientType: "public",
        redirectUris: [REDIRECT, LOOPBACK],
        postLogoutRedirectUris: [POST_LOGOUT],
        ...extra,
      });
      return application.clientId;
    },
    async confidentialClient(extra = {}) {
      const { application, secret } = await op.applications.register({
        tenantId: TENANT,
        name: "Web app",
        clientType: "confidential",
        redirectUris: [REDIRECT],
        postLogoutRedirectUris: [POST_LOGOUT],
        ...extra,
      });
      return { clientId: application.clientId, secret: secret!.secret };
    },
    browser: () => new Browser(routed),
    async verify(token, audience, options = {}) {
      const { payload, protectedHeader } = await jwtVerify(token, jwks, {
        issuer: ISSUER,
        audience,
        ...(options.typ ? { typ: options.typ } : {}),
      });
      expect(protectedHeader.kid).toEqual(expect.any(String));
      return payload;
    },
    instance() {
      const prisma = createPrismaClient(db.url);
      const other = providerOver(prisma);
      const close = () => prisma.$disconnect();
      instances.push(close);
      return { op: other, fetch: routerFetch(other), close };
    },
    async close() {
      for (const close of instances) await close();
      await db.drop();
    },
  };
}

function withApplicationClaims(
  repositories: ReturnType<typeof createOidcRepositories>,
  applicationClaims: TestbedOptions["applicationClaims"],
  tokenIssuanceClaims?: GuestLookup["tokenIssuanceClaims"],
): ReturnType<typeof createOidcRepositories> {
  return {
    ...repositories,
    guests: {
      ...repositories.guests,
      ...(applicationClaims ? { applicationClaims } : {}),
      ...(tokenIssuanceClaims ? { tokenIssuanceClaims } : {}),
    },
  };
}

/** URL → endpoint, mirroring app/[tenant]/… route files. Anything else is a 404 (e.g. the client's own redirect URI). */
export function routerFetch(op: OidcProvider): typeof fetch {
  const e = op.endpoints;
  const answer = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const request = input instanceof Request ? input : new Request(input, init);
    const url = new URL(request.url);
    if (url.origin !== BASE) return new Response("not routed", { status: 599 });
    const parts = url.pathname.split("/").slice(1);
    const [tenant = "", ...rest] = parts;
    const path = rest.join("/");
    if (path === "v2.0/.well-known/openid-configuration" || path === ".well-known/openid-configuration")
      return e.discovery(request, tenant);
    if (path === "discovery/v2.0/keys") return e.jwks(request, tenant);
    const resume = /^oauth2\/v2\.0\/authorize\/resume\/([^/]+)$/.exec(path);
    if (resume) return e.resume(request, tenant, decodeURIComponent(resume[1]!));
    const endpoint = /^oauth2\/v2\.0\/(authorize|token|userinfo|logout|revoke|introspect)$/.exec(path)?.[1];
    if (endpoint) return e[endpoint as "authorize"](request, tenant);
    return new Response("page", { status: 200, headers: { "content-type": "text/html" } });
  };
  // Every answer keeps the rules of protocol-rules.ts, or the test that provoked it fails here.
  return (async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = input instanceof Request ? input : new Request(input, init);
    const response = await answer(request);
    const endpoint = new URL(request.url).pathname.split("/").at(-1) ?? "";
    const problems = await protocolProblems(endpoint, response);
    if (problems.length) throw new Error(`${request.method} ${request.url}: ${problems.join("; ")}`);
    return response;
  }) as typeof fetch;
}

export interface Navigation {
  /** Where the browser stopped: an interaction page, an error page, or the client's redirect URI. */
  url: URL;
  status: number;
  kind: "interaction" | "error-page" | "client" | "other";
  interactionId?: string;
}

/** Follows redirects within our origin, keeps cookies (per name; our cookies are all Path=/). */
export class Browser {
  readonly cookies = new Map<string, string>();
  constructor(private readonly routed: typeof fetch) {}

  setCookie(cookie: Cookie): void {
    this.store(serializeCookie(cookie));
  }

  private store(header: string): void {
    const [pair = "", ...attributes] = header.split(";").map((s) => s.trim());
    const eq = pair.indexOf("=");
    const name = pair.slice(0, eq);
    const value = pair.slice(eq + 1);
    if (attributes.some((a) => /^max-age=0$/i.test(a)) || value === "") this.cookies.delete(name);
    else this.cookies.set(name, value);
  }

  async request(url: string | URL, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    if (this.cookies.size) headers.set("cookie", [...this.cookies].map(([n, v]) => `${n}=${v}`).join("; "));
    const response = await this.routed(new Request(url, { ...init, headers, redirect: "manual" }));
    for (const header of response.headers.getSetCookie()) this.store(header);
    return response;
  }

  async navigate(url: string | URL, init: RequestInit = {}): Promise<Navigation> {
    let response = await this.request(url, init);
    let current = new URL(url);
    for (let hops = 0; hops < 10; hops++) {
      if (response.status < 300 || response.status >= 400) return { url: current, status: response.status, kind: "other" };
      const location = new URL(response.headers.get("location")!, current);
      const status = response.status;
      if (location.origin !== BASE) return { url: location, status, kind: "client" };
      const interaction = /^\/[^/]+\/interaction\/([^/?]+)/.exec(location.pathname);
      if (interaction) return { url: location, status, kind: "interaction", interactionId: decodeURIComponent(interaction[1]!) };
      if (/^\/[^/]+\/(error|logout|signed-out)$/.test(location.pathname))
        return { url: location, status, kind: location.pathname.endsWith("/error") ? "error-page" : "other" };
      current = location;
      response = await this.request(location);
    }
    throw new Error("too many redirects");
  }

  /** The journey's part, through the provider's public API, then the browser resumes. */
  async signIn(
    op: OidcProvider,
    interactionId: string,
    guestId: string,
    options: { remember?: boolean; tenant?: string } = {},
  ): Promise<Navigation> {
    const tenant = options.tenant ?? TENANT;
    const { resumeUrl, sessionCookie } = await op.completeInteraction(tenant, interactionId, {
      guestId,
      amr: ["otp"],
      remember: options.remember ?? false,
      currentSessionToken: this.cookies.get(op.sessionCookieName(tenant)),
    });
    this.setCookie(sessionCookie);
    return this.navigate(resumeUrl);
  }
}

/** Form-encoded POST body. */
export const form = (values: Record<string, string>) => new URLSearchParams(values).toString();
export const FORM_HEADERS = { "content-type": "application/x-www-form-urlencoded" };

export const TOKEN_URL = `${BASE}/${TENANT}/oauth2/v2.0/token`;
export const USERINFO_URL = `${BASE}/${TENANT}/oauth2/v2.0/userinfo`;

export function authorizeUrl(params: Record<string, string>, tenant = TENANT): string {
  return `${BASE}/${tenant}/oauth2/v2.0/authorize?${new URLSearchParams(params)}`;
}

export function pkce(): { verifier: string; challenge: string } {
  const verifier = randomBytes(32).toString("base64url");
  return { verifier, challenge: createHash("sha256").update(verifier).digest("base64url") };
}

/** Runs the front channel by hand: authorize → interaction → sign in → back at the client with a code. */
export async function obtainCode(
  bed: Testbed,
  options: {
    clientId: string;
    guestId: string;
    scope?: string;
    redirectUri?: string;
    nonce?: string;
    state?: string;
    browser?: Browser;
    withPkce?: boolean;
  },
): Promise<{ code: string; verifier: string; browser: Browser; callback: URL }> {
  const { verifier, challenge } = pkce();
  const browser = options.browser ?? bed.browser();
  const params: Record<string, string> = {
    client_id: options.clientId,
    redirect_uri: options.redirectUri ?? REDIRECT,
    response_type: "code",
    scope: options.scope ?? "openid",
    state: options.state ?? "state-1",
    ...(options.nonce ? { nonce: options.nonce } : {}),
    ...(options.withPkce === false ? {} : { code_challenge: challenge, code_challenge_method: "S256" }),
  };
  let nav = await browser.navigate(authorizeUrl(params));
  if (nav.kind === "interaction") nav = await browser.signIn(bed.op, nav.interactionId!, options.guestId);
  const code = nav.url.searchParams.get("code");
  if (nav.kind !== "client" || !code) throw new Error(`no code: ${nav.url.href}`);
  return { code, verifier, browser, callback: nav.url };
}

export function tokenRequest(
  bed: Testbed,
  body: Record<string, string>,
  headers: Record<string, string> = {},
  url = TOKEN_URL,
): Promise<Response> {
  return bed.fetch(url, { method: "POST", headers: { ...FORM_HEADERS, ...headers }, body: form(body) });
}

export const basicAuth = (id: string, secret: string) => ({
  authorization: `Basic ${Buffer.from(`${encodeURIComponent(id)}:${encodeURIComponent(secret)}`).toString("base64")}`,
});

/** Rows of every provider table, to prove that refused requests store nothing. */
export async function rowCounts(bed: Testbed): Promise<Record<string, number>> {
  const p = bed.db.prisma;
  return {
    interactions: await p.interaction.count(),
    codes: await p.authorizationCode.count(),
    grants: await p.grant.count(),
    refreshTokens: await p.refreshToken.count(),
    sessions: await p.opSession.count(),
    applications: await p.application.count(),
  };
}
