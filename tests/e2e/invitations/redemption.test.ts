// Redeeming an invitation in the browser: an application invites through Graph (the e-mail goes
// through SMTP to the capture), the invitee opens the e-mail's link, proves the invited address
// (the passcode sent to it, or an upstream whose verified address is it), fills in the flow's
// attributes and lands on the invitation's redirect URL signed in, so that the application's next
// authorization asks nothing. Dead links show the page that says why.
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { INVITATION_ONLY_DESCRIPTION } from "../../../app/_lib/journeys";
import { APPS, DEMO_REDIRECT_URI, type TestApplication } from "../support/applications";
import { htmlLang, notFoundResource, withBrowser } from "../support/browser";
import { withDatabase } from "../support/database";
import {
  announcements,
  flowOverrides,
  heading,
  journeyPage,
  journeyTexts,
  submitAndWait,
  uniqueEmail,
  type Translate,
} from "../support/journey";
import { Mailbox, passcodeIn } from "../support/mailbox";
import { acceptLinkIn, withInviter } from "../support/invitations";
import { withRelyingParty } from "../support/relying-party";
import { tenant as tenantConfig } from "../support/site";
import { ACCOUNTS, MICROSOFT_CONSUMER_TENANT_ID } from "../support/upstream";

const browser = withBrowser();
const rp = withRelyingParty();
const db = withDatabase();
const mailbox = new Mailbox();
const inviter = withInviter(["woodgrove", "sparbanken", "e2e"]);

/**
 * The e2e tenant's application people are invited to. (Not APPS.e2e: its redirect URI is also
 * APPS.e2eProgressive's, so an invitation to it could lead into either application's flow.)
 */
const E2E_REDIRECT_URI = APPS.e2eInvitations.registeredRedirectUri;

interface Case {
  app: TestApplication;
  /** The user flow of app (for its message overrides). */
  flow: string;
  locale: string;
  redirectUrl: string;
  typed: Record<string, string>;
}

/** One invitation per language, each in a tenant that offers it, with the attributes its flow requires. */
export const CASES: Case[] = [
  {
    app: APPS.woodgrove,
    flow: "signup-signin",
    locale: "en",
    redirectUrl: DEMO_REDIRECT_URI,
    typed: { displayName: "Olivia Hart", givenName: "Olivia", surname: "Hart", country: "GB" },
  },
  {
    app: APPS.woodgrove,
    flow: "signup-signin",
    locale: "nl",
    redirectUrl: DEMO_REDIRECT_URI,
    typed: { displayName: "Anouk de Vries", givenName: "Anouk", surname: "de Vries", country: "NL" },
  },
  {
    app: APPS.sparbanken,
    flow: "signup-signin",
    locale: "sv",
    redirectUrl: DEMO_REDIRECT_URI,
    typed: { givenName: "Astrid", surname: "Lindqvist", phone: "070-123 45 67", postalCode: "11351", country: "SE" },
  },
  {
    app: APPS.e2eInvitations,
    flow: "invitations",
    locale: "fr",
    redirectUrl: E2E_REDIRECT_URI,
    typed: { givenName: "Camille", surname: "Martin" },
  },
];

/** The invitation's redirect URL answers with a page of its own (nothing listens on that port). */
async function serveRedirectTarget(page: Page, redirectUrl: string): Promise<void> {
  await page.route(`${redirectUrl}**`, (route) =>
    route.fulfill({
      status: 200,
      contentType: "text/html; charset=utf-8",
      body: '<!doctype html><html lang="en"><head><title>Invited application</title><link rel="icon" href="data:,"></head><body><main><h1>Welcome to the application</h1></main></body></html>',
    }),
  );
}

/** Invites `email` through Graph and returns the accept link of the e-mail that reached the capture. */
async function invite(app: TestApplication, email: string, locale: string, redirectUrl: string) {
  const sent = await inviter.invite(app.tenant, { email, redirectUrl, language: locale });
  const mail = await mailbox.next(email);
  expect(mail.header("content-language") ?? locale).toBe(locale);
  const link = acceptLinkIn(mail, app.tenant);
  // Graph's answer and the e-mail carry the same link.
  expect(link).toBe(sent.inviteRedeemUrl);
  return { sent, link };
}

/** On the redemption's welcome page: chooses the passcode, which goes to the invited address, and enters it. */
async function redeemByPasscode(page: Page, t: Translate, email: string): Promise<void> {
  const journey = journeyPage(page, t);
  await submitAndWait(page, () => journey.button(t("journey.chooseProvider.emailOption")).click());
  expect(await heading(page)).toBe(t("otp.verify.title"));
  await journey.enterCode(passcodeIn(await mailbox.next(email)));
}

describe.each(CASES)("redeeming an invitation in $locale by the passcode", ({ app, flow, locale, redirectUrl, typed }) => {
  it("welcomes in the invitation's language, links the invited guest, signs in for the application, and the link dies", async () => {
    const t = journeyTexts(locale, flowOverrides(app.flowFile, flow, locale));
    const email = uniqueEmail(`invited-${locale}`);
    const { sent, link } = await invite(app, email, locale, redirectUrl);
    // The browser prefers another language: the invitation's wins.
    const page = await browser.newPage({ acceptLanguage: locale === "en" ? "fr" : "en" });
    await serveRedirectTarget(page, redirectUrl);
    const journey = journeyPage(page, t);

    await page.goto(link);
    expect(await htmlLang(page)).toBe(locale);
    expect(await heading(page)).toBe(t("invitation.welcome.title", { tenant: tenantConfig(app.tenant).displayName }));
    // The document title says the same as the heading (WCAG 2.4.2).
    expect(await page.title()).toContain(t("invitation.welcome.title", { tenant: tenantConfig(app.tenant).displayName }));
    expect(await page.locator("main").textContent()).toContain(t("invitation.welcome.address", { email }));
    await redeemByPasscode(page, t, email);

    expect(await heading(page)).toBe(t("attributes.page.title"));
    // Proven but not yet redeemed: the ticket dies only when the redemption completes.
    expect(await db().invitation.findUniqueOrThrow({ where: { id: sent.id } })).toMatchObject({ status: "pending" });
    await journey.fillAttributes(typed);
    await submitAndWait(page, () => journey.button(t("attributes.page.submit")).click());
    await page.waitForURL((at) => at.href.startsWith(redirectUrl));
    expect(await heading(page)).toBe("Welcome to the application");

    expect(await db().invitation.findUniqueOrThrow({ where: { id: sent.id } })).toMatchObject({ status: "accepted" });
    const guest = await db().guest.findUniqueOrThrow({ where: { id: sent.invitedUser.id }, include: { identities: true } });
    expect(guest).toMatchObject({ state: "active", createdVia: "invitation" });
    expect(guest.identities.map((identity) => [identity.issuer, identity.subject])).toEqual([
      ["urn:guestgate:email-otp", email.toLowerCase()],
    ]);

    // The application's next authorization: straight back with a code, no journey page on the way.
    const journeyPages: string[] = [];
    page.on("framenavigated", (frame) => {
      if (frame === page.mainFrame() && /\/(interaction|journey)\//.test(new URL(frame.url()).pathname))
        journeyPages.push(frame.url());
    });
    const signIn = await rp.begin(app, { uiLocales: locale });
    await page.goto(signIn.url);
    const { claims } = await signIn.complete(page);
    expect(claims.sub).toBe(sent.invitedUser.id);
    expect(journeyPages).toEqual([]);

    // The same link again: spent.
    await page.goto(link);
    expect(new URL(page.url()).pathname).toBe(`/${app.tenant}/invite/closed`);
    expect(await heading(page)).toBe(t("invitation.closed.redeemed.title"));
  });
});

/** Signs in on the test identity provider's own page, which sends the browser back to Guestgate. */
async function signInUpstream(page: Page, login: string): Promise<void> {
  expect(await page.locator("h1").textContent()).toBe("Sign in to the test identity provider");
  await page.getByLabel("Username").fill(login);
  await page.getByLabel("Password").fill("any password will do");
  await submitAndWait(page, () => page.getByRole("button", { name: "Sign in" }).click());
}

/** A page that may visit an upstream: Chromium asks it for a favicon, which the test IdP has not got. */
const pageVisiting = (issuer: string, acceptLanguage = "en") =>
  browser.newPage({ acceptLanguage, expectedConsoleErrors: [notFoundResource(`${new URL(issuer).origin}/favicon.ico`)] });

const PERSONAL = [
  { account: ACCOUNTS.liam, locale: "en" },
  { account: ACCOUNTS.lea, locale: "fr" },
  { account: ACCOUNTS.sanne, locale: "nl" },
  { account: ACCOUNTS.elin, locale: "sv" },
] as const;

// The application's flow is invite-only (signUpAllowed: false): an invitation still admits its invitee.
describe.each(PERSONAL)("redeeming in $locale with a Microsoft personal account", ({ account, locale }) => {
  it("the consumers directory's token with the invited address verified redeems without a passcode", async () => {
    const app = APPS.e2eInvitations;
    const t = journeyTexts(locale);
    const { sent, link } = await invite(app, account.email, locale, app.registeredRedirectUri);
    const page = await pageVisiting(inject("msaIssuer"), locale === "en" ? "fr" : "en");
    await serveRedirectTarget(page, app.registeredRedirectUri);
    const journey = journeyPage(page, t);

    await page.goto(link);
    expect(await htmlLang(page)).toBe(locale);
    await journey.chooseUpstream(t("federation.providerNames.microsoftEntra"));
    expect(new URL(page.url()).origin).toBe(new URL(inject("msaIssuer")).origin);
    await signInUpstream(page, account.login);

    // No passcode: straight to the attributes, started from what the account says.
    expect(await heading(page)).toBe(t("attributes.page.title"));
    expect(await page.locator("#givenName").inputValue()).toBe(account.given_name);
    expect(await mailbox.count(account.email)).toBe(1);
    await submitAndWait(page, () => journey.button(t("attributes.page.submit")).click());
    await page.waitForURL((at) => at.href.startsWith(app.registeredRedirectUri));

    const identities = await db().identity.findMany({ where: { tenantId: "e2e", subject: account.sub } });
    expect(identities).toEqual([
      expect.objectContaining({
        issuer: inject("msaIssuer"),
        provider: "microsoft-personal",
        guestId: sent.invitedUser.id,
      }),
    ]);
    expect(new URL(inject("msaIssuer")).pathname).toBe(`/${MICROSOFT_CONSUMER_TENANT_ID}/v2.0`);
    const signIn = await rp.begin(app, { uiLocales: locale });
    await page.goto(signIn.url);
    expect((await signIn.complete(page)).claims.sub).toBe(sent.invitedUser.id);
  });
});

describe("a forwarded invitation", () => {
  it("opened by someone signed in upstream with another address links nothing without the invited address's passcode", async () => {
    const app = APPS.e2eInvitations;
    const locale = "fr";
    const t = journeyTexts(locale);
    const invited = uniqueEmail("forwarded");
    const { sent, link } = await invite(app, invited, locale, E2E_REDIRECT_URI);
    const page = await pageVisiting(inject("idpIssuer"));
    await serveRedirectTarget(page, E2E_REDIRECT_URI);
    const journey = journeyPage(page, t);

    await page.goto(link);
    await journey.chooseUpstream("Google");
    await signInUpstream(page, ACCOUNTS.eve.login);

    // Eve's verified address is not the invited one: a code went to the invited address, not to her.
    expect(await heading(page)).toBe(t("otp.verify.title"));
    expect((await announcements(page)).join(" ")).toContain(t("invitation.proof.required"));
    const code = passcodeIn(await mailbox.next(invited));
    expect(await mailbox.count(ACCOUNTS.eve.email)).toBe(0);
    const wrong = code === "000000" ? "111111" : "000000";
    await journey.enterCode(wrong);
    expect(await heading(page)).toBe(t("otp.verify.title"));
    expect(await db().identity.count({ where: { tenantId: "e2e", subject: ACCOUNTS.eve.sub } })).toBe(0);
    expect(await db().invitation.findUniqueOrThrow({ where: { id: sent.id } })).toMatchObject({ status: "pending" });

    // The invited address's passcode (the forwarder passed it on too): now the upstream identity is linked.
    await journey.enterCode(code);
    expect(await heading(page)).toBe(t("attributes.page.title"));
    // Started from what Eve's upstream said; nothing else to ask.
    expect(await page.locator("#givenName").inputValue()).toBe(ACCOUNTS.eve.given_name);
    await submitAndWait(page, () => journey.button(t("attributes.page.submit")).click());
    await page.waitForURL((at) => at.href.startsWith(E2E_REDIRECT_URI));
    const identities = await db().identity.findMany({ where: { tenantId: "e2e", guestId: sent.invitedUser.id } });
    expect(identities.map((identity) => [identity.issuer, identity.subject])).toEqual([[inject("idpIssuer"), ACCOUNTS.eve.sub]]);
  });
});

describe("a dead invitation link", () => {
  const DEAD = [
    { reason: "expired", locale: "nl", kill: { ticketExpiresAt: new Date(Date.now() - 60_000) } },
    { reason: "revoked", locale: "en", kill: { status: "revoked", revokedAt: new Date() } },
    { reason: "unknown", locale: "nl", kill: undefined },
  ] as const;

  it.each(DEAD)("$reason: the page in the person's language says so and what to do", async ({ reason, locale, kill }) => {
    const app = APPS.woodgrove;
    const t = journeyTexts(locale);
    const { sent, link } = await invite(app, uniqueEmail(`dead-${reason}`), "en", DEMO_REDIRECT_URI);
    // What the service's revoke and the clock do, written as the store writes them.
    if (kill) await db().invitation.update({ where: { id: sent.id }, data: kill });
    // A tampered ticket: one character changed.
    const opened = kill ? link : `${link.slice(0, -1)}${link.endsWith("A") ? "B" : "A"}`;
    const page = await browser.newPage({ acceptLanguage: locale });
    await page.goto(opened);
    expect(new URL(page.url()).pathname).toBe(`/${app.tenant}/invite/closed`);
    expect(await htmlLang(page)).toBe(locale);
    expect(await heading(page)).toBe(t(`invitation.closed.${reason}.title`));
    expect(await page.locator("main").textContent()).toContain(t(`invitation.closed.${reason}.body`));
  });

  it("revoked while the person fills in the attributes: the redemption closes and nothing is linked", async () => {
    const app = APPS.woodgrove;
    const locale = "nl";
    const t = journeyTexts(locale, flowOverrides(app.flowFile, "signup-signin", locale));
    const email = uniqueEmail("revoked-midway");
    const { sent, link } = await invite(app, email, locale, DEMO_REDIRECT_URI);
    const page = await browser.newPage({ acceptLanguage: locale });
    await page.goto(link);
    await redeemByPasscode(page, t, email);
    expect(await heading(page)).toBe(t("attributes.page.title"));
    await db().invitation.update({ where: { id: sent.id }, data: { status: "revoked", revokedAt: new Date() } });
    await journeyPage(page, t).fillAttributes(CASES[1]!.typed);
    await submitAndWait(page, () => journeyPage(page, t).button(t("attributes.page.submit")).click());
    expect(await heading(page)).toBe(t("invitation.closed.revoked.title"));
    expect(await db().identity.count({ where: { guestId: sent.invitedUser.id } })).toBe(0);
    expect(await db().guest.findUniqueOrThrow({ where: { id: sent.invitedUser.id } })).toMatchObject({
      state: "pendingAcceptance",
    });
  });
});

describe("two redemptions of one invitation at once", () => {
  it("link one identity: one browser reaches the application, the other is told the invitation was accepted", async () => {
    const app = APPS.sparbanken;
    const locale = "sv";
    const t = journeyTexts(locale, flowOverrides(app.flowFile, "signup-signin", locale));
    const email = uniqueEmail("parallel");
    const { sent, link } = await invite(app, email, locale, DEMO_REDIRECT_URI);
    const pages = [await browser.newPage({ acceptLanguage: locale }), await browser.newPage({ acceptLanguage: locale })];
    for (const page of pages) {
      await serveRedirectTarget(page, DEMO_REDIRECT_URI);
      await page.goto(link);
      await redeemByPasscode(page, t, email);
      expect(await heading(page)).toBe(t("attributes.page.title"));
      await journeyPage(page, t).fillAttributes(CASES[2]!.typed);
    }
    await Promise.all(
      pages.map((page) => submitAndWait(page, () => journeyPage(page, t).button(t("attributes.page.submit")).click())),
    );
    // Each browser ends on one page: the application (the winner) or the redemption's closed page.
    const landed = await Promise.all(pages.map((page) => heading(page)));
    expect(landed.sort()).toEqual(["Welcome to the application", t("invitation.closed.redeemed.title")].sort());
    expect(await db().identity.count({ where: { guestId: sent.invitedUser.id } })).toBe(1);
    const redeemed = await db().auditEvent.count({
      where: { tenantId: app.tenant, type: "invitation.redeemed", targetId: sent.id },
    });
    expect(redeemed).toBe(1);
  });
});

describe("an invite-only tenant (self-service sign-up off in the admin portal's settings)", () => {
  const app = APPS.woodgrove;
  beforeAll(async () => {
    await db().tenantSettings.upsert({
      where: { tenantId: app.tenant },
      create: { tenantId: app.tenant, selfServiceSignUp: false },
      update: { selfServiceSignUp: false },
    });
  });
  afterAll(async () => {
    await db().tenantSettings.update({ where: { tenantId: app.tenant }, data: { selfServiceSignUp: null } });
  });

  it("turns an uninvited person away with a page that says guests come by invitation, and the application gets access_denied", async () => {
    const locale = "nl";
    const t = journeyTexts(locale, flowOverrides(app.flowFile, "signup-signin", locale));
    const email = uniqueEmail("uninvited");
    const signIn = await rp.begin(app, { uiLocales: locale });
    const page = await browser.newPage({ acceptLanguage: locale });
    const journey = journeyPage(page, t);
    await page.goto(signIn.url);
    await journey.requestCode(email);
    await journey.enterCode(passcodeIn(await mailbox.next(email)));

    const values = { tenant: tenantConfig(app.tenant).displayName };
    expect(await heading(page)).toBe(t("journey.signUpClosed.title", values));
    expect(await page.locator("main").textContent()).toContain(t("journey.signUpClosed.body", values));
    await submitAndWait(page, () => journey.button(t("journey.cancel")).click());
    const { error, callback } = await signIn.refused(page);
    expect(error).toBe("access_denied");
    expect(callback.searchParams.get("error_description")).toBe(INVITATION_ONLY_DESCRIPTION);
    expect(await db().guest.count({ where: { tenantId: app.tenant, email: email.toLowerCase() } })).toBe(0);
  });

  it("still lets an invited person in: the invitation redeems, and the application signs them in", async () => {
    const locale = "en";
    const t = journeyTexts(locale, flowOverrides(app.flowFile, "signup-signin", locale));
    const email = uniqueEmail("invited-only");
    const { sent, link } = await invite(app, email, locale, DEMO_REDIRECT_URI);
    const page = await browser.newPage({ acceptLanguage: locale });
    await serveRedirectTarget(page, DEMO_REDIRECT_URI);
    await page.goto(link);
    await redeemByPasscode(page, t, email);
    await journeyPage(page, t).fillAttributes(CASES[0]!.typed);
    await submitAndWait(page, () => journeyPage(page, t).button(t("attributes.page.submit")).click());
    await page.waitForURL((at) => at.href.startsWith(DEMO_REDIRECT_URI));
    const signIn = await rp.begin(app, { uiLocales: locale });
    await page.goto(signIn.url);
    expect((await signIn.complete(page)).claims.sub).toBe(sent.invitedUser.id);
  });
});

describe("an invite-only flow (signUpAllowed: false) in a tenant that takes sign-ups", () => {
  it("turns an uninvited person away with access_denied, while invitees of the same application get in (above)", async () => {
    const app = APPS.e2eInvitations;
    const locale = "en";
    const t = journeyTexts(locale);
    const email = uniqueEmail("uninvited-flow");
    const signIn = await rp.begin(app, { uiLocales: locale });
    const page = await browser.newPage({ acceptLanguage: locale });
    const journey = journeyPage(page, t);
    await page.goto(signIn.url);
    await journey.chooseEmail();
    await journey.requestCode(email);
    await journey.enterCode(passcodeIn(await mailbox.next(email)));

    expect(await heading(page)).toBe(t("journey.signUpClosed.title", { tenant: tenantConfig(app.tenant).displayName }));
    await submitAndWait(page, () => journey.button(t("journey.cancel")).click());
    const { error, callback } = await signIn.refused(page);
    expect(error).toBe("access_denied");
    expect(callback.searchParams.get("error_description")).toBe(INVITATION_ONLY_DESCRIPTION);
    expect(await db().guest.count({ where: { tenantId: app.tenant, email: email.toLowerCase() } })).toBe(0);
  });
});
