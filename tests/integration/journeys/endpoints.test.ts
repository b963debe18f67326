// The journey endpoints in-process, against a real database and the real OpenID provider: the
// sign-up journey from authorize to a code, then the profile journey of the signed-up guest
// (session, same-origin, redirect target, audit), and the My Access sign-in with its form handler
// (an access package requested with answers), exactly as the route files call them.
import { createHash, randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createEntitlementService, type EntitlementService } from "../../../app/_lib/access";
import {
  createDirectoryStore,
  createEntitlementStore,
  createJourneyRepository,
  createOtpRepository,
  createRateLimitStore,
} from "../../../app/_lib/db";
import { createDirectoryService } from "../../../app/_lib/directory";
import { LOCALE_HEADER } from "../../../app/_lib/i18n";
import {
  createJourneyEndpoints,
  createPasscodeService,
  defaultJourneyKinds,
  myAccessClientId,
  myAccessUserFlow,
  NO_HOOKS,
  type JourneyDeps,
  type JourneyEndpoints,
  type PasscodeDelivery,
} from "../../../app/_lib/journeys";
import { demoFlow, WOODGROVE_SHOP } from "../../../app/_lib/journeys/user-flows/test-fixtures";
import { createOutsiderSessions, myAccessAction } from "../../../app/_lib/myaccess";
import { isInteractionError, serializeCookie } from "../../../app/_lib/oidc";
import { createTenantDirectory, parseTenantsConfig } from "../../../app/_lib/tenant";
import { testDatabaseProviders } from "../../helpers/database";
import { authorizeUrl, BASE, Browser, createTestbed, pkce, REDIRECT, TENANT, type Testbed } from "../oidc/harness";

const flow = demoFlow("woodgrove");
const SAME_ORIGIN = { "sec-fetch-site": "same-origin", "content-type": "application/x-www-form-urlencoded" };
const tenants = createTenantDirectory(
  parseTenantsConfig(
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
        },
      ],
    }),
    "test",
  ),
);

describe.each(testDatabaseProviders())("journey endpoints on %s", (provider) => {
  let bed: Testbed;
  let endpoints: JourneyEndpoints;
  let entitlements: EntitlementService;
  const mailbox: (PasscodeDelivery & { locale: string })[] = [];
  const outsiders = createOutsiderSessions(randomBytes(32), { secure: true });

  beforeAll(async () => {
    bed = await createTestbed(provider);
    await bed.publicClient({ clientId: WOODGROVE_SHOP });
    const prisma = bed.db.prisma;
    const directory = createDirectoryService({
      store: createDirectoryStore(prisma),
      clock: { now: () => new Date() },
      cursorKey: randomBytes(32),
    });
    const deps: JourneyDeps = {
      journeys: createJourneyRepository(prisma),
      kinds: defaultJourneyKinds(),
      directory,
      // As the server's: an address no directory user has ends identified, with an outsider session.
      myAccessOutsiders: {
        async addressTaken(tenantId, email) {
          return directory.describe({ type: "system", name: "myAccess" }, tenantId, { email }).then(
            () => true,
            () => false,
          );
        },
        async startSession(journey) {
          const { issuer, subject, email } = journey.internal.identity!;
          return [outsiders.start(journey.tenantId, { issuer, subject, email: email! })];
        },
      },
      hooks: NO_HOOKS,
      passcodes: createPasscodeService({
        repository: createOtpRepository(prisma),
        rateLimits: createRateLimitStore(prisma),
        hashKey: randomBytes(32),
      }),
      sendPasscode: async (_tenant, locale, delivery) => void mailbox.push({ ...delivery, locale }),
      // As the server's: My Access runs its built-in flow.
      flowFor: async (tenant, clientId) =>
        clientId === myAccessClientId(tenant)
          ? myAccessUserFlow(tenants.find(tenant)!, clientId)
          : flow.applications.includes(clientId)
            ? flow
            : undefined,
      signIn: {
        async complete(journey, interactionId, guestId) {
          const done = await bed.op.completeInteraction(journey.tenantId, interactionId, {
            guestId,
            amr: ["otp"],
            remember: false,
          });
          return { redirectTo: done.resumeUrl, setCookies: [serializeCookie(done.sessionCookie)] };
        },
        async startSession(journey, guestId) {
          const started = await bed.op.startSession(journey.tenantId, { guestId, amr: ["otp"], remember: false });
          return [serializeCookie(started.sessionCookie)];
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
    endpoints = createJourneyEndpoints({
      baseUrl: BASE,
      tenants,
      deps,
      clientAddress: () => "192.0.2.10",
      interactions: {
        describeForBrowser: (request, tenant, id) => bed.op.describeForBrowser(request, tenant, id),
        isGone: isInteractionError,
      },
      session: {
        signedInGuest: async (request, tenant) =>
          (await bed.op.signedInGuest(tenant, bed.op.readSessionToken(request, tenant)))?.guestId,
      },
      federation: {
        startFederation: async () => ({ ok: false, reason: "unavailable" }),
        takeUpstreamIdentity: async () => ({ failure: "upstreamError" }),
      },
    });
  });
  afterAll(async () => {
    await bed?.close();
  });
  beforeAll(() => {
    entitlements = createEntitlementService(createEntitlementStore(bed.db.prisma));
  });

  /** Our journey URLs to the endpoints (as the one-line route files do), everything else to the provider. */
  function browser(): Browser {
    return new Browser(async (input, init) => {
      const request = input instanceof Request ? input : new Request(input, init);
      const [, tenant = "", ...rest] = new URL(request.url).pathname.split("/");
      const path = rest.join("/");
      const journey = /^journey\/([^/]+)\/(submit|cancel)$/.exec(path);
      if (journey) return endpoints[journey[2] as "submit"](request, tenant, journey[1]!);
      const interaction = /^interaction\/([^/]+)$/.exec(path);
      if (interaction) return endpoints.interaction(request, tenant, interaction[1]!);
      if (path === "account/profile") return endpoints.profile(request, tenant);
      if (path === "myaccess/sign-in") return endpoints.myAccessSignIn(request, tenant);
      if (path === "myaccess/act")
        return myAccessAction(request, tenants.find(tenant)!, {
          baseUrl: BASE,
          secureCookies: true,
          entitlements,
          signedInOutsider: (r, slug) =>
            outsiders.read(slug, /(?:^|; )gg_myaccess_outsider=([^;]+)/.exec(r.headers.get("cookie") ?? "")?.[1]),
          clientAddress: () => "192.0.2.10",
          signedInGuest: async (r, slug) => (await bed.op.signedInGuest(slug, bed.op.readSessionToken(r, slug)))?.guestId,
        });
      return bed.fetch(request);
    });
  }

  const location = (response: Response) => new URL(response.headers.get("location")!);
  const post = (b: Browser, url: URL | string, values: Record<string, string>, headers: Record<string, string> = SAME_ORIGIN) =>
    b.request(url, { method: "POST", headers, body: new URLSearchParams(values).toString() });
  const journeyId = (url: URL) => /^\/woodgrove\/journey\/([^/]+)(?:\/[a-z-]+)?$/.exec(url.pathname)![1]!;
  const version = async (id: string) => String((await bed.db.prisma.journey.findUniqueOrThrow({ where: { id } })).version);
  const step = async (b: Browser, id: string, values: Record<string, string>, headers?: Record<string, string>) =>
    post(b, `${BASE}/woodgrove/journey/${id}/submit`, { version: await version(id), ...values }, headers);

  /** authorize → interaction → passcode → attributes → back at the application with a code. */
  async function signUp(email: string): Promise<{ b: Browser; guestId: string }> {
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
    expect(nav.kind).toBe("interaction");
    const started = await b.request(nav.url, { headers: { [LOCALE_HEADER]: "en" } });
    expect(started.status).toBe(303);
    expect(started.headers.getSetCookie().join("\n")).toMatch(
      /gg_journey=[\w-]+; Path=\/woodgrove\/journey\/[\w-]+; Max-Age=\d+; HttpOnly; SameSite=Lax; Secure/,
    );
    const id = journeyId(location(started));
    // Woodgrove's flow has only the passcode: the journey opens on the address page, no choice to make.
    await step(b, id, { email }, { ...SAME_ORIGIN, [LOCALE_HEADER]: "en" });
    // one locale rule: the page's language of this request, within the tenant's
    expect(mailbox.at(-1)).toMatchObject({ to: email, locale: "en" });
    await step(b, id, { code: mailbox.at(-1)!.code });
    const done = await step(b, id, { displayName: "Ann de Vries", givenName: "Ann", surname: "de Vries", country: "NL" });
    expect(done.status).toBe(303);
    const back = await b.navigate(location(done));
    expect(back.kind).toBe("client");
    expect(back.url.searchParams.get("code")).toBeTruthy();
    const guest = await bed.db.prisma.guest.findFirstOrThrow({ where: { tenantId: TENANT, email } });
    return { b, guestId: guest.id };
  }

  it("signs a guest up through the endpoints, written once with the guest as actor", async () => {
    const { guestId } = await signUp("ann-signup@example.com");
    const events = await bed.db.prisma.auditEvent.findMany({
      where: { targetId: guestId },
      orderBy: [{ createdAt: "asc" }, { type: "asc" }],
    });
    expect(events).toMatchObject([
      { type: "guest.created", actorType: "guest", actorId: guestId },
      { type: "guest.signedIn", actorType: "guest", actorId: guestId },
    ]);
    const identity = await bed.db.prisma.identity.findFirstOrThrow({ where: { guestId } });
    expect(identity.lastSignInAt).not.toBeNull();
  });

  it("lets the signed-in guest change their details, audited as themselves, and returns to the tenant path", async () => {
    const { b, guestId } = await signUp("ann-profile@example.com");
    const opened = await b.request(
      `${BASE}/woodgrove/account/profile?returnTo=${encodeURIComponent("/woodgrove/account?saved=1")}`,
    );
    expect(opened.status).toBe(303);
    const id = journeyId(location(opened));
    const journey = await bed.db.prisma.journey.findUniqueOrThrow({ where: { id } });
    expect(journey).toMatchObject({
      kind: "profile",
      state: "editAttributes",
      interactionId: null,
      redirectUrl: "/woodgrove/account?saved=1",
    });

    const saved = await step(b, id, { displayName: "Ann Jansen", givenName: "Ann", surname: "Jansen", country: "BE" });
    expect(saved.status).toBe(303);
    expect(location(saved).toString()).toBe(`${BASE}/woodgrove/account?saved=1`);
    const row = await bed.db.prisma.guest.findUniqueOrThrow({ where: { id: guestId }, include: { attributes: true } });
    expect(row.displayName).toBe("Ann Jansen");
    expect(Object.fromEntries(row.attributes.map((a) => [a.name, JSON.parse(a.value)]))).toMatchObject({
      surname: "Jansen",
      country: "BE",
    });
    const update = await bed.db.prisma.auditEvent.findFirstOrThrow({
      where: { targetId: guestId, type: "guest.attributesUpdated" },
    });
    expect(update).toMatchObject({ actorType: "guest", actorId: guestId, correlationId: id });
  });

  it("sends a browser without a session to the account page, which says to sign in first", async () => {
    const before = await bed.db.prisma.journey.count({ where: { kind: "profile" } });
    const opened = await browser().request(`${BASE}/woodgrove/account/profile`);
    expect(opened.status).toBe(303);
    expect(location(opened).toString()).toBe(`${BASE}/woodgrove/account`);
    expect(opened.headers.getSetCookie()).toEqual([]);
    expect(await bed.db.prisma.journey.count({ where: { kind: "profile" } })).toBe(before);
  });

  it.each(["https://evil.example/", "//evil.example/woodgrove", "/\\evil.example", "/sparbanken/account", "javascript:alert(1)"])(
    "never redirects to %s: the journey returns to the account page instead",
    async (returnTo) => {
      const { b } = await signUp(`ann-${randomBytes(3).toString("hex")}@example.com`);
      const opened = await b.request(`${BASE}/woodgrove/account/profile?returnTo=${encodeURIComponent(returnTo)}`);
      const id = journeyId(location(opened));
      expect((await bed.db.prisma.journey.findUniqueOrThrow({ where: { id } })).redirectUrl).toBe("/woodgrove/account");
      const cancelled = await post(b, `${BASE}/woodgrove/journey/${id}/cancel`, {});
      expect(location(cancelled).toString()).toBe(`${BASE}/woodgrove/account`);
    },
  );

  it("refuses cross-site posts, and a profile journey from a browser signed in as nobody (or someone else)", async () => {
    const { b, guestId } = await signUp("ann-csrf@example.com");
    const id = journeyId(location(await b.request(`${BASE}/woodgrove/account/profile`)));
    const change = { displayName: "Mallory", givenName: "Mallory", surname: "M", country: "NL" };
    expect((await step(b, id, change, { ...SAME_ORIGIN, "sec-fetch-site": "cross-site" })).status).toBe(403);
    expect((await post(b, `${BASE}/woodgrove/journey/${id}/cancel`, {}, { "sec-fetch-site": "same-site" })).status).toBe(403);
    // no Fetch Metadata: the Origin must be ours
    expect(
      (await step(b, id, change, { "content-type": "application/x-www-form-urlencoded", origin: "https://evil.example" })).status,
    ).toBe(403);

    // the same browser after its session cookie is gone: sign in first, nothing written
    const session = bed.op.sessionCookieName(TENANT);
    const token = b.cookies.get(session)!;
    b.cookies.delete(session);
    const signedOut = await step(b, id, change);
    expect(location(signedOut).toString()).toBe(`${BASE}/woodgrove/account`);
    // and a browser holding another guest's session with this journey's cookie
    const other = await signUp("bob-csrf@example.com");
    b.cookies.set(session, other.b.cookies.get(session)!);
    expect(location(await step(b, id, change)).toString()).toBe(`${BASE}/woodgrove/account`);
    b.cookies.set(session, token);
    const row = await bed.db.prisma.guest.findUniqueOrThrow({ where: { id: guestId } });
    expect(row.displayName).toBe("Ann de Vries");
  });

  /** authorize → interaction: a browser on the first step of a fresh sign-up journey. */
  async function beginSignUp(): Promise<{ b: Browser; id: string; interactionUrl: URL }> {
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
    return { b, id: journeyId(location(started)), interactionUrl: nav.url };
  }

  /** A body sent in chunks, with no Content-Length: only counting while reading can stop it. */
  function chunked(text: string, chunkBytes = 16 * 1024): ReadableStream<Uint8Array> {
    const bytes = new TextEncoder().encode(text);
    let offset = 0;
    return new ReadableStream({
      pull(controller) {
        if (offset >= bytes.length) return controller.close();
        controller.enqueue(bytes.slice(offset, (offset += chunkBytes)));
      },
    });
  }

  describe("form bodies are counted while they stream", () => {
    it("answers 413 to a 1 MiB chunked submit and does not move the journey on", async () => {
      const { b, id } = await beginSignUp();
      const before = await bed.db.prisma.journey.findUniqueOrThrow({ where: { id } });
      const body = new URLSearchParams({
        version: String(before.version),
        provider: "email",
        pad: "x".repeat(1024 * 1024),
      }).toString();
      const response = await b.request(`${BASE}/woodgrove/journey/${id}/submit`, {
        method: "POST",
        headers: SAME_ORIGIN,
        body: chunked(body),
        duplex: "half",
      } as RequestInit);
      expect(response.status).toBe(413);
      const after = await bed.db.prisma.journey.findUniqueOrThrow({ where: { id } });
      expect({ state: after.state, version: after.version }).toEqual({ state: before.state, version: before.version });
    });

    it("still takes a chunked form under the limit", async () => {
      const { b, id } = await beginSignUp();
      const version = (await bed.db.prisma.journey.findUniqueOrThrow({ where: { id } })).version;
      const response = await b.request(`${BASE}/woodgrove/journey/${id}/submit`, {
        method: "POST",
        headers: SAME_ORIGIN,
        body: chunked(new URLSearchParams({ version: String(version), provider: "email" }).toString(), 4),
        duplex: "half",
      } as RequestInit);
      expect(response.status).toBe(303);
      expect((await bed.db.prisma.journey.findUniqueOrThrow({ where: { id } })).state).toBe("enterEmail");
    });

    it("answers 400 to a body that is not UTF-8", async () => {
      const { b, id } = await beginSignUp();
      const response = await b.request(`${BASE}/woodgrove/journey/${id}/submit`, {
        method: "POST",
        headers: SAME_ORIGIN,
        body: new Uint8Array([0x76, 0x3d, 0xff, 0xfe]),
      });
      expect(response.status).toBe(400);
    });
  });

  describe("reloading the interaction URL", () => {
    it("goes back to the live journey of this browser, with a fresh cookie, instead of storing another", async () => {
      const { b, id, interactionUrl } = await beginSignUp();
      await step(b, id, { provider: "email" });
      const rows = () => bed.db.prisma.journey.count({ where: { interactionId: interactionUrl.pathname.split("/").at(-1)! } });
      expect(await rows()).toBe(1);
      const cookieBefore = b.cookies.get("gg_journey");
      for (let reload = 0; reload < 5; reload++) {
        const again = await b.request(interactionUrl, { headers: { [LOCALE_HEADER]: "en" } });
        expect(again.status).toBe(303);
        expect(journeyId(location(again))).toBe(id);
      }
      expect(await rows()).toBe(1);
      // the journey goes on where it was (the e-mail step), under the cookie the reload set
      expect(b.cookies.get("gg_journey")).not.toBe(cookieBefore);
      expect((await bed.db.prisma.journey.findUniqueOrThrow({ where: { id } })).state).toBe("enterEmail");
      const moved = await step(b, id, { email: "reload@example.com" });
      expect(moved.status).toBe(303);
      expect((await bed.db.prisma.journey.findUniqueOrThrow({ where: { id } })).state).toBe("enterCode");
    });

    it("never hands another browser's journey over: that browser is not the authorization request's", async () => {
      const { interactionUrl } = await beginSignUp();
      const stranger = browser();
      const response = await stranger.request(interactionUrl, { headers: { [LOCALE_HEADER]: "en" } });
      expect(location(response).pathname).toBe("/woodgrove/error");
      expect(stranger.cookies.has("gg_journey")).toBe(false);
    });
  });

  describe("My Access", () => {
    const system = { actor: { type: "system" as const, name: "test" }, tenantId: TENANT };
    const session = () => bed.op.sessionCookieName(TENANT);

    async function selfServicePackage(allowedTargetScope: "allDirectoryUsers" | "allExternalUsers" = "allDirectoryUsers") {
      const catalog = await entitlements.createCatalog(system, {
        displayName: `Partners ${randomBytes(3).toString("hex")}`,
        description: "",
        catalogType: "userManaged",
        state: "published",
        isExternallyVisible: true,
      });
      const accessPackage = await entitlements.createPackage(system, catalog.id, {
        displayName: "Partner wiki",
        description: "",
        isHidden: true,
      });
      const policy = await entitlements.createPolicy(system, {
        displayName: "Self-service",
        accessPackage: { id: accessPackage.id },
        allowedTargetScope,
        requestorSettings: { enableTargetsToSelfAddAccess: true, enableTargetsToSelfRemoveAccess: true },
        requestApprovalSettings: {
          isRequestorJustificationRequired: true,
          ...(allowedTargetScope === "allExternalUsers"
            ? {
                isApprovalRequiredForAdd: true,
                stages: [
                  {
                    durationBeforeAutomaticDenial: "P7D",
                    primaryApprovers: [
                      {
                        "@odata.type": "#microsoft.graph.singleUser",
                        userId: await bed.guest({ email: `approver-${randomBytes(3).toString("hex")}@example.com` }),
                      },
                    ],
                  },
                ],
              }
            : {}),
        },
        questions: [
          {
            "@odata.type": "#microsoft.graph.accessPackageTextInputQuestion",
            text: "KvK number",
            isRequired: true,
            regexPattern: "^[0-9]{8}$",
          },
        ],
      });
      const question = (policy.settings.questions[0] as { id: string }).id;
      return { accessPackage, policy, question, page: `/woodgrove/myaccess/access-packages/${accessPackage.id}` };
    }

    /** GET the sign-in with returnTo, then the address and the passcode: the last answer of the journey. */
    async function myAccessSignIn(b: Browser, email: string, returnTo: string) {
      const opened = await b.request(`${BASE}/woodgrove/myaccess/sign-in?returnTo=${encodeURIComponent(returnTo)}`);
      expect(opened.status).toBe(303);
      const id = journeyId(location(opened));
      await step(b, id, { email });
      return { id, done: await step(b, id, { code: mailbox.at(-1)!.code }) };
    }

    it("signs a directory user in with the passcode and returns to the My Access page with Guestgate's session", async () => {
      const { guestId } = await signUp("ann-myaccess@example.com");
      const b = browser();
      const returnTo = "/woodgrove/myaccess/access-packages/0a0a0a0a-0000-4000-8000-00000000000a?policy=x";
      const { id, done } = await myAccessSignIn(b, "ann-myaccess@example.com", returnTo);
      expect(await bed.db.prisma.journey.findUniqueOrThrow({ where: { id } })).toMatchObject({
        kind: "myAccess",
        state: "completed",
        redirectUrl: returnTo,
      });
      expect(location(done).toString()).toBe(`${BASE}${returnTo}`);
      const token = b.cookies.get(session());
      expect(token).toBeTruthy();
      expect((await bed.op.signedInGuest(TENANT, token))?.guestId).toBe(guestId);
      // Signed in already: the sign-in goes straight back, no journey.
      const again = await b.request(`${BASE}/woodgrove/myaccess/sign-in?returnTo=${encodeURIComponent(returnTo)}`);
      expect(location(again).toString()).toBe(`${BASE}${returnTo}`);
    });

    it("identifies an address no directory user has, creates nobody, and lets it request a package open to external users", async () => {
      const b = browser();
      const { accessPackage, policy, question, page } = await selfServicePackage("allExternalUsers");
      const before = await bed.db.prisma.guest.count();
      const { id, done } = await myAccessSignIn(b, "Nobody-MyAccess@Example.com", page);
      expect(location(done).toString()).toBe(`${BASE}${page}`);
      expect((await bed.db.prisma.journey.findUniqueOrThrow({ where: { id } })).state).toBe("identified");
      // No OP session (no application gets a token from it), only My Access's outsider session.
      expect(b.cookies.get(session())).toBeUndefined();
      expect(b.cookies.get("gg_myaccess_outsider")).toBeTruthy();
      expect(await bed.db.prisma.guest.count()).toBe(before);

      const filed = await post(b, `${BASE}/woodgrove/myaccess/act`, {
        action: "request",
        packageId: accessPackage.id,
        policyId: policy.id,
        [`answer.${question}`]: "12345678",
        justification: "Supplier",
      });
      expect(location(filed).toString()).toBe(`${BASE}${page}?done=requested`);
      const request = await bed.db.prisma.accessPackageAssignmentRequest.findFirstOrThrow({
        where: { accessPackageId: accessPackage.id },
      });
      expect(request).toMatchObject({
        requestType: "userAdd",
        state: "pendingApproval",
        targetGuestId: null,
        targetEmail: "nobody-myaccess@example.com",
        requestorIssuer: "urn:guestgate:email-otp",
        requestorSubject: "nobody-myaccess@example.com",
      });
      // Someone not yet a guest holds nothing to remove; their waiting request they may cancel.
      const removal = await post(b, `${BASE}/woodgrove/myaccess/act`, {
        action: "remove",
        assignmentId: request.id,
        packageId: accessPackage.id,
      });
      expect(location(removal).search).toBe("?refused=notAllowed");
      const canceled = await post(b, `${BASE}/woodgrove/myaccess/act`, {
        action: "cancel",
        requestId: request.id,
        packageId: accessPackage.id,
      });
      expect(location(canceled).search).toBe("?done=canceled");
      // Another browser without the session is sent to sign in.
      const stranger = await post(browser(), `${BASE}/woodgrove/myaccess/act`, { action: "cancel", requestId: request.id });
      expect(location(stranger).pathname).toBe("/woodgrove/myaccess/sign-in");
    });

    it("refuses the address of a blocked directory user and of one who signs in another way, and creates nobody", async () => {
      for (const [email, state] of [
        ["blocked-myaccess@example.com", "blocked"],
        ["federated-myaccess@example.com", "active"],
      ] as const) {
        await bed.guest({ email, state });
        const before = await bed.db.prisma.guest.count();
        const b = browser();
        const { id, done } = await myAccessSignIn(b, email, "/woodgrove/myaccess");
        expect(location(done).pathname).toBe(`/woodgrove/journey/${id}/refused`);
        const journey = await bed.db.prisma.journey.findUniqueOrThrow({ where: { id } });
        expect(journey.state).toBe("refused");
        expect(JSON.parse(journey.ui).messages).toEqual([{ id: "myAccess.signIn.unknown" }]);
        expect(b.cookies.get("gg_myaccess_outsider")).toBeUndefined();
        expect(await bed.db.prisma.guest.count()).toBe(before);
      }
    });

    it.each(["https://evil.example/", "//evil.example/woodgrove/myaccess", "/woodgrove/account", "/sparbanken/myaccess"])(
      "never returns to %s: the sign-in goes back to My Access instead",
      async (returnTo) => {
        const opened = await browser().request(`${BASE}/woodgrove/myaccess/sign-in?returnTo=${encodeURIComponent(returnTo)}`);
        const id = journeyId(location(opened));
        expect((await bed.db.prisma.journey.findUniqueOrThrow({ where: { id } })).redirectUrl).toBe("/woodgrove/myaccess");
      },
    );

    it("takes a request form only same-origin and signed in, sends problems back by field, then delivers and removes", async () => {
      const { b, guestId } = await signUp("ann-myaccess-form@example.com");
      const { accessPackage, policy, question, page } = await selfServicePackage();
      const act = `${BASE}/woodgrove/myaccess/act`;
      const form = (answer: string, justification = "Project Lindholm") => ({
        action: "request",
        packageId: accessPackage.id,
        policyId: policy.id,
        [`answer.${question}`]: answer,
        justification,
      });
      const filed = () => bed.db.prisma.accessPackageAssignmentRequest.count({ where: { accessPackageId: accessPackage.id } });

      const stranger = await post(browser(), act, form("12345678"));
      expect(location(stranger).toString()).toBe(`${BASE}/woodgrove/myaccess/sign-in?returnTo=${encodeURIComponent(page)}`);
      expect((await post(b, act, form("12345678"), { ...SAME_ORIGIN, "sec-fetch-site": "cross-site" })).status).toBe(403);
      expect((await post(b, act, { action: "request", packageId: "../../evil" })).status).toBe(400);

      const stateOf = (response: Response) => {
        const cookie = response.headers.getSetCookie().find((c) => c.startsWith("gg_myaccess_form="))!;
        expect(cookie).toContain(`Path=${page};`);
        expect(cookie).toMatch(/HttpOnly; SameSite=Lax; Secure$/);
        return JSON.parse(Buffer.from(cookie.split(";")[0]!.split("=")[1]!, "base64url").toString("utf8"));
      };
      const empty = await post(b, act, form("", ""));
      expect(location(empty).toString()).toBe(`${BASE}${page}`);
      expect(stateOf(empty)).toMatchObject({
        policyId: policy.id,
        problems: { [`answer.${question}`]: "required", justification: "justification" },
      });
      const wrong = stateOf(await post(b, act, form("1234")));
      expect(wrong).toMatchObject({
        problems: { [`answer.${question}`]: "pattern" },
        values: { [`answer.${question}`]: ["1234"] },
      });
      expect(await filed()).toBe(0);

      const done = await post(b, act, form("12345678"));
      expect(location(done).toString()).toBe(`${BASE}${page}?done=delivered`);
      const request = await bed.db.prisma.accessPackageAssignmentRequest.findFirstOrThrow({
        where: { accessPackageId: accessPackage.id },
      });
      expect(request).toMatchObject({ requestType: "userAdd", state: "delivered", targetGuestId: guestId, requestorId: guestId });
      expect(JSON.parse(request.answers)).toMatchObject([{ value: "12345678", answeredQuestion: { id: question } }]);
      // The same request again is a conflict, said on the page.
      expect(stateOf(await post(b, act, form("12345678")))).toMatchObject({ refusal: "conflict" });

      const removed = await post(b, act, { action: "remove", assignmentId: request.assignmentId!, packageId: accessPackage.id });
      expect(location(removed).toString()).toBe(`${BASE}${page}?done=removed`);
      const audit = await bed.db.prisma.auditEvent.findFirstOrThrow({
        where: { type: "accessPackageAssignment.removed", targetId: guestId },
      });
      expect(audit).toMatchObject({ actorType: "guest", actorId: guestId });
      // Another guest cannot remove it (it has ended anyway) nor cancel Ann's requests.
      const other = await signUp("bob-myaccess-form@example.com");
      const theirs = await post(other.b, act, { action: "remove", assignmentId: request.assignmentId! });
      expect(location(theirs).toString()).toBe(`${BASE}/woodgrove/myaccess?refused=notAllowed`);
    });

    it("takes the form's own start and end dates where the policy allows them, refusing wrong ones by field", async () => {
      const { b, guestId } = await signUp("ann-myaccess-dates@example.com");
      const { accessPackage, page } = await selfServicePackage();
      const dated = await entitlements.createPolicy(system, {
        displayName: "Own dates",
        accessPackage: { id: accessPackage.id },
        allowedTargetScope: "allDirectoryUsers",
        expiration: { type: "afterDuration", duration: "P30D" },
        requestorSettings: { enableTargetsToSelfAddAccess: true, allowCustomAssignmentSchedule: true },
      });
      const act = `${BASE}/woodgrove/myaccess/act`;
      const day = (offset: number) => new Date(Date.now() + offset * 24 * 3600 * 1000).toISOString().slice(0, 10);
      const form = (startDate: string, endDate: string) => ({
        action: "request",
        packageId: accessPackage.id,
        policyId: dated.id,
        startDate,
        endDate,
      });
      const stateOf = (response: Response) => {
        const cookie = response.headers.getSetCookie().find((c) => c.startsWith("gg_myaccess_form="))!;
        return JSON.parse(Buffer.from(cookie.split(";")[0]!.split("=")[1]!, "base64url").toString("utf8"));
      };
      expect(stateOf(await post(b, act, form(day(-3), day(40))))).toMatchObject({
        problems: { startDate: "startPast", endDate: "endPastPolicy" },
        values: { startDate: [day(-3)], endDate: [day(40)] },
      });
      expect(stateOf(await post(b, act, form(day(5), day(2))))).toMatchObject({ problems: { endDate: "endBeforeStart" } });
      expect(stateOf(await post(b, act, form("31-12-2026", "")))).toMatchObject({ problems: { startDate: "invalidDate" } });
      expect(await bed.db.prisma.accessPackageAssignmentRequest.count({ where: { targetGuestId: guestId } })).toBe(0);

      // A later start waits, scheduled, with the chosen end (the end of that day).
      const done = await post(b, act, form(day(2), day(12)));
      expect(location(done).toString()).toBe(`${BASE}${page}?done=requested`);
      const request = await bed.db.prisma.accessPackageAssignmentRequest.findFirstOrThrow({ where: { targetGuestId: guestId } });
      expect(request).toMatchObject({ state: "scheduled", policyId: dated.id });
      expect(request.startsAt!.toISOString()).toBe(`${day(2)}T00:00:00.000Z`);
      expect(JSON.parse(request.schedule).expiration).toEqual({
        type: "afterDateTime",
        endDateTime: `${day(12)}T23:59:59.000Z`,
        duration: null,
      });
    });
  });
});
