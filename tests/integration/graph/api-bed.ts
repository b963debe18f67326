// The Graph API in process, built as server.ts builds it, over a migrated database and the tenant's
// own provider (tests/integration/oidc/harness.ts): real tokens, real services. A 500 anywhere
// throws, so no test can pass over a crash. (tests/e2e/graph drives the same API through
// @microsoft/microsoft-graph-client against next start over https.)
import { Client, MiddlewareFactory, type Context, type Middleware } from "@microsoft/microsoft-graph-client";
import { randomBytes } from "node:crypto";
import { expect } from "vitest";
import {
  createApiConnectorStore,
  createCustomExtensionStore,
  createActorNames,
  createApplicationDirectoryStore,
  createAuditReadStore,
  createDirectoryRoleStore,
  createDirectoryStore,
  createEntitlementStore,
  createGroupStore,
  createInvitationStore,
  createSignUpRequestStore,
  createUserFlowStore,
  type DatabaseProvider,
} from "../../../app/_lib/db";
import {
  createEntitlementService,
  externalUsersThroughDirectory,
  provisionThroughInvitations,
  linkThroughDirectory,
  type EntitlementPorts,
  type EntitlementService,
} from "../../../app/_lib/access";
import { createAuditReadService } from "../../../app/_lib/audit";
import {
  createAppRoleAssignmentService,
  createDirectoryService,
  createGroupService,
  createSignUpApprovalService,
  type SignUpRequest,
} from "../../../app/_lib/directory";
import { createGraphApi, GRAPH_ROUTES, type GraphServices } from "../../../app/_lib/graph";
import { clientAddress, parseTrustedProxies, UNKNOWN_CLIENT } from "../../../app/_lib/http";
import { createInvitationService, type InvitationMail, type InvitationService } from "../../../app/_lib/invitations";
import { tenantFixture } from "../../../app/_lib/invitations/test-fixtures";
import { createApiConnectorService, createCustomExtensionService, createUserFlowService } from "../../../app/_lib/journeys";
import { createApplicationDirectory } from "../../../app/_lib/oidc";
import type { Tenant } from "../../../app/_lib/tenant";
import sourceMessages from "../../../messages/en.json";
import { BASE, basicAuth, createTestbed, OTHER_TENANT, TENANT, tokenRequest, type Testbed } from "../oidc/harness";

const LOCAL_PROXY = parseTrustedProxies("127.0.0.1/32");
const myAccess = (tenantId: string) => `${BASE}/${tenantId}/myaccess`;

export interface GraphBed {
  bed: Testbed;
  call(
    method: string,
    path: string,
    token: string | undefined,
    body?: unknown,
    options?: { tenant?: string; rawBody?: string; headers?: Record<string, string> },
  ): Promise<Response>;
  /**
   * An unmodified @microsoft/microsoft-graph-client with its default middleware chain (auth,
   * retry, redirect, telemetry), whose last link hands the request to the API in process instead
   * of the network: what the client sends and how it reads answers is what it does against Entra.
   */
  client(token: string, tenant?: string): Client;
  /** A client-credentials token of a new confidential client holding `permissions`. */
  appToken(permissions: string[], tenant?: string): Promise<string>;
  /** A whole Request, as the route handler gets it (the Graph client's in-process transport). */
  handle(request: Request): Promise<Response>;
  /** Invitation e-mails the invitation service sent, oldest first. */
  mails: InvitationMail[];
  /** What the approval queue told (the mails themselves: tests/integration/journeys/sign-up-approvals.test.ts). */
  signUpNotices: { what: "requested" | "decided"; request: SignUpRequest }[];
  /** The entitlements service the API calls (its jobs' verbs are run from tests with a moved clock). */
  entitlements: EntitlementService;
  /** The invitation service the API and deliveries use (tests open the tickets its links carry). */
  invitations: InvitationService;
}

export async function createGraphBed(
  provider: DatabaseProvider,
  options: {
    userFlowTenants?: { find(slug: string): Tenant | undefined };
    /** The entitlement service's mails (tests/integration/graph/access-mails.test.ts sends them through SMTP). */
    entitlementPorts?: Pick<EntitlementPorts, "notify" | "onNotifyFailure">;
  } = {},
): Promise<GraphBed> {
  const bed = await createTestbed(provider);
  const prisma = bed.db.prisma;
  const tenants = {
    find: (slug: string) =>
      ({
        [TENANT]: { slug, id: "0b0c0d0e-0000-4000-8000-000000000001" },
        [OTHER_TENANT]: { slug, id: "0b0c0d0e-0000-4000-8000-000000000002" },
      })[slug],
  };
  const roles = createDirectoryRoleStore(prisma);
  const actorNames = createActorNames(prisma);
  const clock = { now: () => new Date() };
  const directory = createDirectoryService({ store: createDirectoryStore(prisma), clock, cursorKey: randomBytes(32) });
  const applications = createApplicationDirectory({ store: createApplicationDirectoryStore(prisma), clock });
  const mails: InvitationMail[] = [];
  const signUpNotices: GraphBed["signUpNotices"] = [];
  const invitationTenants = [tenantFixture(TENANT), tenantFixture(OTHER_TENANT)];
  const system = { type: "system" as const, name: "invitations" };
  const invitations = createInvitationService({
    store: createInvitationStore(prisma),
    directory,
    tenants: { find: (slug) => invitationTenants.find((t) => t.slug === slug), list: () => invitationTenants },
    async applicationUrls(tenantId) {
      const { items } = await applications.list(system, tenantId, { top: 999 });
      return {
        redirectUris: items.flatMap((app) => [...app.redirectUris.web, ...app.redirectUris.spa]),
        homePages: items.flatMap((app) => (app.homePageUrl ? [app.homePageUrl] : [])),
        applications: items.map((app) => ({
          appId: app.appId,
          displayName: app.displayName,
          redirectUris: [...app.redirectUris.web, ...app.redirectUris.spa],
          homePageUrl: app.homePageUrl ?? null,
        })),
      };
    },
    redeemUrl: (tenantId, ticket) => `${BASE}/${tenantId}/invite/${ticket}`,
    ownPages: (tenantId) => [myAccess(tenantId)],
    send: async (mail) => void mails.push(mail),
    inviterName: async (actor, tenantId) =>
      actor.type === "application" ? (await applications.get(system, tenantId, { appId: actor.clientId })).displayName : null,
    clock,
  });
  const entitlements = createEntitlementService(createEntitlementStore(prisma), clock, {
    provisionGuest: provisionThroughInvitations(
      invitations,
      myAccess,
      linkThroughDirectory(directory, () => "email"),
    ),
    externalUsers: externalUsersThroughDirectory(directory),
    ...options.entitlementPorts,
  });
  const graph = createGraphApi<GraphServices>({
    baseUrl: BASE,
    tenants,
    routes: GRAPH_ROUTES,
    services: {
      directory,
      userFlows: createUserFlowService({
        store: createUserFlowStore(prisma),
        tenants: options.userFlowTenants ?? { find: () => undefined },
        sourceMessages: options.userFlowTenants ? sourceMessages : {},
        warn: () => {},
      }),
      groups: createGroupService(createGroupStore(prisma)),
      appRoleAssignments: createAppRoleAssignmentService(createGroupStore(prisma)),
      applications,
      auditLogs: createAuditReadService({ store: createAuditReadStore(prisma) }),
      invitations,
      apiConnectors: createApiConnectorService({
        store: createApiConnectorStore(prisma),
        kek: randomBytes(32),
        allowLoopbackHttp: true,
      }),
      customExtensions: createCustomExtensionService({ store: createCustomExtensionStore(prisma), allowLoopbackHttp: true }),
      entitlements,
      signUpApprovals: createSignUpApprovalService({
        store: createSignUpRequestStore(prisma),
        clock,
        notify: {
          requested: async (request) => void signUpNotices.push({ what: "requested", request }),
          decided: async (request) => void signUpNotices.push({ what: "decided", request }),
        },
        onNotifyFailure: (error) => {
          throw error;
        },
      }),
    },
    cursorKey: randomBytes(32),
    verifyToken: (tenant, token, audience) => bed.op.verifyAccessToken(tenant, token, audience),
    administratorRoles: (tenant, guestId) => roles.rolesOf(tenant, guestId),
    callerName: (tenant, actor) => actorNames.nameOf(tenant, actor),
    // An in-process call has no socket (no address); one that carries X-Forwarded-For is taken as
    // having come through a reverse proxy on this machine that the deployment trusts.
    clientAddress: (headers) => {
      const forwarded = headers.get("x-forwarded-for");
      const address = clientAddress(forwarded ? "127.0.0.1" : undefined, forwarded, LOCAL_PROXY);
      return address === UNKNOWN_CLIENT ? null : address;
    },
    logError: (message, fields) => {
      throw new Error(`${message}: ${String((fields.error as Error)?.stack ?? JSON.stringify(fields))}`);
    },
  });
  const handle = (request: Request) => {
    const url = new URL(request.url);
    // /{tenant}/graph/{version}/… → the route handler's tenant and [...path] segments.
    const [tenant, , ...segments] = url.pathname.split("/").slice(1).map(decodeURIComponent);
    return graph.handle(request, tenant!, segments);
  };
  return {
    bed,
    client(token, tenant = TENANT) {
      const inProcess: Middleware = {
        async execute(context: Context) {
          const request = new Request(context.request as string, context.options as RequestInit);
          context.response = await handle(request);
        },
      };
      const chain = MiddlewareFactory.getDefaultMiddlewareChain({ getAccessToken: async () => token });
      return Client.initWithMiddleware({
        baseUrl: `${BASE}/${tenant}/graph`,
        customHosts: new Set([new URL(BASE).hostname]),
        middleware: [...chain.slice(0, -1), inProcess],
      });
    },
    mails,
    signUpNotices,
    entitlements,
    invitations,
    handle(request) {
      return handle(request);
    },
    call(method, path, token, body, options = {}) {
      const tenant = options.tenant ?? TENANT;
      const url = new URL(`${BASE}/${tenant}/graph/${path}`);
      const headers = new Headers({ ...options.headers, ...(token ? { authorization: `Bearer ${token}` } : {}) });
      const text = options.rawBody ?? (body !== undefined ? JSON.stringify(body) : undefined);
      if (text !== undefined) headers.set("content-type", "application/json");
      const segments = url.pathname.split("/").slice(3).map(decodeURIComponent);
      return graph.handle(new Request(url, { method, headers, ...(text !== undefined ? { body: text } : {}) }), tenant, segments);
    },
    async appToken(permissions, tenant = TENANT) {
      const { application, secret } = await bed.op.applications.register({
        tenantId: tenant,
        name: "Graph client",
        clientType: "confidential",
        redirectUris: [],
        grantTypes: ["client_credentials"],
        permissions,
      });
      const response = await tokenRequest(
        bed,
        { grant_type: "client_credentials", scope: "https://graph.microsoft.com/.default" },
        basicAuth(application.clientId, secret!.secret),
        `${BASE}/${tenant}/oauth2/v2.0/token`,
      );
      expect(response.status).toBe(200);
      return ((await response.json()) as { access_token: string }).access_token;
    },
  };
}
