// What the journey integration tests share: the journey service wired as the server wires it, on a
// real database and the real OpenID provider, with the passcode as the only provider and the mail
// captured in memory; each test passes only what it varies (limits, approvals, proof of work).
import { createHash, randomBytes } from "node:crypto";
import { createDirectoryStore, createJourneyRepository, createOtpRepository, createRateLimitStore } from "../../../app/_lib/db";
import { createDirectoryService } from "../../../app/_lib/directory";
import {
  createJourneyEndpoints,
  createPasscodeService,
  defaultJourneyKinds,
  NO_HOOKS,
  type JourneyDeps,
  type JourneyEndpoints,
  type PasscodeDelivery,
  type PasscodePolicy,
  type UserFlow,
} from "../../../app/_lib/journeys";
import { isInteractionError, serializeCookie } from "../../../app/_lib/oidc";
import { parseTenantsConfig, type Tenant, type TenantDirectory } from "../../../app/_lib/tenant";
import { BASE, Browser, TENANT, type Testbed } from "../oidc/harness";

/** Woodgrove as the tenants file would give it (passcode only, nl and en), with these sign-up protection settings. */
export function woodgroveTenant(signUpProtection: Record<string, unknown>): Tenant {
  const config = parseTenantsConfig(
    JSON.stringify({
      tenants: [
        {
          id: "7b0c5a0e-3d2f-4e61-9a7c-2f4d1e8b6a10",
          slug: TENANT,
          displayName: "Woodgrove",
          branding: {
            logo: "/x.svg",
            favicon: "/x.svg",
            primaryColor: "#1d6b3a",
            accentColor: "#c8e6b0",
            backgroundColor: "#ffffff",
          },
          locales: { enabled: ["nl", "en"], default: "nl" },
          identityProviders: [{ kind: "email-otp", id: "email" }],
          selfServiceSignUp: { enabled: true },
          signUpProtection,
        },
      ],
    }),
    "test",
  );
  return config.tenants[0]!;
}

/** A directory of the one tenant `current()` gives at the time of the call (tests change it between cases). */
export function oneTenant(current: () => Tenant): TenantDirectory {
  return {
    find: (slug) => (slug === TENANT ? current() : undefined),
    findById: (id) => (id === current().id ? current() : undefined),
    list: () => [current()],
    listOnHome: false,
  };
}

type AbortedJourney = Parameters<JourneyDeps["signIn"]["abort"]>[0];

export interface PasscodeDepsOptions {
  /** The flow of the test's application, read at each call (tests change it between cases). */
  flow: () => UserFlow;
  mailbox: PasscodeDelivery[];
  passcodePolicy?: Partial<PasscodePolicy>;
  /** What an aborted interaction answers the application (RFC 6749 §4.1.2.1); the provider's default if absent. */
  abortWith?: (journey: AbortedJourney) => Parameters<Testbed["op"]["abortInteraction"]>[2];
  /** What the test adds or replaces: sign-up limits, approvals, proof of work. */
  extra?: Partial<JourneyDeps>;
}

/** The journey service's dependencies, completing sign-in through the testbed's OpenID provider. */
export function passcodeJourneyDeps(bed: Testbed, options: PasscodeDepsOptions): JourneyDeps {
  const prisma = bed.db.prisma;
  return {
    journeys: createJourneyRepository(prisma),
    kinds: defaultJourneyKinds(),
    directory: createDirectoryService({
      store: createDirectoryStore(prisma),
      clock: { now: () => new Date() },
      cursorKey: randomBytes(32),
    }),
    hooks: NO_HOOKS,
    passcodes: createPasscodeService({
      repository: createOtpRepository(prisma),
      rateLimits: createRateLimitStore(prisma),
      hashKey: randomBytes(32),
      ...(options.passcodePolicy ? { policy: options.passcodePolicy } : {}),
    }),
    sendPasscode: async (_tenant, _locale, delivery) => void options.mailbox.push(delivery),
    flowFor: async (_tenant, clientId) => {
      const flow = options.flow();
      return flow.applications.includes(clientId) ? flow : undefined;
    },
    signIn: {
      async complete(journey, interactionId, guestId) {
        const done = await bed.op.completeInteraction(journey.tenantId, interactionId, {
          guestId,
          amr: ["otp"],
          remember: false,
        });
        return { redirectTo: done.resumeUrl, setCookies: [serializeCookie(done.sessionCookie)] };
      },
      async abort(journey, interactionId) {
        const refusal = options.abortWith?.(journey);
        return { redirectTo: (await bed.op.abortInteraction(journey.tenantId, interactionId, refusal)).resumeUrl };
      },
      async expiresAt(tenantId, interactionId) {
        try {
          return (await bed.op.describeInteraction(tenantId, interactionId)).expiresAt;
        } catch (error) {
          if (isInteractionError(error)) return undefined;
          throw error;
        }
      },
    },
    availableProviders: () => ["email"],
    secureCookies: true,
    now: () => new Date(),
    randomToken: () => randomBytes(32).toString("base64url"),
    sha256: (value) => createHash("sha256").update(value).digest("base64url"),
    ...options.extra,
  };
}

/** The journey endpoints over those dependencies, with no signed-in session and no upstream providers. */
export function passcodeEndpoints(
  bed: Testbed,
  tenants: TenantDirectory,
  deps: JourneyDeps,
  clientAddress: () => string,
): JourneyEndpoints {
  return createJourneyEndpoints({
    baseUrl: BASE,
    tenants,
    deps,
    clientAddress,
    interactions: {
      describeForBrowser: (request, slug, id) => bed.op.describeForBrowser(request, slug, id),
      isGone: isInteractionError,
    },
    session: { signedInGuest: async () => undefined },
    federation: {
      startFederation: async () => ({ ok: false, reason: "unavailable" }),
      takeUpstreamIdentity: async () => ({ failure: "upstreamError" }),
    },
  });
}

/** A browser whose journey POSTs go to the endpoints and everything else to the provider, as the server routes them. */
export function endpointsBrowser(bed: Testbed, endpoints: () => JourneyEndpoints): Browser {
  return new Browser(async (input, init) => {
    const request = input instanceof Request ? input : new Request(input, init);
    const [, slug = "", ...rest] = new URL(request.url).pathname.split("/");
    const route = rest.join("/");
    const journey = /^journey\/([^/]+)\/(submit|cancel)$/.exec(route);
    if (journey?.[2] === "submit") return endpoints().submit(request, slug, journey[1]!);
    if (journey?.[2] === "cancel") return endpoints().cancel(request, slug, journey[1]!);
    const interaction = /^interaction\/([^/]+)$/.exec(route);
    if (interaction) return endpoints().interaction(request, slug, interaction[1]!);
    return bed.fetch(request);
  });
}
