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
  type PrismaClient,
  type UserFlowRepository,
} from "./db";
import { createOidcProvider, isInteractionError, serializeCookie, type OidcProvider } from "./oidc";
import { createMailer, createPasscodeMailer, mailTranslator, type Mailer } from "./mail";
import { DirectoryError, type Actor, type GuestRepository } from "./directory";
import {
  createJourneyEndpoints,
  createJourneyService,
  createPasscodeService,
  defaultJourneyKinds,
  deriveOtpHashKey,
  NO_HOOKS,
  tokenClaimsFor,
  type JourneyDeps,
  type JourneyDirectory,
  type JourneyEndpoints,
  type JourneyService,
} from "./journeys";
import { availableProviderIds, createFederation, type Federation } from "./federation";

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
  directory?: JourneyDirectory;
  journeyDeps?: JourneyDeps;
  journeyService?: JourneyService;
  journeyEndpoints?: JourneyEndpoints;
  federation?: Federation;
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

/**
 * The directory verbs the journeys and account pages use, over today's guest repository. Shaped
 * like DirectoryService (directory/service-contract.ts) so the directory service replaces this
 * adapter as it is; until then a guest may only read and change their own record, and the
 * repository records the audit event with that guest as actor.
 */
export function directory(): JourneyDirectory {
  const current = services();
  return (current.directory ??= directoryOverGuestRepository(createGuestRepository(database())));
}

/** The adapter itself (exported for the integration tests, which wire their own database). */
export function directoryOverGuestRepository(guests: GuestRepository): JourneyDirectory {
  const own = (actor: Actor, guestId: string) => {
    if (actor.type !== "guest" || actor.guestId !== guestId)
      throw new DirectoryError("forbidden", "only the guest themselves, until the directory service takes over");
  };
  return {
    findByIdentity: (tenantId, identity) => guests.findByIdentity(tenantId, identity.issuer, identity.subject),
    async get(actor, tenantId, guestId) {
      own(actor, guestId);
      const guest = await guests.find(tenantId, guestId);
      if (!guest) throw new DirectoryError("notFound", "no such guest");
      return guest;
    },
    signUp: (input) =>
      guests.createWithIdentity({
        tenantId: input.tenantId,
        identity: input.identity,
        attributes: input.attributes,
        displayName: input.displayName,
        userFlowId: input.userFlowName,
        applicationId: input.clientId,
        journeyId: input.correlationId,
      }),
    async updateAttributes(actor, tenantId, guestId, change) {
      own(actor, guestId);
      return guests.saveAttributes(
        tenantId,
        guestId,
        change.values,
        change.correlationId ?? "",
        change.displayName,
        change.remove,
      );
    },
    recordSignIn: (tenantId, identity, at) => guests.recordSignIn(tenantId, identity.issuer, identity.subject, at),
  };
}

/** Everything a journey needs, wired once (the journey endpoints and service are built on it). */
function journeyDeps(): JourneyDeps {
  const current = services();
  if (current.journeyDeps) return current.journeyDeps;
  const settings = current.env;
  const prisma = database();
  const windowSeconds = settings.GUESTGATE_OTP_SEND_WINDOW_MINUTES * 60;
  const sendPasscodeMail = createPasscodeMailer({ mailer: mailer(), translator: mailTranslator });
  const flows = userFlows();
  const sha256 = (value: string) => createHash("sha256").update(value).digest("base64url");
  return (current.journeyDeps = {
    journeys: createJourneyRepository(prisma),
    kinds: defaultJourneyKinds(),
    directory: directory(),
    // API connectors (issue 12) register here.
    hooks: NO_HOOKS,
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
      async complete(journey, interactionId, guestId) {
        const completed = await oidc().completeInteraction(journey.tenantId, interactionId, {
          guestId,
          amr: journey.internal.amr ?? [],
          remember: false,
        });
        return { redirectTo: completed.resumeUrl, setCookies: [serializeCookie(completed.sessionCookie)] };
      },
      async abort(journey, interactionId) {
        const aborted = await oidc().abortInteraction(journey.tenantId, interactionId, {
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

/** What pages read about journeys. */
export function journeys(): JourneyService {
  const current = services();
  return (current.journeyService ??= createJourneyService(journeyDeps()));
}

/** The journey routes: `/{tenant}/interaction/{id}`, `/{tenant}/journey/{id}/…`, `/{tenant}/account/profile`. */
export function journeyEndpoints(): JourneyEndpoints {
  const current = services();
  return (current.journeyEndpoints ??= createJourneyEndpoints({
    baseUrl: current.env.GUESTGATE_BASE_URL,
    tenants: current.tenants,
    deps: journeyDeps(),
    interactions: {
      describe: (tenant, id) => oidc().describeInteraction(tenant, id),
      isBoundToBrowser: (request, tenant, id) => oidc().isBoundToBrowser(request, tenant, id),
      isGone: isInteractionError,
    },
    session: {
      signedInGuest: async (request, tenant) =>
        (await oidc().signedInGuest(tenant, oidc().readSessionToken(request, tenant)))?.guestId,
    },
    federation: {
      startFederation: (tenant, providerId, options) => federation().startFederation(tenant, providerId, options),
      async takeUpstreamIdentity(tenant) {
        const outcome = await federation().takeUpstreamIdentity(tenant);
        if (!outcome) return { failure: "upstreamError" };
        return outcome.ok ? { identity: outcome.identity } : { failure: outcome.reason };
      },
    },
  }));
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
 * Validates the environment and the tenants file and builds what warns about configuration (no
 * SMTP server, an identity provider without its secret); called at start-up (instrumentation.ts).
 */
export function validateConfiguration(): void {
  services();
  federation();
}
