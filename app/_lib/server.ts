import { createHash, hkdfSync, randomBytes, randomUUID } from "node:crypto";
import path from "node:path";
import { env, secretFromEnvironment, type Env } from "./env";
import { createTenantDirectory, loadTenantsConfig, type TenantDirectory } from "./tenant";
import {
  checkReadiness,
  createAuditReadStore,
  createDirectoryStore,
  createActorNames,
  createDirectoryRoleStore,
  createGroupStore,
  createEntitlementStore,
  createExpiringStores,
  createJobLeaseStore,
  createAdminSessionStore,
  createInvitationStore,
  createInvitationBulkStore,
  createAdminCeremonyStore,
  createAdminSignInStore,
  createDirectoryRoleAdminStore,
  createPasskeyStore,
  createTenantSettingsStore,
  createFunnelStore,
  renameTenantRows,
  TenantRenameError,
  createJourneyRepository,
  createApplicationDirectoryStore,
  createOidcRepositories,
  createOtpRepository,
  createPrismaClient,
  createRateLimitStore,
  createRedisRateLimitStore,
  openRedis,
  type RedisClient,
  createTakenResultStore,
  createUserFlowStore,
  auditLogOn,
  createApiConnectorStore,
  createCustomExtensionStore,
  approverAddresses,
  configuredOrganizationsOfDomain,
  createSignUpRequestStore,
  type PrismaClient,
  type Readiness,
} from "./db";
import {
  createAppRoleAssignmentService,
  createDirectoryService,
  createGroupService,
  createSignUpApprovalService,
  signUpApprovalJob,
  type SignUpApprovalService,
  type AppRoleAssignmentService,
  type DirectoryService,
  type GroupService,
  type SystemActor,
  isDirectoryError,
} from "./directory";
import { createOutsiderSessions, type OutsiderSessions } from "./myaccess";
import { createAuditReadService, type AuditReadService } from "./audit";
import {
  createAdminCeremonies,
  createAdminRoleReader,
  createAdminSessionService,
  createAdminSignInService,
  createDirectoryRoleService,
  createPasskeyService,
  createTenantSettingsService,
  portalClientId,
  portalRedirectUri,
  relyingPartyOf,
  type AdminCeremonies,
  type AdminRoleReader,
  type AdminSessionService,
  type AdminSignInService,
  type DirectoryRoleService,
  type PasskeyService,
  type RelyingParty,
  type TenantSettingsService,
} from "./admin";
import { ConfigError } from "./errors";
import {
  createApplicationDirectory,
  createOidcProvider,
  isInteractionError,
  LIFETIMES,
  serializeCookie,
  type ApplicationDirectory,
  type OidcProvider,
} from "./oidc";
import {
  createInvitationMailer,
  createMailer,
  createOutbox,
  createPasscodeMailer,
  mailTranslator,
  createSignUpApprovalMailer,
  createAccessPackageMailer,
  type Mailer,
} from "./mail";
import {
  applicationOfUrl,
  createBulkJobs,
  createInvitationService,
  invitationBulkJob,
  invitationReminderJob,
  type BulkJobs,
  type InvitableApplication,
  type InvitationInternals,
  type InvitationService,
} from "./invitations";

/** The job that invites bulk uploads' rows (invitations/bulk-jobs.ts). */
const BULK_JOB = "invitation-bulk-uploads";
import {
  createJobRegistry,
  createJobRunner,
  expiryJobs,
  jobHolderId,
  jobLogOver,
  startJobScheduler,
  type JobLeaseStore,
  type JobRegistry,
  type JobRunner,
  type JobScheduler,
} from "./jobs";
import {
  createPasscodeService,
  createUserFlowService,
  deriveOtpHashKey,
  termsClaims,
  tokenClaimsFor,
  createJourneyEndpoints,
  createJourneyService,
  defaultJourneyKinds,
  adminUserFlow,
  myAccessClientId,
  myAccessUserFlow,
  apiConnectorHooks,
  createApiConnectorService,
  openSecret,
  type ApiConnectorService,
  createCustomExtensionService,
  customExtensionHooks,
  customPasscodeDelivery,
  tokenIssuanceClaims,
  type CustomExtensionService,
  type CustomExtensionStore,
  cachingListeners,
  type ExtensionHookPorts,
  type JourneyHooks,
  createFunnelRecorder,
  createFunnelReports,
  type FunnelRecorder,
  type FunnelReports,
  type JourneyDeps,
  type JourneyEndpoints,
  type JourneyService,
  type UserFlowService,
  takeRateLimit,
  type RateLimitStore,
  accessDeniedDescription,
  createSignUpLimiter,
  createProofOfWork,
} from "./journeys";
import {
  createEntitlementService,
  entitlementLifecycleJob,
  externalUsersThroughDirectory,
  provisionThroughInvitations,
  linkThroughDirectory,
  type EntitlementService,
} from "./access";
import { createGraphApi, extensionsAppIdOf, GRAPH_ROUTES, type GraphApi, type GraphServices } from "./graph";
import { availableProviderIds, createFederation, type Federation } from "./federation";
import { clientAddress, errorPageOnFailure, isLoopbackAddress, UNKNOWN_CLIENT } from "./http";
import { createLogger, logContext, requestContext, type Logger } from "./log";
import sourceMessages from "../../messages/en.json";

/**
 * Composition root: the typed registry of Guestgate's services, built once. Pages, route handlers,
 * the CLI and jobs take what they need from `services()` and call its verbs; none of them opens
 * the database or calls a repository. Members are built on first use, so the proxy and static
 * pages never touch the database. Kept on globalThis so that `next dev` reloading modules does not
 * open a second database pool.
 */
export interface Services {
  readonly env: Env;
  /** JSON lines at LOG_LEVEL, each carrying the id of the request being handled. */
  readonly logger: Logger;
  readonly tenants: TenantDirectory;
  /** Guests: every verb takes its actor, checks it, and audits its own changes. */
  readonly directory: DirectoryService;
  /** Groups and their user members; app-role assignments of guests (Graph §3). */
  readonly groups: GroupService;
  readonly appRoleAssignments: AppRoleAssignmentService;
  /** Entitlement management: catalogs, access packages, assignment policies, connected organizations. */
  readonly entitlements: EntitlementService;
  /** My Access sessions of people identified by a proven address who are not yet in the directory. */
  readonly myAccessOutsiders: OutsiderSessions;
  /** The audit log read as Graph directoryAudits (AuditLog.Read.All); every module writes its own events. */
  readonly auditLogs: AuditReadService;
  /**
   * Invitations: Graph's POST /invitations, the portal's invite, bulk upload, resend, revoke and
   * reset, the redemption journey's ticket and link, the reminder job.
   */
  readonly invitations: InvitationService;
  /**
   * Bulk invitation uploads as stored jobs: rows in the database, invited by the leased job
   * `invitation-bulk-uploads`, progress and result readable from any instance.
   */
  readonly bulkInvitations: BulkJobs;
  /** The sign-up approval queue: flows with `signUpApproval`; decided in the portal or through Graph, lapsed by a job. */
  readonly signUpApprovals: SignUpApprovalService;
  /** User flows: import (audited), list, and the flow an application starts (one parse cache). */
  readonly userFlows: UserFlowService;
  /** API connectors (Graph identity/apiConnectors): the endpoints sign-up calls at Entra's two steps. */
  readonly apiConnectors: ApiConnectorService;
  /**
   * Custom authentication extensions (Graph identity/customAuthenticationExtensions) and the
   * listeners that attach token issuance to applications (identity/authenticationEventListeners).
   */
  readonly customExtensions: CustomExtensionService;
  /** The OpenID provider of every tenant; `oidc.administration` for applications and keys. */
  readonly oidc: OidcProvider;
  /** Applications as the Graph `applications` resource (and `app grant`) manage them. */
  readonly applications: ApplicationDirectory;
  readonly mailer: Mailer;
  /** One Auth.js per tenant: the road to the upstream identity providers and back. */
  readonly federation: Federation;
  /** For GET /api/ready: the database answers and every migration is applied. */
  readonly readiness: { check(): Promise<Readiness> };
  /** What pages read about journeys (every kind: sign-up/sign-in, profile edit). */
  readonly journeys: JourneyService;
  /** The journey routes: `/{tenant}/interaction/{id}`, `/{tenant}/journey/{id}/…`, `/{tenant}/account/profile`. */
  readonly journeyEndpoints: JourneyEndpoints;
  /** The folder the development outbox keeps messages in (when SMTP_URL is not set). */
  readonly outboxDirectory: string;
  /** Background jobs (purges of every expiring store; later invitation and access-package jobs), for the CLI. */
  readonly jobs: Jobs;
  /** The Graph-shaped management API of every tenant (`/{tenant}/graph/v1.0/…`). */
  readonly graph: GraphApi;
  /** The admin portal (`/{tenant}/admin`): its sessions (read on every page and action), sign-in, settings, roles, passkeys. */
  readonly admin: AdminServices;
  /** The sign-up funnel the journeys record, as the admin overview reads it. */
  readonly signUpFunnel: FunnelReports;
  /** Moves a tenant's rows to the slug the tenants file now gives it (same `id`). */
  readonly tenantAdministration: { rename(actor: SystemActor, from: string, to: string): Promise<Record<string, number>> };
}

export interface AdminServices {
  sessions: AdminSessionService;
  /** Who an identity proven in the admin flow signs in as; the sign-in audit events. */
  signIn: AdminSignInService;
  /** What the portal changed of the tenants file's settings (self-service sign-up, passkey requirement). */
  settings: TenantSettingsService;
  /** Directory roles of Members (Global Administrators assign them). */
  roles: DirectoryRoleService;
  /** Who holds which role, for any administrator's pages (the audit log names actors with their role). */
  roleReader: AdminRoleReader;
  passkeys: PasskeyService;
  /** Single-use server-side state of the sign-in (the OpenID request; WebAuthn challenges live in `passkeys`). */
  ceremonies: AdminCeremonies;
  /** The WebAuthn relying party: GUESTGATE_BASE_URL's host and origin. */
  relyingParty: RelyingParty;
}

export interface Jobs {
  registry: JobRegistry;
  runner: JobRunner;
  leases: JobLeaseStore;
  /** This process's name in lease rows. */
  holder: string;
}

interface Holder {
  services: Services;
  database?: PrismaClient;
  redis?: RedisClient;
  scheduler?: JobScheduler;
}

const holder = globalThis as typeof globalThis & { __guestgate?: Holder; __guestgateStartLogger?: Logger };

export function services(): Services {
  if (!holder.__guestgate) {
    holder.__guestgate = buildServices();
    // Made at start, so the warning about a missing SMTP server is the first thing an operator reads.
    void holder.__guestgate.services.mailer;
  }
  return holder.__guestgate.services;
}

/** Closes the database pool, so a command can exit; the next `services()` call opens a new one. */
export async function closeServices(): Promise<void> {
  const current = holder.__guestgate;
  holder.__guestgate = undefined;
  await current?.database?.$disconnect();
  if (current?.redis?.isOpen) await current.redis.close();
}

/**
 * The log (app/_lib/log/request-ids.ts puts the request id on every line). Before the
 * configuration is known to be valid (a failed start) it is a logger at `info` that reads no setting.
 */
export function logger(): Logger {
  try {
    return services().logger;
  } catch {
    return (holder.__guestgateStartLogger ??= createLogger({ level: "info", context: logContext }));
  }
}

/**
 * Wraps a tenant's route handler: an unexpected throw is logged under a fresh reference and the
 * person is sent (303) to the tenant's error page showing it, in the page's language.
 */
export const withErrorPage = errorPageOnFailure({
  log: logger,
  baseUrl: () => settings().GUESTGATE_BASE_URL,
  isTenant: (slug) => tenants().find(slug) !== undefined,
});

function buildServices(): Holder {
  const settings = env();
  const config = loadTenantsConfig(path.resolve(/*turbopackIgnore: true*/ process.cwd(), settings.GUESTGATE_CONFIG));
  const tenants = createTenantDirectory(config);
  const built: Partial<Record<keyof Services, unknown>> = {};
  const once = <K extends keyof Services>(key: K, make: () => Services[K]): Services[K] => (built[key] ??= make()) as Services[K];
  const state: Holder = { services: undefined as unknown as Services };
  // The database is opened on the first query, not here.
  const database = () => (state.database ??= createPrismaClient(settings.DATABASE_URL));
  // Rate-limit counters: Redis when REDIS_URL is set, else the database; one store for all limits.
  let counters: RateLimitStore | undefined;
  const rateLimits = () =>
    (counters ??= settings.REDIS_URL
      ? createRedisRateLimitStore(
          (state.redis = openRedis(settings.REDIS_URL, (error) =>
            log.error("redis", { module: "rate-limits", error: error.message }),
          )),
        )
      : createRateLimitStore(database()));
  // One store for the extensions' verbs and the token endpoint, so a change here drops the cached listeners at once.
  let extensionRows: CustomExtensionStore | undefined;
  const extensionStore = () =>
    (extensionRows ??= cachingListeners(createCustomExtensionStore(database()), {
      ttlSeconds: LIFETIMES.configCache,
      clock: { now: () => new Date() },
    }));
  let wiring: JourneyDeps | undefined;
  const journeyDeps = () => (wiring ??= journeyWiring(settings, database(), registry, rateLimits()));

  const log = createLogger({ level: settings.LOG_LEVEL, context: logContext });

  const registry: Services = {
    env: settings,
    logger: log,
    tenants,
    get directory() {
      return once("directory", () =>
        createDirectoryService({
          store: createDirectoryStore(database()),
          clock: { now: () => new Date() },
          cursorKey: derivedKey(settings.AUTH_SECRET, "guestgate/directory-cursor/v1"),
        }),
      );
    },
    get groups() {
      return once("groups", () => createGroupService(createGroupStore(database())));
    },
    get appRoleAssignments() {
      return once("appRoleAssignments", () => createAppRoleAssignmentService(createGroupStore(database())));
    },
    get myAccessOutsiders() {
      return once("myAccessOutsiders", () =>
        createOutsiderSessions(derivedKey(settings.AUTH_SECRET, "guestgate/myaccess-outsider/v1"), {
          secure: settings.GUESTGATE_BASE_URL.startsWith("https:"),
        }),
      );
    },
    get entitlements() {
      return once("entitlements", () => entitlementServiceOver(registry, database()));
    },
    get auditLogs() {
      return once("auditLogs", () => createAuditReadService({ store: createAuditReadStore(database()) }));
    },
    get invitations() {
      return once("invitations", () => invitationServiceOver(registry, database()));
    },
    get signUpApprovals() {
      return once("signUpApprovals", () => signUpApprovalsOver(registry, database()));
    },
    get bulkInvitations() {
      return once("bulkInvitations", () =>
        createBulkJobs({
          store: createInvitationBulkStore(database()),
          invitations: invitationServiceOver(registry, database()),
          clock: { now: () => new Date() },
          // Start at once rather than at the next tick; the lease still decides who runs it.
          nudge: () =>
            void registry.jobs.runner
              .runDue({ only: [BULK_JOB], force: true })
              .catch((error: unknown) => log.error("the bulk invitation job could not start", { module: "jobs", err: error })),
        }),
      );
    },
    get userFlows() {
      return once("userFlows", () =>
        createUserFlowService({
          store: createUserFlowStore(database()),
          tenants,
          sourceMessages,
          warn: (message, details) => log.warn(message, { module: "userFlows", ...details }),
        }),
      );
    },
    get apiConnectors() {
      return once("apiConnectors", () =>
        createApiConnectorService({
          store: createApiConnectorStore(database()),
          kek: keyEncryptionKeyOf(settings),
          allowLoopbackHttp: settings.NODE_ENV !== "production",
        }),
      );
    },
    get customExtensions() {
      return once("customExtensions", () =>
        createCustomExtensionService({
          store: extensionStore(),
          allowLoopbackHttp: settings.NODE_ENV !== "production",
          // A test call carries the same token as a real one: minted for the tenant's authentication-events app.
          bearerToken: (tenantId, audience) => registry.oidc.extensionToken(tenantId, audience),
          tenantGuid: (tenantId) => registry.tenants.find(tenantId)?.id ?? tenantId,
        }),
      );
    },
    get oidc() {
      return once("oidc", () =>
        createOidcProvider({
          baseUrl: settings.GUESTGATE_BASE_URL,
          tenants,
          repositories: withPortalApplications(
            withApplicationClaims(createOidcRepositories(database()), () => registry.userFlows, {
              tokenIssuance: () => tokenIssuanceOf(settings, database(), registry, extensionStore()),
            }),
            tenants,
            settings.GUESTGATE_BASE_URL,
          ),
          keyEncryptionKey: settings.GUESTGATE_KEY_ENCRYPTION_KEY
            ? Buffer.from(settings.GUESTGATE_KEY_ENCRYPTION_KEY, "base64")
            : undefined,
          onError: (error) => log.error("oidc endpoint failed", { module: "oidc", err: error }),
        }),
      );
    },
    get applications() {
      return once("applications", () =>
        createApplicationDirectory({
          store: createApplicationDirectoryStore(database()),
          clock: { now: () => new Date() },
          // A change made here (portal, Graph, CLI) reaches this process's token endpoint at once.
          changed: () => registry.oidc.forgetApplications(),
        }),
      );
    },
    get mailer() {
      return once("mailer", () =>
        createMailer({
          smtpUrl: settings.SMTP_URL,
          from: settings.MAIL_FROM,
          outboxDir: registry.outboxDirectory,
          production: settings.NODE_ENV === "production",
          log: log.child({ module: "mail" }),
        }),
      );
    },
    get federation() {
      return once("federation", () =>
        createFederation({
          baseUrl: settings.GUESTGATE_BASE_URL,
          authSecret: settings.AUTH_SECRET,
          tenants,
          secretFromEnvironment,
          takenResults: createTakenResultStore(database()),
          imitations: { github: settings.GUESTGATE_TEST_GITHUB_ORIGIN, facebook: settings.GUESTGATE_TEST_FACEBOOK_ORIGIN },
          warn: (message) => log.warn(message, { module: "federation" }),
        }),
      );
    },
    get readiness() {
      return once("readiness", () => ({ check: () => checkReadiness(database()) }));
    },
    get journeys() {
      return once("journeys", () => createJourneyService(journeyDeps()));
    },
    get journeyEndpoints() {
      return once("journeyEndpoints", () => journeyEndpointsOver(registry, journeyDeps()));
    },
    get outboxDirectory() {
      return path.resolve(/*turbopackIgnore: true*/ process.cwd(), settings.GUESTGATE_OUTBOX_DIR);
    },
    get jobs() {
      return once("jobs", () =>
        createJobs(
          database(),
          registry.outboxDirectory,
          log,
          invitationServiceOver(registry, database()),
          signUpApprovalsOver(registry, database()),
          entitlementServiceOver(registry, database()),
        ),
      );
    },
    get graph() {
      return once("graph", () => graphApiOver(registry, settings, database(), rateLimits()));
    },
    get admin() {
      return once("admin", () => adminServicesOver(settings, database()));
    },
    get signUpFunnel() {
      return once("signUpFunnel", () => createFunnelReports({ store: createFunnelStore(database()), now: () => new Date() }));
    },
    get tenantAdministration() {
      return once("tenantAdministration", () => ({
        rename: (actor, from, to) => renameTenant(database(), tenants, actor, from, to),
      }));
    },
  };
  state.services = registry;
  return state;
}

/** The admin portal's services over the database. */
function adminServicesOver(settings: Env, prisma: PrismaClient): AdminServices {
  const roles = createDirectoryRoleStore(prisma);
  const sha256 = (value: string) => createHash("sha256").update(value).digest("base64url");
  const randomToken = () => randomBytes(32).toString("base64url");
  const now = () => new Date();
  const members = {
    describe: (tenant: string, id: string) => roles.describeMember(tenant, id),
    rolesOf: (tenant: string, id: string) => roles.rolesOf(tenant, id),
  };
  const ceremonies = createAdminCeremonies({ store: createAdminCeremonyStore(prisma), randomToken, sha256, now });
  return {
    sessions: createAdminSessionService({
      store: createAdminSessionStore(prisma),
      members,
      now,
      randomToken,
      sha256,
      newId: () => randomUUID(),
    }),
    signIn: createAdminSignInService({ store: createAdminSignInStore(prisma), members, now }),
    settings: createTenantSettingsService(createTenantSettingsStore(prisma)),
    roles: createDirectoryRoleService({ store: createDirectoryRoleAdminStore(prisma), newId: () => randomUUID() }),
    roleReader: createAdminRoleReader(members),
    passkeys: createPasskeyService({ store: createPasskeyStore(prisma), ceremonies, now }),
    ceremonies,
    relyingParty: relyingPartyOf(settings.GUESTGATE_BASE_URL, "Guestgate"),
  };
}

/**
 * The admin portal's application of each tenant, built in rather than registered (admin/portal.ts
 * says why): a public client with PKCE, its one redirect URI under GUESTGATE_BASE_URL.
 */
function withPortalApplications(
  repositories: ReturnType<typeof createOidcRepositories>,
  tenants: TenantDirectory,
  baseUrl: string,
): ReturnType<typeof createOidcRepositories> {
  const bySlug = new Map(tenants.list().map((tenant) => [portalClientId(tenant.slug), tenant]));
  return {
    ...repositories,
    applications: {
      ...repositories.applications,
      async findByClientId(clientId) {
        const tenant = bySlug.get(clientId);
        if (!tenant) return repositories.applications.findByClientId(clientId);
        return {
          id: `admin-portal:${tenant.slug}`,
          tenantId: tenant.slug,
          clientId,
          name: `${tenant.displayName} admin`,
          clientType: "public",
          redirectUris: [portalRedirectUri(baseUrl, tenant.slug)],
          postLogoutRedirectUris: [],
          grantTypes: ["authorization_code"],
          appRoles: [],
          permissions: [],
          createdAt: new Date(0),
        };
      },
    },
  };
}

/**
 * A key for one purpose, derived from AUTH_SECRET so that every instance agrees on it. Without
 * AUTH_SECRET (development only) it lives as long as the process, which is harmless there.
 */
function derivedKey(secret: string | undefined, purpose: string): Uint8Array {
  if (!secret) return randomBytes(32);
  return new Uint8Array(hkdfSync("sha256", secret, new Uint8Array(0), purpose, 32));
}

/** The Graph API over the registry's services: each resource calls the same verbs as every other surface. */
function graphApiOver(registry: Services, settings: Env, prisma: PrismaClient, rateLimits: RateLimitStore): GraphApi {
  const roles = createDirectoryRoleStore(prisma);
  const actorNames = createActorNames(prisma);
  const perMinute = settings.GUESTGATE_GRAPH_REQUESTS_PER_MINUTE;
  const graphServices: GraphServices = {
    directory: registry.directory,
    userFlows: registry.userFlows,
    groups: registry.groups,
    appRoleAssignments: registry.appRoleAssignments,
    applications: registry.applications,
    auditLogs: registry.auditLogs,
    invitations: registry.invitations,
    apiConnectors: registry.apiConnectors,
    customExtensions: registry.customExtensions,
    entitlements: registry.entitlements,
    signUpApprovals: registry.signUpApprovals,
  };
  return createGraphApi({
    baseUrl: settings.GUESTGATE_BASE_URL,
    tenants: registry.tenants,
    routes: GRAPH_ROUTES,
    services: graphServices,
    cursorKey: derivedKey(settings.AUTH_SECRET, "guestgate/graph-cursor/v1"),
    verifyToken: (tenant, token, audience) => registry.oidc.verifyAccessToken(tenant, token, audience),
    administratorRoles: (tenant, guestId) => roles.rolesOf(tenant, guestId),
    // initiatedBy of the audit events: the caller's name, and its address as clientAddress reads it.
    callerName: (tenant, actor) => actorNames.nameOf(tenant, actor),
    clientAddress: (headers) => {
      const address = clientAddressOf({ headers });
      return address === UNKNOWN_CLIENT ? null : address;
    },
    ...(perMinute > 0
      ? { rateLimit: (key: string) => takeRateLimit(rateLimits, key, { limit: perMinute, windowSeconds: 60 }, new Date()) }
      : {}),
    logError: (message, fields) => registry.logger.error(message, { module: "graph", ...fields }),
  });
}

/**
 * The approval queue on a database client (the registry's, or the job scheduler's own): each approver
 * is mailed in their preferredLanguage, else the tenant's default (the portal's page is the only link), the person in
 * the language they signed up in, with the tenant's home page to sign in from once approved.
 */
function signUpApprovalsOver(registry: Services, prisma: PrismaClient): SignUpApprovalService {
  return createSignUpApprovalService({
    store: createSignUpRequestStore(prisma),
    clock: { now: () => new Date() },
    notify: createSignUpApprovalMailer({
      mailer: registry.mailer,
      translator: mailTranslator,
      baseUrl: registry.env.GUESTGATE_BASE_URL,
      tenants: registry.tenants,
      async approvers(tenantId, clientId) {
        const lookup = await registry.userFlows.flowFor(tenantId, clientId);
        const groupId = lookup.status === "assigned" ? lookup.flow.signUpApproval?.approverGroupId : undefined;
        return approverAddresses(prisma, tenantId, groupId);
      },
    }),
    onNotifyFailure: (error, request, what) =>
      registry.logger.error("a sign-up approval mail was not sent", {
        module: "mail",
        err: error,
        tenant: request.tenantId,
        mail: what,
      }),
  });
}

/**
 * Entitlement management on a database client: a guest a delivery needs is made by the
 * invitation service on the same client, leading to the tenant's My Access page; approvers and
 * requestors are mailed in their own languages (a failed mail is logged, the decision stands);
 * the external-user lifecycle blocks and deletes through a directory service on the same client,
 * so those verbs join the entitlement unit of work.
 */
function entitlementServiceOver(registry: Services, prisma: PrismaClient): EntitlementService {
  const base = registry.env.GUESTGATE_BASE_URL;
  const directory = createDirectoryService({
    store: createDirectoryStore(prisma),
    clock: { now: () => new Date() },
    cursorKey: derivedKey(registry.env.AUTH_SECRET, "guestgate/directory-cursor/v1"),
  });
  return createEntitlementService(
    createEntitlementStore(prisma),
    { now: () => new Date() },
    {
      provisionGuest: provisionThroughInvitations(
        invitationServiceOver(registry, prisma),
        myAccessUrl(base),
        linkThroughDirectory(
          directory,
          (tenantId) =>
            registry.tenants.find(tenantId)?.identityProviders.find((provider) => provider.kind === "email-otp")?.id ?? "email",
        ),
      ),
      notify: createAccessPackageMailer({
        mailer: registry.mailer,
        translator: mailTranslator,
        baseUrl: base,
        tenants: registry.tenants,
      }),
      onNotifyFailure: (error, what, tenant) =>
        registry.logger.error("an access-package mail was not sent", { module: "mail", err: error, tenant, mail: what }),
      externalUsers: externalUsersThroughDirectory(directory),
    },
  );
}

/** The tenant's My Access page: where a guest made by an access package's delivery is sent. */
const myAccessUrl = (base: string) => (tenantId: string) => `${base}/${encodeURIComponent(tenantId)}/myaccess`;

/** Whether a URL is the tenant's My Access page or one below it (same origin, path prefix). */
function isMyAccessUrl(base: string, tenantId: string, url: string): boolean {
  try {
    const page = new URL(myAccessUrl(base)(tenantId));
    const given = new URL(url);
    return given.origin === page.origin && (given.pathname === page.pathname || given.pathname.startsWith(`${page.pathname}/`));
  } catch {
    return false;
  }
}

/** Reads the invitation service does on its own behalf (the tenant's application URLs, the inviter's name): never audited. */
const INVITATIONS_LOOKUP: SystemActor = { type: "system", name: "invitations" };

/**
 * The invitation service on a database client (the registry's, or the job scheduler's own): its
 * guests through a directory service on the same client, redirect targets from the tenant's
 * applications, mail through the mailer, the redeem link under GUESTGATE_BASE_URL.
 */
function invitationServiceOver(registry: Services, prisma: PrismaClient): InvitationService & InvitationInternals {
  const clock = { now: () => new Date() };
  const directory = createDirectoryService({
    store: createDirectoryStore(prisma),
    clock,
    cursorKey: derivedKey(registry.env.AUTH_SECRET, "guestgate/directory-cursor/v1"),
  });
  const applications = createApplicationDirectory({ store: createApplicationDirectoryStore(prisma), clock });
  const sendMail = createInvitationMailer({ mailer: registry.mailer, translator: mailTranslator });
  const base = registry.env.GUESTGATE_BASE_URL;
  return createInvitationService({
    store: createInvitationStore(prisma),
    directory,
    tenants: registry.tenants,
    async applicationUrls(tenantId) {
      const apps = await invitableApplications(applications, tenantId);
      return {
        redirectUris: apps.flatMap((app) => app.redirectUris),
        homePages: apps.flatMap((app) => (app.homePageUrl ? [app.homePageUrl] : [])),
        applications: apps,
      };
    },
    redeemUrl: (tenantId, ticket) => `${base}/${encodeURIComponent(tenantId)}/invite/${ticket}`,
    ownPages: (tenantId) => [myAccessUrl(base)(tenantId)],
    async send(mail) {
      await sendMail({
        kind: mail.kind,
        tenant: mail.tenant,
        locale: mail.language,
        to: mail.to,
        cc: mail.cc,
        inviterName: mail.inviterName,
        customMessage: mail.customMessage,
        acceptUrl: mail.redeemUrl,
        expiresAt: mail.expiresAt,
      });
    },
    async inviterName(actor, tenantId) {
      if (actor.type === "administrator") return (await directory.get(INVITATIONS_LOOKUP, tenantId, actor.id)).displayName;
      if (actor.type === "application")
        return (await applications.get(INVITATIONS_LOOKUP, tenantId, { appId: actor.clientId })).displayName;
      return null;
    },
    warn: (message, fields) => registry.logger.warn(message, { module: "invitations", ...fields }),
    clock,
  });
}

/** The tenant's applications as far as invitations go: their redirect URIs and home pages. */
async function invitableApplications(applications: ApplicationDirectory, tenantId: string): Promise<InvitableApplication[]> {
  const found: InvitableApplication[] = [];
  let after: string | undefined;
  for (;;) {
    const page = await applications.list(INVITATIONS_LOOKUP, tenantId, { top: 999, ...(after ? { after } : {}) });
    for (const app of page.items)
      found.push({
        appId: app.appId,
        displayName: app.displayName,
        redirectUris: [...app.redirectUris.web, ...app.redirectUris.spa, ...app.redirectUris.publicClient],
        homePageUrl: app.homePageUrl ?? null,
      });
    if (!page.more || page.items.length === 0) return found;
    after = page.items.at(-1)!.id;
  }
}

/**
 * The application an invitation leads into (its user flow runs): the same rule that refused an
 * ambiguous URL when the invitation was made; one that became ambiguous since leads nowhere.
 */
async function applicationFor(applications: ApplicationDirectory, tenantId: string, url: string): Promise<string | undefined> {
  const match = applicationOfUrl(url, await invitableApplications(applications, tenantId));
  return match.kind === "one" ? match.appId : undefined;
}

/** The claims each application's user flow selects, for ID tokens and userinfo. */
function withApplicationClaims(
  repositories: ReturnType<typeof createOidcRepositories>,
  userFlows: () => UserFlowService,
  extensions: { tokenIssuance: () => ReturnType<typeof tokenIssuanceClaims> },
): ReturnType<typeof createOidcRepositories> {
  let tokenIssuance: ReturnType<typeof tokenIssuanceClaims> | undefined;
  return {
    ...repositories,
    guests: {
      ...repositories.guests,
      tokenIssuanceClaims(guest, clientId, correlationId) {
        tokenIssuance ??= extensions.tokenIssuance();
        return tokenIssuance(guest.tenantId, clientId, guest, correlationId);
      },
      async applicationClaims(guest, clientId) {
        // No flow, or one that no longer fits the tenant (the service warned): no claims beyond the scopes'.
        const lookup = await userFlows().flowFor(guest.tenantId, clientId);
        if (lookup.status !== "assigned") return {};
        const values = { ...guest.attributes, ...(guest.email ? { email: guest.email } : {}) } as Parameters<
          typeof tokenClaimsFor
        >[1];
        return { ...tokenClaimsFor(lookup.flow, values), ...termsClaims(lookup.flow, guest.termsVersion) };
      },
    },
  };
}

function keyEncryptionKeyOf(settings: Env): Uint8Array | undefined {
  return settings.GUESTGATE_KEY_ENCRYPTION_KEY ? Buffer.from(settings.GUESTGATE_KEY_ENCRYPTION_KEY, "base64") : undefined;
}

/** Sign-up's API connectors on the journey hook points: the flow names them, the store holds them. */
function connectorHooksOf(settings: Env, prisma: PrismaClient, registry: Services) {
  const store = createApiConnectorStore(prisma);
  const kek = keyEncryptionKeyOf(settings);
  return apiConnectorHooks({
    async flow(tenantId, clientId) {
      const lookup = await registry.userFlows.flowFor(tenantId, clientId);
      return lookup.status === "assigned" ? lookup.flow : null;
    },
    connector: (tenantId, id) => store.get(tenantId, id),
    openSecret: (row) => openSecret(kek, row),
    extensionsAppId: (tenantId) => extensionsAppIdOf(registry.tenants.find(tenantId)?.id ?? tenantId),
    allowLoopbackHttp: settings.NODE_ENV !== "production",
    audit: auditLogOn(prisma),
    log: (level, message, fields) => registry.logger[level](message, { module: "apiConnectors", ...fields }),
  });
}

/** Each point's hooks of every set, in the order the sets are given. */
function mergedHooks(...sets: JourneyHooks[]): JourneyHooks {
  const merged: Record<string, unknown[]> = {};
  for (const set of sets)
    for (const [point, hooks] of Object.entries(set)) merged[point] = [...(merged[point] ?? []), ...(hooks as unknown[])];
  return merged as JourneyHooks;
}

/**
 * What custom authentication extensions need: the flow names them, the store holds them, and the
 * tenant's OpenID provider issues the bearer token they verify (its issuer and JWKS).
 */
function extensionPortsOf(settings: Env, prisma: PrismaClient, registry: Services): ExtensionHookPorts {
  const store = createCustomExtensionStore(prisma);
  return {
    async flow(tenantId, clientId) {
      const lookup = await registry.userFlows.flowFor(tenantId, clientId);
      return lookup.status === "assigned" ? lookup.flow : null;
    },
    extension: (tenantId, id) => store.get(tenantId, id),
    tenantGuid: (tenantId) => registry.tenants.find(tenantId)?.id ?? tenantId,
    extensionsAppId: (tenantId) => extensionsAppIdOf(registry.tenants.find(tenantId)?.id ?? tenantId),
    bearerToken: (tenantId, audience) => registry.oidc.extensionToken(tenantId, audience),
    allowLoopbackHttp: settings.NODE_ENV !== "production",
    audit: auditLogOn(prisma),
    log: (level, message, fields) => registry.logger[level](message, { module: "customExtensions", ...fields }),
  };
}

/** OnTokenIssuanceStart for the OpenID provider: the tenant's listeners name the applications. */
function tokenIssuanceOf(settings: Env, prisma: PrismaClient, registry: Services, store: CustomExtensionStore) {
  return tokenIssuanceClaims({
    ...extensionPortsOf(settings, prisma, registry),
    listeners: (tenantId) => store.listeners(tenantId),
  });
}

/** Everything a journey of any kind needs; guests through the directory service. */
function journeyWiring(settings: Env, prisma: PrismaClient, registry: Services, rateLimits: RateLimitStore): JourneyDeps {
  const windowSeconds = settings.GUESTGATE_OTP_SEND_WINDOW_MINUTES * 60;
  const sendPasscodeMail = createPasscodeMailer({ mailer: registry.mailer, translator: mailTranslator });
  const sha256 = (value: string) => createHash("sha256").update(value).digest("base64url");
  return {
    journeys: createJourneyRepository(prisma),
    kinds: defaultJourneyKinds(),
    directory: registry.directory,
    signUpApprovals: registry.signUpApprovals,
    connectedOrganizationsOfDomain: (tenantId, domain) => configuredOrganizationsOfDomain(prisma, tenantId, domain),
    invitations: {
      open: (tenantId, ticket) => registry.invitations.open(tenantId, ticket),
      redeem: (...args) => registry.invitations.redeem(...args),
      continueUrl: (tenantId, id) => registry.invitations.continueUrl(tenantId, id),
      // An invitation to the tenant's own My Access (a guest an access package made) redeems under
      // My Access's built-in flow, as its sign-in does; any other URL under its application's.
      clientFor: async (tenantId, url) =>
        isMyAccessUrl(settings.GUESTGATE_BASE_URL, tenantId, url)
          ? myAccessClientId(tenantId)
          : applicationFor(registry.applications, tenantId, url),
    },
    // Sign-up limits on the shared counters (the purge job removes the database's ended windows).
    signUpLimits: createSignUpLimiter({
      store: rateLimits,
      hashKey: derivedKey(settings.AUTH_SECRET, "guestgate/sign-up-limits/v1"),
    }),
    // The proof-of-work challenge: its spent solutions are counted on the same shared store.
    proofOfWork: createProofOfWork({
      secret: derivedKey(settings.AUTH_SECRET, "guestgate/proof-of-work/v1"),
      store: rateLimits,
      refused: (event) => registry.logger.warn("proof of work refused", { module: "signUpProtection", ...event }),
    }),
    // API connectors first (Entra's workforce steps), then the flow's custom extensions.
    hooks: mergedHooks(
      connectorHooksOf(settings, prisma, registry),
      customExtensionHooks(extensionPortsOf(settings, prisma, registry)),
    ),
    deliverPasscode: customPasscodeDelivery(extensionPortsOf(settings, prisma, registry)),
    funnel: countingQuietly(createFunnelRecorder({ store: createFunnelStore(prisma), sha256 }), registry.logger),
    passcodes: createPasscodeService({
      repository: createOtpRepository(prisma),
      rateLimits,
      // Without AUTH_SECRET (development only) codes die with the process, which is harmless there.
      hashKey: settings.AUTH_SECRET ? deriveOtpHashKey(settings.AUTH_SECRET) : randomBytes(32),
      policy: {
        sendsPerAddress: { limit: settings.GUESTGATE_OTP_SENDS_PER_ADDRESS, windowSeconds },
        sendsPerClient: { limit: settings.GUESTGATE_OTP_SENDS_PER_CLIENT, windowSeconds },
      },
    }),
    sendPasscode: (tenant, locale, delivery) =>
      sendPasscodeMail({ tenant, locale, to: delivery.to, code: delivery.code, validForMinutes: delivery.validForMinutes }),
    // A flow that no longer fits the tenant is "no flow" to a journey: the page says so, nothing throws.
    async flowFor(tenantId, clientId) {
      const tenant = registry.tenants.find(tenantId);
      if (tenant && clientId === portalClientId(tenantId)) return adminUserFlow(tenant, clientId);
      if (tenant && clientId === myAccessClientId(tenantId)) return myAccessUserFlow(tenant, clientId);
      const lookup = await registry.userFlows.flowFor(tenantId, clientId);
      return lookup.status === "assigned" ? lookup.flow : undefined;
    },
    signIn: {
      async complete(journey, interactionId, guestId) {
        const completed = await registry.oidc.completeInteraction(journey.tenantId, interactionId, {
          guestId,
          amr: journey.internal.amr ?? [],
          remember: false,
        });
        return { redirectTo: completed.resumeUrl, setCookies: [serializeCookie(completed.sessionCookie)] };
      },
      async startSession(journey, guestId) {
        const started = await registry.oidc.startSession(journey.tenantId, {
          guestId,
          amr: journey.internal.amr ?? [],
          remember: false,
        });
        return [serializeCookie(started.sessionCookie)];
      },
      async abort(journey, interactionId) {
        const aborted = await registry.oidc.abortInteraction(journey.tenantId, interactionId, {
          error: "access_denied",
          description: accessDeniedDescription(journey.state),
        });
        return { redirectTo: aborted.resumeUrl };
      },
      async expiresAt(tenantId, interactionId) {
        try {
          return (await registry.oidc.describeInteraction(tenantId, interactionId)).expiresAt;
        } catch (error) {
          if (isInteractionError(error)) return undefined;
          throw error;
        }
      },
    },
    availableProviders: (tenant) => availableProviderIds(tenant),
    selfServiceSignUp: async (tenant) => (await registry.admin.settings.effective(tenant)).selfServiceSignUp,
    myAccessOutsiders: {
      async addressTaken(tenantId, email) {
        try {
          await registry.directory.describe({ type: "system", name: "myAccess" }, tenantId, { email });
          return true;
        } catch (error) {
          if (isDirectoryError(error) && error.code === "notFound") return false;
          throw error;
        }
      },
      async startSession(journey) {
        const identity = journey.internal.identity;
        if (!identity?.email) throw new Error(`journey ${journey.id} identified no address`);
        const email = identity.email.toLowerCase();
        return [
          registry.myAccessOutsiders.start(journey.tenantId, { issuer: identity.issuer, subject: identity.subject, email }),
        ];
      },
    },
    administrators: {
      isPortalClient: (tenantId, clientId) => clientId === portalClientId(tenantId),
      resolve: (tenantId, identity) => registry.admin.signIn.resolve(tenantId, identity),
    },
    secureCookies: settings.GUESTGATE_BASE_URL.startsWith("https:"),
    now: () => new Date(),
    randomToken: () => randomBytes(32).toString("base64url"),
    sha256,
  };
}

/** Counting is for the overview: a failed count is logged and the person's sign-up goes on. */
function countingQuietly(recorder: FunnelRecorder, log: Logger): FunnelRecorder {
  return {
    async record(journey, marks) {
      try {
        await recorder.record(journey, marks);
      } catch (error) {
        log.warn("sign-up funnel not counted", { module: "journeys", err: error, marks: marks.map((mark) => mark.step) });
      }
    },
  };
}

/** The journey routes over the registry: interactions and sessions from the provider, the road upstream from federation. */
function journeyEndpointsOver(registry: Services, deps: JourneyDeps): JourneyEndpoints {
  return createJourneyEndpoints({
    baseUrl: registry.env.GUESTGATE_BASE_URL,
    tenants: registry.tenants,
    deps,
    clientAddress: clientAddressOf,
    interactions: {
      describeForBrowser: (request, tenant, id) => registry.oidc.describeForBrowser(request, tenant, id),
      isGone: isInteractionError,
    },
    session: {
      signedInGuest: async (request, tenant) =>
        (await registry.oidc.signedInGuest(tenant, registry.oidc.readSessionToken(request, tenant)))?.guestId,
    },
    federation: {
      startFederation: (tenant, providerId, options) => registry.federation.startFederation(tenant, providerId, options),
      async takeUpstreamIdentity(tenant) {
        const outcome = await registry.federation.takeUpstreamIdentity(tenant);
        if (!outcome) return { failure: "upstreamError" };
        return outcome.ok ? { identity: outcome.identity } : { failure: outcome.reason };
      },
    },
  });
}

/**
 * The client behind a request, for every rate limit and audit record: the socket's peer (carried
 * from the diagnostics channel by the request context, because Next gives route handlers no
 * socket), or — only when that peer is in GUESTGATE_TRUSTED_PROXIES — the right-most untrusted
 * X-Forwarded-For entry. `unknown` for a request not read from a connection (in-process tests).
 */
export function clientAddressOf(request: { headers: Headers }): string {
  return clientAddress(
    requestContext()?.peerAddress,
    request.headers.get("x-forwarded-for"),
    settings().GUESTGATE_TRUSTED_PROXIES,
  );
}

/**
 * Whether the request comes from a browser on this machine (the development outbox shows live
 * passcodes only to such). The client address must be loopback; and a request that a loopback
 * peer forwarded from elsewhere without being a trusted proxy (a local reverse proxy nobody told
 * us about) is not one, whatever its address looks like.
 */
export function isLoopbackClient(headers: Headers): boolean {
  const peer = requestContext()?.peerAddress;
  const trusted = settings().GUESTGATE_TRUSTED_PROXIES;
  // Next's own server writes X-Forwarded-For (the peer's address) on every request, so the header
  // alone proves nothing: what disqualifies is an entry that is not this machine.
  const hops = (headers.get("x-forwarded-for") ?? "")
    .split(",")
    .map((hop) => hop.trim())
    .filter(Boolean);
  const fromElsewhere = hops.some((hop) => !isLoopbackAddress(hop)) || headers.has("forwarded");
  if (peer !== undefined && fromElsewhere && !trusted.contains(peer)) return false;
  return isLoopbackAddress(clientAddressOf({ headers }));
}

// Shorthands for the registry's members, as route modules have called them.
export const settings = (): Env => services().env;
export const tenants = (): TenantDirectory => services().tenants;
export const oidc = (): OidcProvider => services().oidc;
export const mailer = (): Mailer => services().mailer;
export const federation = (): Federation => services().federation;
export const outboxDirectory = (): string => services().outboxDirectory;
export const directory = (): DirectoryService => services().directory;
export const journeys = (): JourneyService => services().journeys;
export const journeyEndpoints = (): JourneyEndpoints => services().journeyEndpoints;

/**
 * Validates the environment and the tenants file and builds what warns about configuration (no
 * SMTP server, an identity provider without its secret); called at start-up (instrumentation.ts).
 */
export function validateConfiguration(): void {
  void services().federation;
}

/**
 * The background jobs of this deployment, on the given database. Features that bring jobs
 * (invitation expiry, access packages) register them here, next to the purge jobs of every store
 * that expires.
 */
function createJobs(
  prisma: PrismaClient,
  outboxDir: string,
  log: Logger,
  invitations: InvitationService & InvitationInternals,
  approvals: SignUpApprovalService,
  entitlements: EntitlementService,
): Jobs {
  const stores = createExpiringStores(prisma, { accessTokenLifetimeSeconds: LIFETIMES.accessToken });
  // The outbox folder is swept whether or not SMTP is set now: files of an earlier run hold passcodes too.
  const outbox = createOutbox({ dir: outboxDir });
  const registry = createJobRegistry([
    ...expiryJobs({
      ...stores,
      outbox,
      adminSessions: createAdminSessionStore(prisma),
      adminCeremonies: createAdminCeremonyStore(prisma),
    }),
    invitationReminderJob(invitations),
    signUpApprovalJob(approvals),
    invitationBulkJob(
      createBulkJobs({
        store: createInvitationBulkStore(prisma),
        invitations,
        clock: { now: () => new Date() },
        warn: (message, fields) => log.warn(message, { module: "invitations", ...fields }),
      }),
    ),
    entitlementLifecycleJob(entitlements),
  ]);
  const leases = createJobLeaseStore(prisma);
  const holder = jobHolderId();
  const jobLog = jobLogOver(log.child({ module: "jobs" }));
  return { registry, leases, holder, runner: createJobRunner({ registry, leases, holder, log: jobLog }) };
}

/**
 * Runs due jobs inside the server process (`npm start`), every GUESTGATE_JOBS_TICK_SECONDS (0 turns
 * it off, e.g. when a cron runs `npm run guestgate -- jobs run` instead). Started once per process.
 *
 * The scheduler has a database client of its own, not the registry's: instrumentation.ts (which
 * starts it) is bundled apart from the routes, so a client made from its copy of db/client.ts is
 * unknown to the routes' copy (providerOf fails), and the jobs should not queue behind requests anyway.
 */
export function startBackgroundJobs(): JobScheduler | undefined {
  const current = services();
  const state = holder.__guestgate!;
  const tickSeconds = current.env.GUESTGATE_JOBS_TICK_SECONDS;
  if (tickSeconds === 0 || state.scheduler) return state.scheduler;
  const prisma = createPrismaClient(current.env.DATABASE_URL);
  const log = current.logger;
  const scheduler = startJobScheduler({
    runner: createJobs(
      prisma,
      current.outboxDirectory,
      log,
      invitationServiceOver(current, prisma),
      signUpApprovalsOver(current, prisma),
      entitlementServiceOver(current, prisma),
    ).runner,
    log: jobLogOver(log.child({ module: "jobs" })),
    tickSeconds,
  });
  state.scheduler = {
    async stop() {
      await scheduler.stop();
      await prisma.$disconnect();
    },
  };
  return state.scheduler;
}

/** Stops the scheduler and waits for a run in progress (tests, and a clean shutdown). */
export async function stopBackgroundJobs(): Promise<void> {
  const state = holder.__guestgate;
  const scheduler = state?.scheduler;
  if (!scheduler) return;
  state.scheduler = undefined;
  await scheduler.stop();
}

/**
 * Moves a tenant's rows from its old slug to the one the tenants file now gives it (same `id`),
 * in one transaction. The file must already say `to`, and no longer `from`, so that the running
 * configuration and the rows agree once servers restart.
 */
async function renameTenant(
  prisma: PrismaClient,
  tenants: TenantDirectory,
  actor: SystemActor,
  from: string,
  to: string,
): Promise<Record<string, number>> {
  if (!tenants.find(to))
    throw new ConfigError("--to", [`no tenant "${to}" in the tenants file: change the tenant's slug there first (keep its id)`]);
  if (tenants.find(from))
    throw new ConfigError("--from", [`"${from}" is still a tenant in the tenants file: its rows cannot move to "${to}"`]);
  try {
    return await renameTenantRows(prisma, { from, to, actor, now: new Date() });
  } catch (error) {
    if (error instanceof TenantRenameError) throw new ConfigError("the rename", [error.message]);
    throw error;
  }
}
