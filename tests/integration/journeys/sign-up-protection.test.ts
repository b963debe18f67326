// Sign-up protection through the journey endpoints, on a real database and the real OpenID
// provider: the tenant's and the flow's domain lists, the disposable-address list, and the limits
// on journeys started, passcodes sent and sign-ups per client and per tenant, counted in the
// shared rate_limit_counters table. Every rule refuses sign-up only: an existing guest of a
// refused domain, or behind a client over its limits, still signs in.
import { createHash, randomBytes } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createDirectoryStore, createJourneyRepository, createOtpRepository, createRateLimitStore } from "../../../app/_lib/db";
import { createDirectoryService } from "../../../app/_lib/directory";
import { LOCALE_HEADER } from "../../../app/_lib/i18n";
import {
  createJourneyEndpoints,
  createPasscodeService,
  createSignUpLimiter,
  defaultJourneyKinds,
  NO_HOOKS,
  type JourneyDeps,
  type JourneyEndpoints,
  type PasscodeDelivery,
  type UserFlow,
} from "../../../app/_lib/journeys";
import { demoFlow, WOODGROVE_SHOP } from "../../../app/_lib/journeys/user-flows/test-fixtures";
import { isInteractionError, serializeCookie } from "../../../app/_lib/oidc";
import { parseTenantsConfig, type Tenant, type TenantDirectory } from "../../../app/_lib/tenant";
import { testDatabaseProviders } from "../../helpers/database";
import { authorizeUrl, BASE, Browser, createTestbed, pkce, REDIRECT, TENANT, type Testbed } from "../oidc/harness";

const SAME_ORIGIN = { "sec-fetch-site": "same-origin", "content-type": "application/x-www-form-urlencoded" };
const NO_LIMIT = { perClient: { limit: 0, windowMinutes: 15 }, perTenant: { limit: 0, windowMinutes: 15 } };

/** The tenant as the tenants file would give it, with these sign-up protection settings. */
function tenantWith(signUpProtection: Record<string, unknown>): Tenant {
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

describe.each(testDatabaseProviders())("sign-up protection on %s", (provider) => {
  let bed: Testbed;
  let endpoints: JourneyEndpoints;
  const mailbox: PasscodeDelivery[] = [];
  // What each test changes: the tenant's settings, the flow's domains, who is asking.
  let tenant: Tenant;
  let flow: UserFlow;
  let client: string;

  beforeEach(() => {
    tenant = tenantWith({ limits: { journeysStarted: NO_LIMIT, passcodesSent: NO_LIMIT, signUps: NO_LIMIT } });
    flow = demoFlow("woodgrove");
    client = `192.0.2.${Math.floor(Math.random() * 250) + 1}`;
  });

  beforeAll(async () => {
    bed = await createTestbed(provider);
    await bed.publicClient({ clientId: WOODGROVE_SHOP });
    const prisma = bed.db.prisma;
    const deps: JourneyDeps = {
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
        policy: { sendsPerClient: { limit: 1000, windowSeconds: 900 } },
      }),
      signUpLimits: createSignUpLimiter({ store: createRateLimitStore(prisma), hashKey: randomBytes(32) }),
      sendPasscode: async (_tenant, _locale, delivery) => void mailbox.push(delivery),
      flowFor: async (_tenant, clientId) => (flow.applications.includes(clientId) ? flow : undefined),
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
          return { redirectTo: (await bed.op.abortInteraction(journey.tenantId, interactionId)).resumeUrl };
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
    };
    const tenants: TenantDirectory = {
      find: (slug) => (slug === TENANT ? tenant : undefined),
      findById: (id) => (id === tenant.id ? tenant : undefined),
      list: () => [tenant],
      listOnHome: false,
    };
    endpoints = createJourneyEndpoints({
      baseUrl: BASE,
      tenants,
      deps,
      clientAddress: () => client,
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
  });
  afterAll(async () => {
    await bed?.close();
  });

  function browser(): Browser {
    return new Browser(async (input, init) => {
      const request = input instanceof Request ? input : new Request(input, init);
      const [, slug = "", ...rest] = new URL(request.url).pathname.split("/");
      const path = rest.join("/");
      const journey = /^journey\/([^/]+)\/submit$/.exec(path);
      if (journey) return endpoints.submit(request, slug, journey[1]!);
      const interaction = /^interaction\/([^/]+)$/.exec(path);
      if (interaction) return endpoints.interaction(request, slug, interaction[1]!);
      return bed.fetch(request);
    });
  }

  const location = (response: Response) => new URL(response.headers.get("location")!);
  const journeyRow = (id: string) => bed.db.prisma.journey.findUniqueOrThrow({ where: { id } });
  const stored = async (id: string) => {
    const row = await journeyRow(id);
    return {
      state: row.state,
      ui: JSON.parse(row.ui) as { fieldErrors: Record<string, { id: string }>; messages: { id: string }[] },
    };
  };

  /** A browser on the address page of a fresh sign-up journey (the flow offers only the passcode). */
  async function begin(): Promise<{ b: Browser; id: string; started: Response }> {
    const b = browser();
    const { challenge } = pkce();
    const nav = await b.navigate(
      authorizeUrl({
        client_id: WOODGROVE_SHOP,
        redirect_uri: REDIRECT,
        response_type: "code",
        scope: "openid",
        state: "s",
        code_challenge: challenge,
        code_challenge_method: "S256",
      }),
    );
    const started = await b.request(nav.url, { headers: { [LOCALE_HEADER]: "en" } });
    return { b, id: /\/journey\/([^/]+)/.exec(location(started).pathname)![1]!, started };
  }
  async function step(b: Browser, id: string, values: Record<string, string>): Promise<Response> {
    const version = String((await journeyRow(id)).version);
    return b.request(`${BASE}/${TENANT}/journey/${id}/submit`, {
      method: "POST",
      headers: SAME_ORIGIN,
      body: new URLSearchParams({ version, ...values }).toString(),
    });
  }
  /** Asks for a code for `email`; true when one was mailed to it. */
  async function askCode(b: Browser, id: string, email: string): Promise<{ sent: boolean; response: Response }> {
    const before = mailbox.length;
    const response = await step(b, id, { email });
    return { sent: mailbox.length > before && mailbox.at(-1)!.to === email, response };
  }
  /** The whole journey for `email`: a new guest gives the flow's attributes; ends back at the application. */
  async function signInOrUp(email: string): Promise<Response> {
    const { b, id } = await begin();
    const { sent, response } = await askCode(b, id, email);
    if (!sent) return response;
    let done = await step(b, id, { code: mailbox.at(-1)!.code });
    if ((await journeyRow(id)).state === "collectAttributes")
      done = await step(b, id, { displayName: "Ann", givenName: "Ann", surname: "de Vries", country: "NL" });
    return done;
  }
  const endedAtApplication = (response: Response) =>
    response.status === 303 && location(response).pathname.includes("/authorize/resume/");
  const unique = (domain: string) => `p-${randomBytes(4).toString("hex")}@${domain}`;

  describe("domains", () => {
    it("refuses a denied domain on the address page, says why, and sends nothing", async () => {
      tenant = tenantWith({ blockedDomains: ["rival.example"], limits: tenant.signUpProtection.limits });
      const { b, id } = await begin();
      const { sent, response } = await askCode(b, id, unique("Rival.Example"));
      expect(sent).toBe(false);
      expect(response.status).toBe(303);
      expect(await stored(id)).toMatchObject({
        state: "enterEmail",
        ui: { fieldErrors: { email: { id: "signUpProtection.refused.domainBlocked", context: { domain: "rival.example" } } } },
      });
      // a sub-domain is another domain, as in Entra's lists
      expect((await askCode(b, id, unique("mail.rival.example"))).sent).toBe(true);
    });

    it("keeps signing in an existing guest of a domain denied after they signed up", async () => {
      const email = unique("rival.example");
      expect(endedAtApplication(await signInOrUp(email))).toBe(true);
      tenant = tenantWith({ blockedDomains: ["rival.example"], limits: tenant.signUpProtection.limits });
      expect(endedAtApplication(await signInOrUp(email))).toBe(true);
      expect(endedAtApplication(await signInOrUp(unique("rival.example")))).toBe(false);
    });

    it("admits only the tenant's allowed domains, and the flow's list narrows it further", async () => {
      tenant = tenantWith({ allowedDomains: ["partner.example", "supplier.example"], limits: tenant.signUpProtection.limits });
      const { b, id } = await begin();
      expect((await askCode(b, id, unique("elsewhere.example"))).sent).toBe(false);
      expect((await stored(id)).ui.fieldErrors.email).toMatchObject({ id: "signUpProtection.refused.domainNotAllowed" });
      expect((await askCode(b, id, unique("supplier.example"))).sent).toBe(true);

      flow = { ...flow, signUpDomains: { allowed: ["partner.example"] } };
      const second = await begin();
      expect((await askCode(second.b, second.id, unique("supplier.example"))).sent).toBe(false);
      expect((await askCode(second.b, second.id, unique("partner.example"))).sent).toBe(true);
    });

    it("applies a flow's deny-list on its own", async () => {
      flow = { ...flow, signUpDomains: { blocked: ["competitor.example"] } };
      const { b, id } = await begin();
      expect((await askCode(b, id, unique("competitor.example"))).sent).toBe(false);
      expect((await stored(id)).ui.fieldErrors.email).toMatchObject({ id: "signUpProtection.refused.domainBlocked" });
    });
  });

  describe("disposable addresses", () => {
    it("refuses a disposable mailbox (and its sub-domains) by default, from the package's list", async () => {
      const { b, id } = await begin();
      for (const domain of ["mailinator.com", "yopmail.com", "team.mailinator.com"]) {
        expect((await askCode(b, id, unique(domain))).sent, domain).toBe(false);
        expect((await stored(id)).ui.fieldErrors.email).toMatchObject({ id: "signUpProtection.refused.disposable" });
      }
      expect((await askCode(b, id, unique("example.com"))).sent).toBe(true);
    });

    it("lets the tenant turn the list off", async () => {
      tenant = tenantWith({ refuseDisposableAddresses: false, limits: tenant.signUpProtection.limits });
      const { b, id } = await begin();
      expect((await askCode(b, id, unique("mailinator.com"))).sent).toBe(true);
    });
  });

  describe("limits", () => {
    const limits = (overrides: Record<string, unknown>) =>
      tenantWith({ limits: { journeysStarted: NO_LIMIT, passcodesSent: NO_LIMIT, signUps: NO_LIMIT, ...overrides } });

    it("answers 429 with Retry-After once a client sent its passcodes to new addresses; existing guests still get theirs", async () => {
      const existing = unique("example.com");
      expect(endedAtApplication(await signInOrUp(existing))).toBe(true);
      tenant = limits({ passcodesSent: { ...NO_LIMIT, perClient: { limit: 2, windowMinutes: 15 } } });
      const { b, id } = await begin();
      expect((await askCode(b, id, unique("example.com"))).sent).toBe(true);
      expect((await step(b, id, { action: "changeEmail" })).status).toBe(303);
      expect((await askCode(b, id, unique("example.com"))).sent).toBe(true);
      await step(b, id, { action: "changeEmail" });
      const refused = await askCode(b, id, unique("example.com"));
      expect(refused.sent).toBe(false);
      expect(refused.response.status).toBe(429);
      const retryAfter = Number(refused.response.headers.get("retry-after"));
      expect(retryAfter).toBeGreaterThan(0);
      expect(retryAfter).toBeLessThanOrEqual(15 * 60);
      expect(refused.response.headers.get("x-guestgate-journey")).toBe(`${BASE}/${TENANT}/journey/${id}`);
      expect((await stored(id)).state).toBe("enterEmail");
      // the same client, an existing guest's address: the code goes out and the guest signs in
      expect(endedAtApplication(await signInOrUp(existing))).toBe(true);
      // another client has its own count
      client = "198.51.100.77";
      const other = await begin();
      expect((await askCode(other.b, other.id, unique("example.com"))).sent).toBe(true);
    });

    it("holds the tenant's total across clients", async () => {
      tenant = limits({ passcodesSent: { ...NO_LIMIT, perTenant: { limit: 1, windowMinutes: 15 } } });
      // the counter is the tenant's, whoever asked before: start from a fresh window's worth
      await bed.db.prisma.rateLimitCounter.deleteMany({ where: { key: { startsWith: "signup:passcodesSent:" } } });
      const first = await begin();
      expect((await askCode(first.b, first.id, unique("example.com"))).sent).toBe(true);
      client = "203.0.113.200";
      const second = await begin();
      expect((await askCode(second.b, second.id, unique("example.com"))).response.status).toBe(429);
    });

    it("stops sign-ups past the client's limit after the code, and keeps the journey for later", async () => {
      tenant = limits({ signUps: { ...NO_LIMIT, perClient: { limit: 1, windowMinutes: 60 } } });
      const first = unique("example.com");
      expect(endedAtApplication(await signInOrUp(first))).toBe(true);
      const { b, id } = await begin();
      expect((await askCode(b, id, unique("example.com"))).sent).toBe(true);
      const held = await step(b, id, { code: mailbox.at(-1)!.code });
      expect(held.status).toBe(429);
      expect(Number(held.headers.get("retry-after"))).toBeGreaterThan(0);
      expect((await journeyRow(id)).state).toBe("enterCode");
      // the guest who signed up first signs in again from the same client
      expect(endedAtApplication(await signInOrUp(first))).toBe(true);
    });

    it("over the journeys-started limit, a journey still signs an existing guest in but creates nobody", async () => {
      const existing = unique("example.com");
      expect(endedAtApplication(await signInOrUp(existing))).toBe(true);
      tenant = limits({ journeysStarted: { ...NO_LIMIT, perClient: { limit: 1, windowMinutes: 15 } } });
      const first = await begin();
      expect(JSON.parse((await journeyRow(first.id)).internal)).not.toHaveProperty("signUpHeldUntil");
      const over = await begin();
      expect(over.started.status).toBe(303);
      expect(JSON.parse((await journeyRow(over.id)).internal)).toHaveProperty("signUpHeldUntil");
      expect((await askCode(over.b, over.id, unique("example.com"))).response.status).toBe(429);
      expect(endedAtApplication(await signInOrUp(existing))).toBe(true);
    });

    it("keeps its counters in the shared table, the client only as a keyed hash", async () => {
      tenant = limits({ passcodesSent: { ...NO_LIMIT, perClient: { limit: 5, windowMinutes: 15 } } });
      client = "192.0.2.222";
      const { b, id } = await begin();
      await askCode(b, id, unique("example.com"));
      const rows = await bed.db.prisma.rateLimitCounter.findMany({
        where: { key: { startsWith: `signup:passcodesSent:${TENANT}:client:` } },
      });
      expect(rows.length).toBeGreaterThan(0);
      expect(rows.every((row) => !row.key.includes("192.0.2") && row.expiresAt > new Date())).toBe(true);
    });
  });
});
