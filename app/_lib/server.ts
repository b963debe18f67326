import { createHash, randomBytes } from "node:crypto";
import path from "node:path";
import { env, secretFromEnvironment, type Env } from "./env";
import { createTenantDirectory, loadTenantsConfig, type TenantDirectory } from "./tenant";
import {
  createGuestRepository,
  createJourneyRepository,
  createOidcRepositories,
  createOtpRepository,
  createPrismaClient,
  createRateLimitStore,
  createUserFlowRepository,
  createExpiringStores,
  createJobLeaseStore,
  renameTenantRows,
  TenantRenameError,
  type PrismaClient,
  type UserFlowRepository,
} from "./db";
import { createOidcProvider, isInteractionError, LIFETIMES, serializeCookie, type OidcProvider } from "./oidc";
import { createMailer, createOutbox, createPasscodeMailer, mailTranslator, type Mailer } from "./mail";
import {
  consoleJobLog,
  createJobRegistry,
  createJobRunner,
  expiryJobs,
  jobHolderId,
  startJobScheduler,
  type JobLeaseStore,
  type JobRegistry,
  type JobRunner,
  type JobScheduler,
} from "./jobs";
import { createPasscodeService, deriveOtpHashKey, tokenClaimsFor, type JourneyDeps } from "./journeys";
import { availableProviderIds, createFederation, type Federation } from "./federation";
import type { SystemActor } from "./directory";
import { ConfigError } from "./errors";

/**
 * Composition root: the one place that wires configuration, the database and the services built
 * on them. Route handlers, pages and the proxy ask here; domain modules get what they need passed in.
 * Kept on globalThis so that `next dev` reloading modules does not open a second database pool.
 */
interface Services {
  env: Env;
  tenants: TenantDirectory;
  database?: PrismaClient;
  oidc?: OidcProvider;
  mailer?: Mailer;
  userFlows?: UserFlowRepository;
  journeys?: JourneyDeps;
  federation?: Federation;
  jobs?: Jobs;
  scheduler?: JobScheduler;
}

export interface Jobs {
  registry: JobRegistry;
  runner: JobRunner;
  leases: JobLeaseStore;
  /** This process's name in lease rows. */
  holder: string;
}

const holder = globalThis as typeof globalThis & { __guestgate?: Services };

function services(): Services {
  if (!holder.__guestgate) {
    const settings = env();
    const config = loadTenantsConfig(path.resolve(/*turbopackIgnore: true*/ process.cwd(), settings.GUESTGATE_CONFIG));
    holder.__guestgate = { env: settings, tenants: createTenantDirectory(config) };
    // Made at start, so the warning about a missing SMTP server is the first thing an operator reads.
    mailer();
  }
  return holder.__guestgate;
}

export function settings(): Env {
  return services().env;
}

export function tenants(): TenantDirectory {
  return services().tenants;
}

/** Opened on first use, so that the proxy and static pages never touch the database. */
export function database(): PrismaClient {
  const current = services();
  return (current.database ??= createPrismaClient(current.env.DATABASE_URL));
}

/**
 * The OpenID provider of every tenant. The database is opened on the first query, not here, so
 * route modules can take this at import time.
 */
export function oidc(): OidcProvider {
  const current = services();
  return (current.oidc ??= createOidcProvider({
    baseUrl: current.env.GUESTGATE_BASE_URL,
    tenants: current.tenants,
    repositories: withApplicationClaims(createOidcRepositories(database())),
    keyEncryptionKey: current.env.GUESTGATE_KEY_ENCRYPTION_KEY
      ? Buffer.from(current.env.GUESTGATE_KEY_ENCRYPTION_KEY, "base64")
      : undefined,
  }));
}

/** The claims each application's user flow selects, for ID tokens and userinfo. */
function withApplicationClaims(
  repositories: ReturnType<typeof createOidcRepositories>,
): ReturnType<typeof createOidcRepositories> {
  const flows = userFlows();
  return {
    ...repositories,
    guests: {
      ...repositories.guests,
      async applicationClaims(guest, clientId) {
        const flow = await flows.flowFor(guest.tenantId, clientId);
        if (!flow) return {};
        const values = { ...guest.attributes, ...(guest.email ? { email: guest.email } : {}) } as Parameters<
          typeof tokenClaimsFor
        >[1];
        return tokenClaimsFor(flow, values);
      },
    },
  };
}

/** User flows, read by the journeys and by the token endpoint (application claims): one instance, one parse cache. */
export function userFlows(): UserFlowRepository {
  const current = services();
  return (current.userFlows ??= createUserFlowRepository(database(), { tenants: current.tenants }));
}

/** The folder the development outbox keeps messages in (when SMTP_URL is not set). */
export function outboxDirectory(): string {
  return path.resolve(/*turbopackIgnore: true*/ process.cwd(), settings().GUESTGATE_OUTBOX_DIR);
}

/** SMTP when SMTP_URL is set; otherwise the development outbox, which keeps every message. */
export function mailer(): Mailer {
  const current = services();
  const settings = current.env;
  return (current.mailer ??= createMailer({
    smtpUrl: settings.SMTP_URL,
    from: settings.MAIL_FROM,
    outboxDir: outboxDirectory(),
    production: settings.NODE_ENV === "production",
  }));
}

/** Everything a sign-up-or-sign-in journey needs, wired once. */
export function journeyDeps(): JourneyDeps {
  const current = services();
  if (current.journeys) return current.journeys;
  const settings = current.env;
  const prisma = database();
  const windowSeconds = settings.GUESTGATE_OTP_SEND_WINDOW_MINUTES * 60;
  const sendPasscodeMail = createPasscodeMailer({ mailer: mailer(), translator: mailTranslator });
  const flows = userFlows();
  const sha256 = (value: string) => createHash("sha256").update(value).digest("base64url");
  return (current.journeys = {
    journeys: createJourneyRepository(prisma),
    guests: createGuestRepository(prisma),
    passcodes: createPasscodeService({
      repository: createOtpRepository(prisma),
      rateLimits: createRateLimitStore(prisma),
      // Without AUTH_SECRET (development only) codes die with the process, which is harmless there.
      hashKey: settings.AUTH_SECRET ? deriveOtpHashKey(settings.AUTH_SECRET) : randomBytes(32),
      policy: {
        sendsPerAddress: { limit: settings.GUESTGATE_OTP_SENDS_PER_ADDRESS, windowSeconds },
        sendsPerClient: { limit: settings.GUESTGATE_OTP_SENDS_PER_CLIENT, windowSeconds },
      },
    }),
    sendPasscode: (tenant, locale, delivery) =>
      sendPasscodeMail({ tenant, locale, to: delivery.to, code: delivery.code, validForMinutes: delivery.validForMinutes }),
    flowFor: (tenantId, clientId) => flows.flowFor(tenantId, clientId),
    signIn: {
      async complete(journey, guestId) {
        const completed = await oidc().completeInteraction(journey.tenantId, journey.interactionId, {
          guestId,
          amr: journey.internal.amr ?? [],
          remember: false,
        });
        return { redirectTo: completed.resumeUrl, setCookies: [serializeCookie(completed.sessionCookie)] };
      },
      async abort(journey) {
        const aborted = await oidc().abortInteraction(journey.tenantId, journey.interactionId, {
          error: "access_denied",
          description: "the person did not sign in",
        });
        return { redirectTo: aborted.resumeUrl };
      },
      async expiresAt(tenantId, interactionId) {
        try {
          return (await oidc().describeInteraction(tenantId, interactionId)).expiresAt;
        } catch (error) {
          if (isInteractionError(error)) return undefined;
          throw error;
        }
      },
    },
    availableProviders: (tenant) => availableProviderIds(tenant),
    secureCookies: settings.GUESTGATE_BASE_URL.startsWith("https:"),
    now: () => new Date(),
    randomToken: () => randomBytes(32).toString("base64url"),
    sha256,
  });
}

/** One Auth.js per tenant: the road to the upstream identity providers and back. */
export function federation(): Federation {
  const current = services();
  return (current.federation ??= createFederation({
    baseUrl: current.env.GUESTGATE_BASE_URL,
    authSecret: current.env.AUTH_SECRET,
    tenants: current.tenants,
    secretFromEnvironment,
  }));
}

/**
 * The background jobs of this deployment, on the given database. Features that bring jobs
 * (invitation expiry, access packages) register them here, next to the purge jobs of every store
 * that expires.
 */
function createJobs(prisma: PrismaClient): Jobs {
  const stores = createExpiringStores(prisma, { accessTokenLifetimeSeconds: LIFETIMES.accessToken });
  // The outbox folder is swept whether or not SMTP is set now: files of an earlier run hold passcodes too.
  const outbox = createOutbox({ dir: outboxDirectory() });
  const registry = createJobRegistry(expiryJobs({ ...stores, outbox }));
  const leases = createJobLeaseStore(prisma);
  const holder = jobHolderId();
  return { registry, leases, holder, runner: createJobRunner({ registry, leases, holder, log: consoleJobLog }) };
}

/** The jobs for the CLI (`npm run guestgate -- jobs …`), on database(). */
export function jobs(): Jobs {
  const current = services();
  return (current.jobs ??= createJobs(database()));
}

/**
 * Runs due jobs inside the server process (`npm start`), every GUESTGATE_JOBS_TICK_SECONDS (0 turns
 * it off, e.g. when a cron runs `npm run guestgate -- jobs run` instead). Started once per process.
 *
 * The scheduler has a database client of its own, never database(): instrumentation.ts (which
 * starts it) is bundled apart from the routes, so a client made from its copy of db/client.ts is
 * unknown to the routes' copy (providerOf fails), and the jobs should not queue behind requests anyway.
 */
export function startBackgroundJobs(): JobScheduler | undefined {
  const current = services();
  const tickSeconds = current.env.GUESTGATE_JOBS_TICK_SECONDS;
  if (tickSeconds === 0 || current.scheduler) return current.scheduler;
  const prisma = createPrismaClient(current.env.DATABASE_URL);
  const scheduler = startJobScheduler({ runner: createJobs(prisma).runner, log: consoleJobLog, tickSeconds });
  current.scheduler = {
    async stop() {
      await scheduler.stop();
      await prisma.$disconnect();
    },
  };
  return current.scheduler;
}

/** Stops the scheduler and waits for a run in progress (tests, and a clean shutdown). */
export async function stopBackgroundJobs(): Promise<void> {
  const current = holder.__guestgate;
  const scheduler = current?.scheduler;
  if (!scheduler) return;
  current.scheduler = undefined;
  await scheduler.stop();
}

/**
 * Moves a tenant's rows from its old slug to the one the tenants file now gives it (same `id`),
 * in one transaction. The file must already say `to`, and no longer `from`, so that the running
 * configuration and the rows agree once servers restart.
 */
export async function renameTenant(actor: SystemActor, from: string, to: string): Promise<Record<string, number>> {
  const tenant = tenants().find(to);
  if (!tenant)
    throw new ConfigError("--to", [`no tenant "${to}" in the tenants file: change the tenant's slug there first (keep its id)`]);
  if (tenants().find(from))
    throw new ConfigError("--from", [`"${from}" is still a tenant in the tenants file: its rows cannot move to "${to}"`]);
  try {
    return await renameTenantRows(database(), { from, to, actor, now: new Date() });
  } catch (error) {
    if (error instanceof TenantRenameError) throw new ConfigError("the rename", [error.message]);
    throw error;
  }
}

/**
 * Validates the environment and the tenants file and builds what warns about configuration (no
 * SMTP server, an identity provider without its secret); called at start-up (instrumentation.ts).
 */
export function validateConfiguration(): void {
  services();
  federation();
}
