// The sign-up approval queue through the journey endpoints, on a real database, the real OpenID
// provider and real SMTP (a local capture server): a flow with `signUpApproval` creates the guest
// pendingApproval and ends the application's request with access_denied; an approver's decision is
// one audited write with them as actor, mailed to the person in their language; only then does the
// person sign in. Auto-approval by domain, the lapse job on a moved clock, and tenant isolation.
import { createHash, randomBytes } from "node:crypto";
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import PostalMime from "postal-mime";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  approverAddresses,
  configuredOrganizationsOfDomain,
  createDirectoryStore,
  createJobLeaseStore,
  createJourneyRepository,
  createOtpRepository,
  createRateLimitStore,
  createSignUpRequestStore,
} from "../../../app/_lib/db";
import {
  createDirectoryService,
  createSignUpApprovalService,
  signUpApprovalJob,
  type AdministratorActor,
  type SignUpApprovalService,
} from "../../../app/_lib/directory";
import { LOCALE_HEADER } from "../../../app/_lib/i18n";
import { createJobRegistry, createJobRunner } from "../../../app/_lib/jobs";
import {
  accessDeniedDescription,
  APPROVAL_PENDING_DESCRIPTION,
  createJourneyEndpoints,
  createPasscodeService,
  defaultJourneyKinds,
  NO_HOOKS,
  type JourneyDeps,
  type JourneyEndpoints,
  type PasscodeDelivery,
  type UserFlow,
} from "../../../app/_lib/journeys";
import { demoFlow, WOODGROVE_SHOP } from "../../../app/_lib/journeys/user-flows/test-fixtures";
import { createMailer, createSignUpApprovalMailer, mailTranslator } from "../../../app/_lib/mail";
import { isInteractionError, serializeCookie } from "../../../app/_lib/oidc";
import { parseTenantsConfig, type Tenant, type TenantDirectory } from "../../../app/_lib/tenant";
import { startSmtpCapture, type CapturedFile, type SmtpCapture } from "../../e2e/support/smtp-capture";
import { testDatabaseProviders } from "../../helpers/database";
import {
  authorizeUrl,
  BASE,
  Browser,
  createTestbed,
  ISSUER,
  OTHER_TENANT,
  pkce,
  REDIRECT,
  TENANT,
  tokenRequest,
  type Testbed,
} from "../oidc/harness";

const SAME_ORIGIN = { "sec-fetch-site": "same-origin", "content-type": "application/x-www-form-urlencoded" };
const DAY = 86_400_000;

const tenant: Tenant = parseTenantsConfig(
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
        locales: { enabled: ["nl", "en", "fr"], default: "nl" },
        identityProviders: [{ kind: "email-otp", id: "email" }],
        selfServiceSignUp: { enabled: true },
      },
    ],
  }),
  "test",
).tenants[0]!;

describe.each(testDatabaseProviders())("the sign-up approval queue on %s", (provider) => {
  let bed: Testbed;
  let endpoints: JourneyEndpoints;
  let approvals: SignUpApprovalService;
  let smtp: SmtpCapture;
  let mailDir: string;
  const passcodes: PasscodeDelivery[] = [];
  let flow: UserFlow;
  let approverEmail: string;
  let approver: AdministratorActor;

  beforeEach(() => {
    flow = { ...demoFlow("woodgrove"), signUpApproval: { autoApproveDomains: ["partner.example"], autoDenyAfterDays: 14 } };
  });

  beforeAll(async () => {
    bed = await createTestbed(provider);
    await bed.publicClient({ clientId: WOODGROVE_SHOP });
    mailDir = await mkdtemp(path.join(os.tmpdir(), "guestgate-approvals-"));
    smtp = await startSmtpCapture(mailDir);
    const prisma = bed.db.prisma;
    const tenants: TenantDirectory = {
      find: (slug) => (slug === TENANT ? tenant : undefined),
      findById: (id) => (id === tenant.id ? tenant : undefined),
      list: () => [tenant],
      listOnHome: false,
    };
    const mailer = createMailer({
      smtpUrl: smtp.url,
      from: "Guestgate <noreply@guestgate.test>",
      outboxDir: path.join(mailDir, "unused-outbox"),
      production: false,
    });
    approvals = createSignUpApprovalService({
      store: createSignUpRequestStore(prisma),
      clock: { now: () => new Date() },
      notify: createSignUpApprovalMailer({
        mailer,
        translator: mailTranslator,
        baseUrl: BASE,
        tenants,
        approvers: (tenantId) => approverAddresses(prisma, tenantId, flow.signUpApproval?.approverGroupId),
      }),
      onNotifyFailure: (error) => {
        throw error;
      },
    });
    // The tenant's User Administrator (mailed), and a Guest Inviter (neither mailed nor allowed to decide).
    approverEmail = `approver-${randomBytes(3).toString("hex")}@woodgrove.example`;
    const member = await prisma.guest.create({
      data: {
        tenantId: TENANT,
        userType: "Member",
        createdVia: "seed",
        email: approverEmail,
        emailVerified: true,
        state: "active",
      },
    });
    await prisma.directoryRoleAssignment.create({ data: { tenantId: TENANT, guestId: member.id, role: "userAdministrator" } });
    const inviter = await prisma.guest.create({
      data: { tenantId: TENANT, userType: "Member", createdVia: "seed", email: "inviter@woodgrove.example", state: "active" },
    });
    await prisma.directoryRoleAssignment.create({ data: { tenantId: TENANT, guestId: inviter.id, role: "guestInviter" } });
    approver = { type: "administrator", id: member.id, role: "userAdministrator", displayName: "Vera Approver" };

    const deps: JourneyDeps = {
      journeys: createJourneyRepository(prisma),
      kinds: defaultJourneyKinds(),
      directory: createDirectoryService({
        store: createDirectoryStore(prisma),
        clock: { now: () => new Date() },
        cursorKey: randomBytes(32),
      }),
      signUpApprovals: approvals,
      connectedOrganizationsOfDomain: (tenantId, domain) => configuredOrganizationsOfDomain(prisma, tenantId, domain),
      hooks: NO_HOOKS,
      passcodes: createPasscodeService({
        repository: createOtpRepository(prisma),
        rateLimits: createRateLimitStore(prisma),
        hashKey: randomBytes(32),
        policy: { sendsPerClient: { limit: 1000, windowSeconds: 900 } },
      }),
      sendPasscode: async (_tenant, _locale, delivery) => void passcodes.push(delivery),
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
          const aborted = await bed.op.abortInteraction(journey.tenantId, interactionId, {
            error: "access_denied",
            description: accessDeniedDescription(journey.state),
          });
          return { redirectTo: aborted.resumeUrl };
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
    await smtp?.stop();
    if (mailDir) await rm(mailDir, { recursive: true, force: true });
    await bed?.close();
  });

  function browser(): Browser {
    return new Browser(async (input, init) => {
      const request = input instanceof Request ? input : new Request(input, init);
      const [, slug = "", ...rest] = new URL(request.url).pathname.split("/");
      const route = rest.join("/");
      const journey = /^journey\/([^/]+)\/(submit|cancel)$/.exec(route);
      if (journey?.[2] === "submit") return endpoints.submit(request, slug, journey[1]!);
      if (journey?.[2] === "cancel") return endpoints.cancel(request, slug, journey[1]!);
      const interaction = /^interaction\/([^/]+)$/.exec(route);
      if (interaction) return endpoints.interaction(request, slug, interaction[1]!);
      return bed.fetch(request);
    });
  }

  const location = (response: Response) => new URL(response.headers.get("location")!, BASE);
  const journeyRow = (id: string) => bed.db.prisma.journey.findUniqueOrThrow({ where: { id } });
  const unique = (domain: string) => `p-${randomBytes(4).toString("hex")}@${domain}`;

  /** Mail the capture server received for the address, parsed as a mail client would. */
  async function mailTo(address: string) {
    const mails = [];
    for (const name of (await readdir(mailDir)).filter((n) => n.endsWith(".json")).sort()) {
      const captured = JSON.parse(await readFile(path.join(mailDir, name), "utf8")) as CapturedFile;
      if (captured.envelope.rcptTo.includes(address)) mails.push(await PostalMime.parse(Buffer.from(captured.raw, "base64")));
    }
    return mails;
  }

  /**
   * The whole journey for `email` in `locale`; ends where the journey sent the browser: the
   * journey's page (a terminal state) or back at the application.
   */
  async function signInOrUp(email: string, locale = "en", extra: Record<string, string> = {}) {
    const b = browser();
    const { challenge, verifier } = pkce();
    const nav = await b.navigate(
      authorizeUrl({
        client_id: WOODGROVE_SHOP,
        redirect_uri: REDIRECT,
        response_type: "code",
        scope: "openid",
        state: "st-42",
        code_challenge: challenge,
        code_challenge_method: "S256",
      }),
    );
    const started = await b.request(nav.url, { headers: { [LOCALE_HEADER]: locale } });
    const id = /\/journey\/([^/]+)/.exec(location(started).pathname)![1]!;
    const step = async (values: Record<string, string>) =>
      b.request(`${BASE}/${TENANT}/journey/${id}/submit`, {
        method: "POST",
        headers: { ...SAME_ORIGIN, [LOCALE_HEADER]: locale },
        body: new URLSearchParams({ version: String((await journeyRow(id)).version), ...values }).toString(),
      });
    await step({ email });
    let done = await step({ code: passcodes.at(-1)!.code });
    if ((await journeyRow(id)).state === "collectAttributes")
      done = await step({
        ...((await journeyRow(id)).ui.includes('"termsOnly":true')
          ? {}
          : { displayName: "Ann de Vries", givenName: "Ann", surname: "de Vries", country: "NL" }),
        ...extra,
      });
    const state = (await journeyRow(id)).state;
    const guest = await bed.db.prisma.guest.findFirst({ where: { tenantId: TENANT, email: email.toLowerCase() } });
    return { b, id, done, state, guest, verifier, step };
  }

  /** "Back to the application" on the journey's page: where the application's request ends. */
  async function leave(b: Browser, id: string): Promise<URL> {
    const cancelled = await b.request(`${BASE}/${TENANT}/journey/${id}/cancel`, {
      method: "POST",
      headers: SAME_ORIGIN,
      body: "",
    });
    expect(cancelled.status).toBe(303);
    const nav = await b.navigate(location(cancelled));
    expect(nav.kind).toBe("client");
    return nav.url;
  }

  it("keeps a new guest pendingApproval, shows the waiting page and ends the request with access_denied (RFC 6749 §4.1.2.1)", async () => {
    const email = unique("supplier.example");
    const { b, id, state, guest } = await signInOrUp(email);
    expect(state).toBe("pendingApproval");
    expect(guest).toMatchObject({ state: "pendingApproval", createdVia: "selfServiceSignUp" });
    const request = await bed.db.prisma.signUpRequest.findUniqueOrThrow({ where: { guestId: guest!.id } });
    expect(request).toMatchObject({
      tenantId: TENANT,
      state: "pending",
      locale: "en",
      userFlowName: flow.name,
      clientId: WOODGROVE_SHOP,
    });
    // autoDenyAfterDays 14 from now (give or take the test's own run time)
    expect(Math.abs(request.autoDenyAt!.getTime() - (Date.now() + 14 * DAY))).toBeLessThan(60_000);

    const callback = await leave(b, id);
    expect(`${callback.origin}${callback.pathname}`).toBe(REDIRECT);
    expect(Object.fromEntries(callback.searchParams)).toEqual({
      error: "access_denied",
      error_description: APPROVAL_PENDING_DESCRIPTION,
      state: "st-42",
      iss: ISSUER,
    });

    // The approver was asked by mail, in the tenant's default language, with the portal page as the link.
    const [asked] = await mailTo(approverEmail).then((mails) => mails.filter((m) => m.text?.includes(email)));
    expect(asked?.subject).toBe("Een nieuwe gast wacht op goedkeuring bij Woodgrove");
    expect(asked?.text).toContain(`${BASE}/${TENANT}/admin/sign-up-requests`);
    expect(await mailTo("inviter@woodgrove.example")).toEqual([]);

    // Back before anyone decided: the same page, no second guest, no second request mail.
    const again = await signInOrUp(email);
    expect(again.state).toBe("pendingApproval");
    expect(await bed.db.prisma.guest.count({ where: { tenantId: TENANT, email } })).toBe(1);
    expect((await mailTo(approverEmail)).filter((m) => m.text?.includes(email))).toHaveLength(1);
    // The provider itself refuses to complete a sign-in as a guest that is not active.
    const pendingNav = await bed.browser().navigate(
      authorizeUrl({
        client_id: WOODGROVE_SHOP,
        redirect_uri: REDIRECT,
        response_type: "code",
        scope: "openid",
        ...pkceParams(),
      }),
    );
    await expect(
      bed.op.completeInteraction(TENANT, pendingNav.interactionId!, { guestId: guest!.id, amr: ["otp"], remember: false }),
    ).rejects.toThrow();
  });

  it("asks each approver in their own preferredLanguage, else in the tenant's default", async () => {
    // A Global Administrator who reads French (fr-BE: the tenant offers fr), and one whose language the tenant does not offer.
    const french = `approver-fr-${randomBytes(3).toString("hex")}@woodgrove.example`;
    const swedish = `approver-sv-${randomBytes(3).toString("hex")}@woodgrove.example`;
    for (const [email, language] of [
      [french, "fr-BE"],
      [swedish, "sv-SE"],
    ] as const) {
      const member = await bed.db.prisma.guest.create({
        data: { tenantId: TENANT, userType: "Member", createdVia: "seed", email, emailVerified: true, state: "active" },
      });
      await bed.db.prisma.attributeValue.create({
        data: { guestId: member.id, name: "preferredLanguage", value: JSON.stringify(language) },
      });
      await bed.db.prisma.directoryRoleAssignment.create({
        data: { tenantId: TENANT, guestId: member.id, role: "globalAdministrator" },
      });
    }
    const email = unique("supplier.example");
    expect((await signInOrUp(email, "en")).state).toBe("pendingApproval");
    const about = (mails: Awaited<ReturnType<typeof mailTo>>) => mails.filter((m) => m.text?.includes(email));

    const [inFrench] = about(await mailTo(french));
    expect(inFrench?.subject).toBe("Un nouvel invité attend une approbation chez Woodgrove");
    expect(inFrench?.html).toContain('lang="fr"');
    // sv is not among the tenant's languages: the tenant's default (nl), as for an approver without one.
    const [inDefault] = about(await mailTo(swedish));
    expect(inDefault?.subject).toBe("Een nieuwe gast wacht op goedkeuring bij Woodgrove");
    const [noLanguage] = about(await mailTo(approverEmail));
    expect(noLanguage?.subject).toBe("Een nieuwe gast wacht op goedkeuring bij Woodgrove");
    expect(noLanguage?.html).toContain('lang="nl"');
  });

  it("signs the guest in normally once an administrator approved, with the decision audited and mailed in their language", async () => {
    const email = unique("supplier.example");
    const { guest } = await signInOrUp(email, "fr");
    const decided = await approvals.approve(approver, TENANT, guest!.id, { message: "Bienvenue chez Woodgrove !\nÀ bientôt." });
    expect(decided).toMatchObject({ state: "approved", decidedBy: { type: "administrator", id: approver.id } });
    expect(await bed.db.prisma.guest.findUniqueOrThrow({ where: { id: guest!.id } })).toMatchObject({ state: "active" });

    const events = await bed.db.prisma.auditEvent.findMany({
      where: { tenantId: TENANT, targetId: guest!.id },
      orderBy: { createdAt: "asc" },
    });
    expect(events.map((e) => e.type)).toEqual(["guest.created", "guest.signUpApproved"]);
    expect(JSON.parse(events[0]!.data)).toMatchObject({ approval: "pending" });
    expect(events[1]).toMatchObject({ actorType: "administrator", actorId: approver.id, actorDisplayName: "Vera Approver" });
    expect(JSON.parse(events[1]!.data)).toEqual({ userFlowName: flow.name, reason: "decided", withMessage: true });

    const [mail] = await mailTo(email);
    expect(mail?.subject).toBe("Votre demande auprès de Woodgrove a été approuvée");
    expect(mail?.text).toContain("> Bienvenue chez Woodgrove !\n> À bientôt.");
    expect(mail?.html).toContain("Bienvenue chez Woodgrove !\nÀ bientôt.");

    // A decision is taken once: a second one is refused and changes nothing.
    await expect(approvals.refuse(approver, TENANT, guest!.id)).rejects.toMatchObject({
      name: "SignUpApprovalError",
      code: "decided",
    });

    const { done, state, b, verifier } = await signInOrUp(email);
    expect(state).toBe("completed");
    const back = await b.navigate(location(done));
    expect(back.kind).toBe("client");
    const code = back.url.searchParams.get("code")!;
    const token = await tokenRequest(bed, {
      grant_type: "authorization_code",
      client_id: WOODGROVE_SHOP,
      code,
      redirect_uri: REDIRECT,
      code_verifier: verifier,
    });
    expect(token.status).toBe(200);
  });

  it("blocks a refused guest: the blocked page, no sign-in, and the refusal mailed", async () => {
    const email = unique("supplier.example");
    const { guest } = await signInOrUp(email, "nl");
    await approvals.refuse(approver, TENANT, guest!.id);
    expect(await bed.db.prisma.guest.findUniqueOrThrow({ where: { id: guest!.id } })).toMatchObject({ state: "blocked" });
    const [mail] = await mailTo(email);
    expect(mail?.subject).toBe("Uw aanvraag bij Woodgrove");
    expect(mail?.text).not.toContain("Bericht van");

    expect((await signInOrUp(email)).state).toBe("blocked");
    const nav = await bed.browser().navigate(
      authorizeUrl({
        client_id: WOODGROVE_SHOP,
        redirect_uri: REDIRECT,
        response_type: "code",
        scope: "openid",
        ...pkceParams(),
      }),
    );
    await expect(
      bed.op.completeInteraction(TENANT, nav.interactionId!, { guestId: guest!.id, amr: ["otp"], remember: false }),
    ).rejects.toThrow();
  });

  it("leaves a pending guest an administrator blocked meanwhile blocked when the request is approved", async () => {
    const { guest } = await signInOrUp(unique("supplier.example"));
    await bed.db.prisma.guest.update({ where: { id: guest!.id }, data: { state: "blocked" } });
    expect(await approvals.approve(approver, TENANT, guest!.id)).toMatchObject({ state: "approved" });
    expect(await bed.db.prisma.guest.findUniqueOrThrow({ where: { id: guest!.id } })).toMatchObject({ state: "blocked" });
  });

  it("admits a verified address of an auto-approve domain at once, on record as such", async () => {
    const email = unique("Partner.Example");
    const { state, guest } = await signInOrUp(email);
    expect(state).toBe("completed");
    expect(guest).toMatchObject({ state: "active" });
    expect(await bed.db.prisma.signUpRequest.count({ where: { guestId: guest!.id } })).toBe(0);
    const created = await bed.db.prisma.auditEvent.findFirstOrThrow({ where: { targetId: guest!.id, type: "guest.created" } });
    expect(JSON.parse(created.data)).toMatchObject({ approval: "autoApproved" });
  });

  describe("autoApproveConnectedOrganizations", () => {
    /** A connected organisation (entitlement management) with these domains, as Graph stores it. */
    const organization = async (tenantId: string, state: string, domains: string[]) =>
      (
        await bed.db.prisma.connectedOrganization.create({
          data: {
            tenantId,
            displayName: `Org ${domains[0]}`,
            state,
            identitySources: JSON.stringify(
              domains.map((domainName) => ({
                "@odata.type": "#microsoft.graph.domainIdentitySource",
                domainName,
                displayName: domainName,
              })),
            ),
            primaryDomain: domains[0]!.toLowerCase(),
          },
        })
      ).id;
    const tag = () => randomBytes(3).toString("hex");
    const admitted = async (email: string) => {
      const { state, guest } = await signInOrUp(email);
      const created = await bed.db.prisma.auditEvent.findFirstOrThrow({ where: { targetId: guest!.id, type: "guest.created" } });
      return { state, guestState: guest!.state, data: JSON.parse(created.data) as Record<string, unknown> };
    };

    it("true admits a verified address of any domain of a configured organisation, never a proposed one's", async () => {
      const [first, second, proposed] = [`a-${tag()}.example`, `b-${tag()}.example`, `p-${tag()}.example`];
      await organization(TENANT, "configured", [first, second]);
      await organization(TENANT, "proposed", [proposed]);
      flow = { ...flow, signUpApproval: { autoApproveDomains: [], autoApproveConnectedOrganizations: true } };

      // Its second domain counts as much as its first (not only the indexed primary domain).
      expect(await admitted(unique(second))).toMatchObject({
        state: "completed",
        guestState: "active",
        data: { approval: "autoApproved", autoApprovedBy: "connectedOrganization" },
      });
      expect(await admitted(unique(proposed))).toMatchObject({ state: "pendingApproval", data: { approval: "pending" } });
      expect(await admitted(unique(`x-${tag()}.example`))).toMatchObject({ state: "pendingApproval" });
    });

    it("a list admits only the listed organisations of this tenant", async () => {
      const [listedDomain, otherDomain] = [`l-${tag()}.example`, `o-${tag()}.example`];
      const listed = await organization(TENANT, "configured", [listedDomain]);
      await organization(TENANT, "configured", [otherDomain]);
      // Another tenant's organisation with the listed id's domain is not this tenant's.
      const foreignDomain = `f-${tag()}.example`;
      const foreign = await organization(OTHER_TENANT, "configured", [foreignDomain]);
      flow = { ...flow, signUpApproval: { autoApproveDomains: [], autoApproveConnectedOrganizations: [listed, foreign] } };

      expect(await admitted(unique(listedDomain))).toMatchObject({ state: "completed", data: { approval: "autoApproved" } });
      expect(await admitted(unique(otherDomain))).toMatchObject({ state: "pendingApproval" });
      expect(await admitted(unique(foreignDomain))).toMatchObject({ state: "pendingApproval" });
    });

    it("false (the default) trusts no organisation", async () => {
      const domain = `n-${tag()}.example`;
      await organization(TENANT, "configured", [domain]);
      flow = { ...flow, signUpApproval: { autoApproveDomains: [] } };
      expect(await admitted(unique(domain))).toMatchObject({ state: "pendingApproval" });
    });
  });

  it("leaves a flow without signUpApproval as it was: active at once, no request", async () => {
    flow = demoFlow("woodgrove");
    const { state, guest } = await signInOrUp(unique("supplier.example"));
    expect(state).toBe("completed");
    expect(guest).toMatchObject({ state: "active" });
    expect(await bed.db.prisma.signUpRequest.count({ where: { guestId: guest!.id } })).toBe(0);
    const created = await bed.db.prisma.auditEvent.findFirstOrThrow({ where: { targetId: guest!.id, type: "guest.created" } });
    expect(JSON.parse(created.data)).not.toHaveProperty("approval");
  });

  it("refuses lapsed requests in the leased job on a moved clock, as job:sign-up-approvals", async () => {
    const lapsing = await signInOrUp(unique("supplier.example"));
    flow = { ...flow, signUpApproval: { autoApproveDomains: [] } };
    const timeless = await signInOrUp(unique("supplier.example"));
    const failures: unknown[] = [];
    const runner = (now: Date) =>
      createJobRunner({
        registry: createJobRegistry([signUpApprovalJob(approvals)]),
        leases: createJobLeaseStore(bed.db.prisma),
        holder: `test-${provider}`,
        now: () => now,
        log: { ran() {}, failed: (_name, _holder, error) => failures.push(error), schedulerFailed() {} },
      });
    // Thirteen days on nothing lapsed; fifteen days on the first request did, the one without a limit did not.
    await runner(new Date(Date.now() + 13 * DAY)).runDue({ force: true });
    expect((await approvals.get(approver, TENANT, lapsing.guest!.id)).state).toBe("pending");
    const outcomes = await runner(new Date(Date.now() + 15 * DAY)).runDue({ force: true });
    expect(outcomes).toEqual([
      expect.objectContaining({ name: "sign-up-approvals", status: "ran", result: { refused: expect.any(Number) } }),
    ]);
    expect(failures).toEqual([]);
    expect((await approvals.get(approver, TENANT, lapsing.guest!.id)).state).toBe("refused");
    expect((await approvals.get(approver, TENANT, timeless.guest!.id)).state).toBe("pending");
    const refused = await bed.db.prisma.auditEvent.findFirstOrThrow({
      where: { targetId: lapsing.guest!.id, type: "guest.signUpRefused" },
    });
    expect(refused).toMatchObject({ actorType: "system", actorId: "job:sign-up-approvals" });
    expect(JSON.parse(refused.data)).toMatchObject({ reason: "lapsed", withMessage: false });
  });

  it("keeps each tenant's queue to itself and lets only approvers decide", async () => {
    const { guest } = await signInOrUp(unique("supplier.example"));
    const foreign: AdministratorActor = { type: "administrator", id: approver.id, role: "globalAdministrator" };
    expect((await approvals.list(foreign, OTHER_TENANT)).map((r) => r.guestId)).not.toContain(guest!.id);
    await expect(approvals.approve(foreign, OTHER_TENANT, guest!.id)).rejects.toMatchObject({ code: "notFound" });
    await expect(approvals.get(foreign, OTHER_TENANT, guest!.id)).rejects.toMatchObject({ code: "notFound" });
    const inviter: AdministratorActor = { type: "administrator", id: "x", role: "guestInviter" };
    await expect(approvals.approve(inviter, TENANT, guest!.id)).rejects.toMatchObject({ code: "forbidden" });
    await expect(approvals.approve({ type: "guest", guestId: guest!.id }, TENANT, guest!.id)).rejects.toMatchObject({
      code: "forbidden",
    });
    await expect(
      approvals.approve({ type: "application", clientId: "c", permissions: ["User.Read.All"] }, TENANT, guest!.id),
    ).rejects.toMatchObject({ code: "forbidden" });
    await expect(approvals.approve(approver, TENANT, guest!.id, { message: "x".repeat(1001) })).rejects.toMatchObject({
      code: "invalidMessage",
    });
    expect((await approvals.get(approver, TENANT, guest!.id)).state).toBe("pending");
    expect((await approvals.list(approver, TENANT)).map((r) => r.guestId)).toContain(guest!.id);
  });

  describe("terms acceptance", () => {
    const terms = (version: string) => ({
      version,
      termsUrl: { en: "https://woodgrove.example/terms", nl: "https://woodgrove.example/voorwaarden" },
      privacyUrl: { en: "https://woodgrove.example/privacy" },
    });

    it("requires the box on the sign-up form, then stores the version with the time and audits it", async () => {
      flow = { ...demoFlow("woodgrove"), termsAcceptance: terms("2026-12") };
      const email = unique("supplier.example");
      const refused = await signInOrUp(email);
      expect(refused.state).toBe("collectAttributes");
      expect(JSON.parse((await journeyRow(refused.id)).ui).fieldErrors).toEqual({
        acceptTerms: { id: "journey.terms.required" },
      });
      expect(refused.guest).toBeNull();

      const before = Date.now();
      await refused.step({
        displayName: "Ann de Vries",
        givenName: "Ann",
        surname: "de Vries",
        country: "NL",
        acceptTerms: "yes",
      });
      expect((await journeyRow(refused.id)).state).toBe("completed");
      const guest = await bed.db.prisma.guest.findFirstOrThrow({ where: { tenantId: TENANT, email } });
      expect(guest.termsVersion).toBe("2026-12");
      expect(guest.termsAcceptedAt!.getTime()).toBeGreaterThanOrEqual(before - 1000);
      const accepted = await bed.db.prisma.auditEvent.findFirstOrThrow({
        where: { targetId: guest.id, type: "guest.termsAccepted" },
      });
      expect(accepted).toMatchObject({ actorType: "guest", actorId: guest.id });
      expect(JSON.parse(accepted.data)).toEqual({ version: "2026-12", userFlowName: flow.name });

      // The same version again: a plain sign-in, no form.
      expect((await signInOrUp(email)).state).toBe("completed");
    });

    it("asks a returning guest for a new version alone, and records it", async () => {
      flow = { ...demoFlow("woodgrove"), termsAcceptance: terms("v1") };
      const email = unique("supplier.example");
      expect((await signInOrUp(email, "en", { acceptTerms: "yes" })).state).toBe("completed");

      flow = { ...flow, termsAcceptance: terms("v2") };
      const back = await signInOrUp(email);
      expect(back.state).toBe("collectAttributes");
      expect(JSON.parse((await journeyRow(back.id)).ui)).toMatchObject({ termsOnly: true, attributes: [] });
      await back.step({ acceptTerms: "yes" });
      expect((await journeyRow(back.id)).state).toBe("completed");
      const guest = await bed.db.prisma.guest.findFirstOrThrow({ where: { tenantId: TENANT, email } });
      expect(guest.termsVersion).toBe("v2");
      const events = await bed.db.prisma.auditEvent.findMany({ where: { targetId: guest.id, type: "guest.termsAccepted" } });
      expect(events.map((e) => JSON.parse(e.data).version).sort()).toEqual(["v1", "v2"]);
    });
  });
});
function pkceParams(): Record<string, string> {
  return { code_challenge: pkce().challenge, code_challenge_method: "S256", state: "s" };
}
