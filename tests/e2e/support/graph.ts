// The Graph tier's server: a `next start` of its own per test file and database provider, behind
// a TLS proxy (support/https.ts), with confidential clients registered through the operator CLI,
// and an unmodified @microsoft/microsoft-graph-client v3 pointed at it (graph-contracts §0.1).
// The production build is the suite's (npm run build before npm run test:e2e; global-setup.ts
// builds when there is none).
import { Client } from "@microsoft/microsoft-graph-client";
import { execFile } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll } from "vitest";
import { createOidcRepositories, searchKeyOf, type DatabaseProvider, type PrismaClient } from "../../../app/_lib/db";
import { createOidcProvider } from "../../../app/_lib/oidc";
import { createTenantDirectory, loadTenantsConfig } from "../../../app/_lib/tenant";
import { createTestDatabase, type TestDatabase } from "../../helpers/database";
import { guestgateCli } from "./applications";
import { makeCertificates, startTlsProxy, trustCa, type TlsProxy } from "./https";
import { repoRoot, tenantsConfigPath, tsxCli } from "./paths";
import { freePort, serverEnv, startServer, waitForOk, type RunningProcess } from "./server";

/** The shipped tenants (tenants.json): the one the tests manage, and another for isolation checks. */
export const GRAPH_TENANT = "woodgrove";
export const OTHER_TENANT = "sparbanken";

/** The write permission of every resource the API serves (app/_lib/oidc MANAGEMENT_PERMISSIONS). */
export const ALL_PERMISSIONS = [
  "User.ReadWrite.All",
  "Group.ReadWrite.All",
  "GroupMember.ReadWrite.All",
  "AppRoleAssignment.ReadWrite.All",
  "AuditLog.Read.All",
  "IdentityUserFlow.ReadWrite.All",
  "Application.ReadWrite.All",
  "APIConnectors.ReadWrite.All",
  "CustomAuthenticationExtension.ReadWrite.All",
  "EventListener.ReadWrite.All",
  "EntitlementManagement.ReadWrite.All",
] as const;

/** Where the PostgreSQL run makes its throwaway schema (as tests/helpers/database.ts does). */
const DEFAULT_POSTGRES_URL = "postgresql://postgres@127.0.0.1:5432/test";

export interface ConfidentialClient {
  tenant: string;
  clientId: string;
  clientSecret: string;
}

export interface GraphServer {
  /** https://localhost:PORT, the server's GUESTGATE_BASE_URL. */
  origin(): string;
  /** The PEM file of this run's CA (for a process of its own: NODE_EXTRA_CA_CERTS). */
  caFile(): string;
  /** The server's database through the app's Prisma client (seed rows fast, check what was stored). */
  prisma(): PrismaClient;
  /** Everything `next start` wrote so far. */
  output(): string;
  /** A confidential client_credentials application holding permissions, registered through the CLI. */
  register(permissions: readonly string[], tenant?: string): Promise<ConfidentialClient>;
  /** An access token for app, through the token endpoint (RFC 6749 §4.4) with the `{resource}/.default` scope. */
  token(app: ConfidentialClient): Promise<string>;
  /**
   * A token for app as the server's token endpoint issued it at `issuedAt` (an in-process provider
   * on the same database and keys, with its clock set back): `issuedAt` an hour and more ago gives
   * an expired token that is otherwise valid.
   */
  tokenIssuedAt(app: ConfidentialClient, issuedAt: Date): Promise<string>;
  /** count guests of tenant inserted straight into the database (one createMany), named `${prefix} 00001`…, mail `${prefix}-00001@example.com`. */
  seedGuests(count: number, options: { prefix: string; tenant?: string }): Promise<void>;
  /** Client.init on `{origin}/{tenant}/graph` with a bearer token of app (all permissions by default). */
  client(app?: ConfidentialClient): Promise<Client>;
  /** The tenant's service root, `{origin}/{tenant}/graph/v1.0`. */
  serviceRoot(tenant?: string): string;
}

export function graphDatabaseProviders(): DatabaseProvider[] {
  return ["sqlite", "postgres"];
}

/**
 * Call at the top of a describe block (or file): beforeAll starts the server on a fresh migrated
 * and seeded database of provider, afterAll stops it and drops the database. `env`: more of the
 * server's environment (e.g. the suite's SMTP_URL, for a journey whose passcode the test reads).
 */
export function withGraphServer(
  provider: DatabaseProvider,
  options: { env?: Record<string, string | undefined> } = {},
): GraphServer {
  let tmp: string | undefined;
  let database: TestDatabase | undefined;
  let server: RunningProcess | undefined;
  let proxy: TlsProxy | undefined;
  let origin = "";
  let env: NodeJS.ProcessEnv | undefined;
  let defaultApp: ConfidentialClient | undefined;
  let registered = 0;

  beforeAll(async () => {
    tmp = await mkdtemp(path.join(os.tmpdir(), "guestgate-e2e-graph-"));
    const certificates = await makeCertificates(tmp);
    trustCa(certificates.ca);
    if (provider === "postgres") process.env.TEST_DATABASE_URL ??= DEFAULT_POSTGRES_URL;
    database = await createTestDatabase(provider);

    const httpPort = await freePort();
    // The proxy first: its port is the public origin Guestgate must know (issuer, nextLink).
    proxy = await startTlsProxy(certificates, httpPort);
    origin = `https://localhost:${proxy.port}`;
    env = {
      ...serverEnv({ port: httpPort, databaseUrl: database.url, configPath: tenantsConfigPath }),
      ...options.env,
      GUESTGATE_BASE_URL: origin,
    };
    await cli(["prisma/seed.ts"], env);
    server = startServer(httpPort, env);
    await waitForOk(`${origin}/api/ready`, server);
  });

  afterAll(async () => {
    await proxy?.stop();
    await server?.stop();
    await database?.drop();
    if (tmp) await rm(tmp, { recursive: true, force: true });
  });

  const graph: GraphServer = {
    origin: () => origin,
    caFile: () => path.join(tmp!, "ca.pem"),
    prisma: () => database!.prisma,
    output: () => server?.output() ?? "",
    serviceRoot: (tenant = GRAPH_TENANT) => `${origin}/${tenant}/graph/v1.0`,
    async register(permissions, tenant = GRAPH_TENANT) {
      const printed = await guestgateCli(
        [
          "app",
          "create",
          `--tenant=${tenant}`,
          `--name=Graph e2e client ${++registered}`,
          "--type=confidential",
          "--grant=client_credentials",
          ...permissions.map((permission) => `--permission=${permission}`),
        ],
        env!,
      );
      const clientId = /client id:\s+(\S+)/.exec(printed)?.[1];
      const clientSecret = /client secret:\s+(\S+)/.exec(printed)?.[1];
      if (!clientId || !clientSecret) throw new Error(`guestgate app create printed no client id and secret:\n${printed}`);
      return { tenant, clientId, clientSecret };
    },
    async token(app) {
      const response = await fetch(`${origin}/${app.tenant}/oauth2/v2.0/token`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: tokenForm(origin, app),
      });
      return accessTokenOf(response);
    },
    async tokenIssuedAt(app, issuedAt) {
      const provider = createOidcProvider({
        baseUrl: origin,
        tenants: createTenantDirectory(loadTenantsConfig(tenantsConfigPath)),
        repositories: createOidcRepositories(database!.prisma),
        keyEncryptionKey: Buffer.from(env!.GUESTGATE_KEY_ENCRYPTION_KEY!, "base64"),
        clock: { now: () => issuedAt },
      });
      const request = new Request(`${origin}/${app.tenant}/oauth2/v2.0/token`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: tokenForm(origin, app),
      });
      return accessTokenOf(await provider.endpoints.token(request, app.tenant));
    },
    async seedGuests(count, { prefix, tenant = GRAPH_TENANT }) {
      const number = (i: number) => String(i + 1).padStart(5, "0");
      const createdAt = Date.now() - count * 1000;
      await database!.prisma.guest.createMany({
        data: Array.from({ length: count }, (_, i) => ({
          tenantId: tenant,
          userType: "Guest",
          createdVia: "selfServiceSignUp",
          state: "active",
          displayName: `${prefix} ${number(i)}`,
          // Written straight to the table: the name search's key too, as the directory store writes it.
          searchName: searchKeyOf(`${prefix} ${number(i)}`),
          email: `${prefix.toLowerCase()}-${number(i)}@example.com`,
          emailVerified: true,
          createdAt: new Date(createdAt + i * 1000),
        })),
      });
    },
    async client(app) {
      app ??= defaultApp ??= await graph.register(ALL_PERMISSIONS);
      const token = await graph.token(app);
      return graphClient(origin, app.tenant, token);
    },
  };
  return graph;
}

/** The Graph client exactly as a drop-in caller configures it (graph-contracts §0.1). */
export function graphClient(origin: string, tenant: string, token: string): Client {
  return Client.init({
    authProvider: (done) => done(null, token),
    baseUrl: `${origin}/${tenant}/graph`,
    defaultVersion: "v1.0",
    customHosts: new Set([new URL(origin).hostname]),
  });
}

/** client_credentials with the Graph resource's `.default` scope (the Entra convention MSAL daemons use). */
function tokenForm(origin: string, app: ConfidentialClient): URLSearchParams {
  return new URLSearchParams({
    grant_type: "client_credentials",
    client_id: app.clientId,
    client_secret: app.clientSecret,
    scope: `${origin}/${app.tenant}/graph/.default`,
  });
}

async function accessTokenOf(response: Response): Promise<string> {
  const body = (await response.json()) as { access_token?: string };
  if (response.status !== 200 || !body.access_token)
    throw new Error(`token request failed: HTTP ${response.status} ${JSON.stringify(body)}`);
  return body.access_token;
}

async function cli(args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    execFile(process.execPath, [tsxCli, ...args], { cwd: repoRoot, env, timeout: 120_000 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`${args.join(" ")} failed: ${error.message}\n${stdout}${stderr}`));
      else resolve();
    });
  });
}
