// Signing up through an upstream identity provider: the real Auth.js providers (google, the generic
// OpenID kind, Microsoft Entra ID) pointed at local OpenID providers, whose login page the person
// uses in the browser. The guest is keyed by the upstream's issuer and subject, the form starts
// from the name the upstream gave, and a cancelled login brings the person back to the choice.
import type { Page } from "playwright-core";
import { describe, expect, inject, it } from "vitest";
import { APPS } from "../support/applications";
import { notFoundResource, withBrowser } from "../support/browser";
import { withDatabase } from "../support/database";
import { announcements, expectStep, journeyIdOf, journeyPage, journeyTexts, submitAndWait } from "../support/journey";
import { withRelyingParty } from "../support/relying-party";
import { ACCOUNTS, E2E_TENANT, UPSTREAMS } from "../support/upstream";

const browser = withBrowser();
const rp = withRelyingParty();
const db = withDatabase();
const app = APPS.e2e;

/** A page that may visit the upstream at issuer: Chromium asks it for a favicon, which the test IdP has not got. */
const pageVisiting = (issuer: string) =>
  browser.newPage({ expectedConsoleErrors: [notFoundResource(`${new URL(issuer).origin}/favicon.ico`)] });

/** Signs in on the test identity provider's own page, which sends the browser back to Guestgate. */
async function signInUpstream(page: Page, login: string): Promise<void> {
  expect(await page.locator("h1").textContent()).toBe("Sign in to the test identity provider");
  await page.getByLabel("Username").fill(login);
  await page.getByLabel("Password").fill("any password will do");
  await submitAndWait(page, () => page.getByRole("button", { name: "Sign in" }).click());
}

const CASES = [
  { provider: "google", button: "Google", account: ACCOUNTS.ada, locale: "en", issuer: () => inject("idpIssuer") },
  { provider: "partner-sso", button: "Partenaire SSO", account: ACCOUNTS.grace, locale: "fr", issuer: () => inject("idpIssuer") },
  // The imitation of Entra's multi-tenant endpoint: ID tokens come from the directory's own issuer.
  { provider: "entra", button: "Microsoft", account: ACCOUNTS.megan, locale: "en", issuer: () => inject("entraIssuer") },
] as const satisfies readonly { provider: keyof typeof UPSTREAMS; [key: string]: unknown }[];

describe.each(CASES)("signing up with the $provider provider", ({ provider, button, account, locale, issuer }) => {
  it(`goes to the upstream's login page and back, starts the form from the upstream's name, and keys the guest by (issuer, subject)`, async () => {
    const t = journeyTexts(locale);
    const signIn = await rp.begin(app, { uiLocales: locale });
    const page = await pageVisiting(issuer());
    const journey = journeyPage(page, t);

    await page.goto(signIn.url);
    const journeyId = await expectStep(page, { tenant: E2E_TENANT, locale, title: t("journey.chooseProvider.title") });
    await journey.chooseUpstream(button);
    expect(new URL(page.url()).origin).toBe(new URL(issuer()).origin);

    await signInUpstream(page, account.login);
    expect(await expectStep(page, { tenant: E2E_TENANT, locale, title: t("attributes.page.title") })).toBe(journeyId);
    // Pre-filled from the upstream's ID token, and still the person's to change.
    expect(await page.locator("#displayName").inputValue()).toBe(account.name);
    expect(await page.locator("#givenName").inputValue()).toBe(account.given_name);
    expect(await page.locator("#surname").inputValue()).toBe(account.family_name);
    // the upstream said no country: the flow's default (FR) is offered
    expect(await page.locator("#country").inputValue()).toBe("FR");
    await journey.fillAttributes({ country: "BE", workshop: "pottery" });
    await journey.submitAttributes();

    const { claims, userinfo } = await signIn.complete(page);
    const expected = {
      name: account.name,
      given_name: account.given_name,
      family_name: account.family_name,
      country: "BE",
      extension_workshop: "pottery",
    };
    expect(claims).toMatchObject(expected);
    expect(userinfo).toMatchObject({ sub: claims.sub, ...expected });

    const identities = await db().identity.findMany({ where: { tenantId: E2E_TENANT, subject: account.sub } });
    expect(identities).toEqual([
      expect.objectContaining({ issuer: issuer(), subject: account.sub, provider, guestId: claims.sub }),
    ]);
    const guest = await db().guest.findUniqueOrThrow({ where: { id: claims.sub! } });
    expect(guest).toMatchObject({
      tenantId: E2E_TENANT,
      userType: "Guest",
      createdVia: "selfServiceSignUp",
      displayName: account.name,
    });
  });
});

describe("cancelling on the upstream's login page", () => {
  it("brings the person back to the choice of the same journey, saying it was cancelled, with no guest created", async () => {
    const locale = "fr";
    const t = journeyTexts(locale);
    const signIn = await rp.begin(app, { uiLocales: locale });
    const page = await pageVisiting(inject("idpIssuer"));
    const journey = journeyPage(page, t);
    const before = await db().identity.count({ where: { tenantId: E2E_TENANT } });

    await page.goto(signIn.url);
    const journeyId = await expectStep(page, {
      tenant: E2E_TENANT,
      locale,
      title: t("journey.chooseProvider.title"),
      axe: false,
    });
    await journey.chooseUpstream("Google");
    expect(new URL(page.url()).origin).toBe(new URL(inject("idpIssuer")).origin);
    await submitAndWait(page, () => page.getByRole("link", { name: "Cancel" }).click());

    expect(await expectStep(page, { tenant: E2E_TENANT, locale, title: t("journey.chooseProvider.title") })).toBe(journeyId);
    expect(await announcements(page)).toEqual([t("journey.errors.upstream.cancelled")]);
    expect(await db().identity.count({ where: { tenantId: E2E_TENANT } })).toBe(before);

    // The choice works again: this time with an e-mail code.
    await journey.chooseEmail();
    expect(journeyIdOf(page, E2E_TENANT)).toBe(journeyId);
    await expectStep(page, { tenant: E2E_TENANT, locale, title: t("otp.request.title"), axe: false });
  });
});
