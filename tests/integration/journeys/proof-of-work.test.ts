// The proof-of-work challenge through the journey endpoints, on a real database and the real
// OpenID provider: challenges from the journey service (what the page would carry), solved here
// with altcha-lib's own solver as the widget does, posted as the widget posts them. A solution
// counts once, across instances (the shared rate_limit_counters), for its journey and step only,
// before its expiry; "off" asks nothing; "aboveRate" starts asking at its threshold.
import { createHash, randomBytes } from "node:crypto";
import { solveChallenge, type Challenge } from "altcha-lib";
import { deriveKey } from "altcha-lib/algorithms/pbkdf2";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createDirectoryStore, createJourneyRepository, createOtpRepository, createRateLimitStore } from "../../../app/_lib/db";
import { createDirectoryService } from "../../../app/_lib/directory";
import { LOCALE_HEADER } from "../../../app/_lib/i18n";
import {
  createJourneyEndpoints,
  createJourneyService,
  createPasscodeService,
  createProofOfWork,
  createSignUpLimiter,
  defaultJourneyKinds,
  NO_HOOKS,
  type JourneyDeps,
  type JourneyEndpoints,
  type JourneyService,
  type PasscodeDelivery,
  type ProofOfWork,
  type ProofOfWorkRefusal,
} from "../../../app/_lib/journeys";
import { demoFlow, WOODGROVE_SHOP } from "../../../app/_lib/journeys/user-flows/test-fixtures";
import { isInteractionError, serializeCookie } from "../../../app/_lib/oidc";
import { parseTenantsConfig, type Tenant, type TenantDirectory } from "../../../app/_lib/tenant";
import { testDatabaseProviders } from "../../helpers/database";
import { authorizeUrl, BASE, Browser, createTestbed, pkce, REDIRECT, TENANT, type Testbed } from "../oidc/harness";

const SAME_ORIGIN = { "sec-fetch-site": "same-origin", "content-type": "application/x-www-form-urlencoded" };
const NO_LIMIT = { perClient: { limit: 0, windowMinutes: 15 }, perTenant: { limit: 0, windowMinutes: 15 } };
const COUNTED = { perClient: { limit: 1000, windowMinutes: 15 }, perTenant: { limit: 100_000, windowMinutes: 15 } };
/** Cheap work, so that the solver here takes milliseconds; the protocol is the same. */
const CHEAP = { cost: 1, maxTries: 40 };

function tenantWith(proofOfWork: Record<string, unknown>, limits: Record<string, unknown> = {}): Tenant {
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
          signUpProtection: {
            limits: { journeysStarted: NO_LIMIT, passcodesSent: NO_LIMIT, signUps: NO_LIMIT, ...limits },
            proofOfWork: { ...CHEAP, ...proofOfWork },
          },
        },
      ],
    }),
    "test",
  );
  return config.tenants[0]!;
}

/** What the widget posts in the form's `altcha` field for a challenge the page carried. */
async function solved(challengeJson: string): Promise<string> {
  const challenge = JSON.parse(challengeJson) as Challenge;
  const solution = await solveChallenge({ challenge, deriveKey });
  if (!solution) throw new Error("no solution found");
  return Buffer.from(JSON.stringify({ challenge, solution })).toString("base64");
}

describe.each(testDatabaseProviders())("the proof-of-work challenge on %s", (provider) => {
  let bed: Testbed;
  let endpoints: JourneyEndpoints;
  let service: JourneyService;
  let deps: JourneyDeps;
  const secret = randomBytes(32);
  const mailbox: PasscodeDelivery[] = [];
  const refusals: ProofOfWorkRefusal[] = [];
  let tenant: Tenant;
  let client: string;

  beforeEach(() => {
    tenant = tenantWith({ mode: "always" });
    client = `198.51.100.${Math.floor(Math.random() * 250) + 1}`;
    refusals.length = 0;
  });

  /** Another instance of Guestgate: its own objects, the same secret and database. */
  const instance = (now?: () => Date): ProofOfWork =>
    createProofOfWork({ secret, store: createRateLimitStore(bed.db.prisma), now, refused: (e) => void refusals.push(e.reason) });

  beforeAll(async () => {
    bed = await createTestbed(provider);
    await bed.publicClient({ clientId: WOODGROVE_SHOP });
    const prisma = bed.db.prisma;
    const flow = demoFlow("woodgrove");
    deps = {
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
        policy: { sendsPerClient: { limit: 1000, windowSeconds: 900 }, sendsPerAddress: { limit: 1000, windowSeconds: 900 } },
      }),
      signUpLimits: createSignUpLimiter({ store: createRateLimitStore(prisma), hashKey: randomBytes(32) }),
      proofOfWork: instance(),
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
    service = createJourneyService(deps);
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
      const journey = /^journey\/([^/]+)\/submit$/.exec(rest.join("/"));
      if (journey) return endpoints.submit(request, slug, journey[1]!);
      const interaction = /^interaction\/([^/]+)$/.exec(rest.join("/"));
      if (interaction) return endpoints.interaction(request, slug, interaction[1]!);
      return bed.fetch(request);
    });
  }

  const journeyRow = (id: string) => bed.db.prisma.journey.findUniqueOrThrow({ where: { id } });
  /** The journey as the page would read it, and the challenge the page would carry (undefined: none, no script). */
  async function page(id: string) {
    const row = await journeyRow(id);
    const journey = {
      id,
      kind: row.kind,
      state: row.state,
      internal: JSON.parse(row.internal) as Record<string, unknown>,
      ui: JSON.parse(row.ui) as { messages: { id: string }[] },
    };
    return { ...journey, challenge: await service.proofOfWorkChallenge(tenant, journey) };
  }

  async function begin(): Promise<{ b: Browser; id: string }> {
    const b = browser();
    const nav = await b.navigate(
      authorizeUrl({
        client_id: WOODGROVE_SHOP,
        redirect_uri: REDIRECT,
        response_type: "code",
        scope: "openid",
        state: "s",
        code_challenge: pkce().challenge,
        code_challenge_method: "S256",
      }),
    );
    const started = await b.request(nav.url, { headers: { [LOCALE_HEADER]: "en" } });
    return { b, id: /\/journey\/([^/]+)/.exec(new URL(started.headers.get("location")!).pathname)![1]! };
  }
  async function step(b: Browser, id: string, values: Record<string, string>): Promise<Response> {
    const version = String((await journeyRow(id)).version);
    return b.request(`${BASE}/${TENANT}/journey/${id}/submit`, {
      method: "POST",
      headers: SAME_ORIGIN,
      body: new URLSearchParams({ version, ...values }).toString(),
    });
  }
  async function askCode(b: Browser, id: string, values: Record<string, string>): Promise<boolean> {
    const before = mailbox.length;
    await step(b, id, values);
    return mailbox.length > before;
  }
  const address = () => `pow-${randomBytes(4).toString("hex")}@example.com`;
  const ATTRIBUTES = { displayName: "Ann", givenName: "Ann", surname: "de Vries", country: "NL" };

  it('"always": the address page carries a challenge, a send without its solution is refused with the message and mails nothing', async () => {
    const { b, id } = await begin();
    const shown = await page(id);
    expect(shown.state).toBe("enterEmail");
    expect(shown.challenge).toBeDefined();
    expect(await askCode(b, id, { email: address() })).toBe(false);
    expect((await page(id)).ui.messages).toEqual([{ id: "signUpProtection.proofOfWork.missing" }]);
    expect(await askCode(b, id, { email: address(), altcha: "bm90IGEgc29sdXRpb24=" })).toBe(false);
    expect((await page(id)).ui.messages).toEqual([{ id: "signUpProtection.proofOfWork.invalid" }]);
    expect(refusals).toEqual(["missing", "invalid"]);
  });

  it("accepts a valid solution once: the send goes out, the same solution again (any instance) is refused", async () => {
    const { b, id } = await begin();
    const solution = await solved((await page(id)).challenge!);
    const email = address();
    expect(await askCode(b, id, { email, altcha: solution })).toBe(true);
    expect((await page(id)).state).toBe("enterCode");
    // "Send a new code" from the code page with the spent solution, verified by another instance.
    deps.proofOfWork = instance();
    expect(await askCode(b, id, { action: "resend", altcha: solution })).toBe(false);
    expect((await page(id)).ui.messages).toEqual([{ id: "signUpProtection.proofOfWork.replayed" }]);
    expect(await askCode(b, id, { action: "resend", altcha: await solved((await page(id)).challenge!) })).toBe(true);
  });

  it("refuses a solution of another journey, and one past its expiry", async () => {
    const first = await begin();
    const second = await begin();
    const forFirst = await solved((await page(first.id)).challenge!);
    expect(await askCode(second.b, second.id, { email: address(), altcha: forFirst })).toBe(false);
    expect((await page(second.id)).ui.messages).toEqual([{ id: "signUpProtection.proofOfWork.otherJourney" }]);
    // Made by an instance whose clock is 11 minutes behind: it expired (10 minutes) a minute ago.
    const late = await instance(() => new Date(Date.now() - 11 * 60_000)).challenge(tenant, first.id, "passcode");
    expect(await askCode(first.b, first.id, { email: address(), altcha: await solved(late) })).toBe(false);
    expect((await page(first.id)).ui.messages).toEqual([{ id: "signUpProtection.proofOfWork.expired" }]);
    // The first journey's own fresh solution still works: the refusals spent nothing.
    expect(await askCode(first.b, first.id, { email: address(), altcha: forFirst })).toBe(true);
  });

  it("asks it of the sign-up form too, not of the code itself, and the guest is created with it", async () => {
    const { b, id } = await begin();
    expect(await askCode(b, id, { email: address(), altcha: await solved((await page(id)).challenge!) })).toBe(true);
    await step(b, id, { code: mailbox.at(-1)!.code });
    const form = await page(id);
    expect(form.state).toBe("collectAttributes");
    expect(form.challenge).toBeDefined();
    // A passcode step's solution is not the sign-up's.
    const forCodePage = await deps.proofOfWork!.challenge(tenant, id, "passcode");
    await step(b, id, { ...ATTRIBUTES, altcha: await solved(forCodePage) });
    expect(await page(id)).toMatchObject({
      state: "collectAttributes",
      ui: { messages: [{ id: "signUpProtection.proofOfWork.otherJourney" }] },
    });
    const done = await step(b, id, { ...ATTRIBUTES, altcha: await solved(form.challenge!) });
    expect(done.status).toBe(303);
    expect(new URL(done.headers.get("location")!).pathname).toContain("/authorize/resume/");
  });

  it('"off" asks nothing: no challenge on any page, and sign-up completes without one', async () => {
    tenant = tenantWith({ mode: "off" });
    const { b, id } = await begin();
    expect((await page(id)).challenge).toBeUndefined();
    expect(await askCode(b, id, { email: address() })).toBe(true);
    await step(b, id, { code: mailbox.at(-1)!.code });
    expect((await page(id)).challenge).toBeUndefined();
    const done = await step(b, id, ATTRIBUTES);
    expect(new URL(done.headers.get("location")!).pathname).toContain("/authorize/resume/");
    expect(refusals).toEqual([]);
  });

  it('"aboveRate" starts asking at the journeys-started threshold of a client, and not of another client', async () => {
    tenant = tenantWith({ mode: "aboveRate", aboveRate: { journeysStarted: { perClient: 3 } } }, { journeysStarted: COUNTED });
    for (let i = 1; i <= 2; i++) {
      const { b, id } = await begin();
      expect((await page(id)).challenge, `journey ${i}`).toBeUndefined();
      expect(await askCode(b, id, { email: address() })).toBe(true);
    }
    const third = await begin();
    expect((await page(third.id)).challenge).toBeDefined();
    expect(await askCode(third.b, third.id, { email: address() })).toBe(false);
    client = "203.0.113.9";
    expect((await page((await begin()).id)).challenge).toBeUndefined();
  });

  it('"aboveRate" on passcodes sent: the send that reaches the threshold goes out, the journey asks from then on', async () => {
    tenant = tenantWith({ mode: "aboveRate", aboveRate: { passcodesSent: { perClient: 2 } } }, { passcodesSent: COUNTED });
    const { b, id } = await begin();
    expect(await askCode(b, id, { email: address() })).toBe(true);
    expect((await page(id)).challenge).toBeUndefined();
    expect(await askCode(b, id, { action: "resend" })).toBe(true);
    const codePage = await page(id);
    expect(codePage.challenge).toBeDefined();
    expect(await askCode(b, id, { action: "resend" })).toBe(false);
    expect(await askCode(b, id, { action: "resend", altcha: await solved(codePage.challenge!) })).toBe(true);
  });
});
