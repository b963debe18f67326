// Signing up through GitHub and Facebook in the browser: Auth.js's real GitHub and Facebook
// providers, pointed by GUESTGATE_TEST_GITHUB_ORIGIN / GUESTGATE_TEST_FACEBOOK_ORIGIN at local
// imitations of GitHub's OAuth app and REST API and of Facebook Login and the Graph API
// (tests/mocks/social), whose login pages the person uses. The guest is keyed by the upstream's user
// id; the e-mail counts as verified only where the upstream vouches for it: GitHub's primary address
// when GitHub marks it verified, Facebook never.
import type { Page } from "playwright-core";
import { describe, expect, inject, it } from "vitest";
// The fixed issuers Guestgate keys these identities by (normalise.ts), stated here independently.
const GITHUB_ISSUER = "https://github.com";
const FACEBOOK_ISSUER = "https://www.facebook.com";
import { APPS } from "../support/applications";
import { withBrowser } from "../support/browser";
import { withDatabase } from "../support/database";
import { announcements, expectStep, journeyPage, journeyTexts, submitAndWait } from "../support/journey";
import { withRelyingParty } from "../support/relying-party";
import { E2E_TENANT, FACEBOOK_ACCOUNTS, GITHUB_ACCOUNTS } from "../support/upstream";

const browser = withBrowser();
const rp = withRelyingParty();
const db = withDatabase();
const app = APPS.e2e;

/** Signs in on the imitation's own page, which sends the browser back to Guestgate. */
async function signInUpstream(page: Page, brand: string, login: string): Promise<void> {
  expect(await page.locator("h1").textContent()).toBe(`Sign in to ${brand}`);
  await page.getByLabel("Username").fill(login);
  await page.getByLabel("Password").fill("any password will do");
  await submitAndWait(page, () => page.getByRole("button", { name: "Sign in" }).click());
}

const CASES = [
  {
    provider: "github",
    brand: "GitHub",
    origin: () => inject("githubOrigin"),
    issuer: GITHUB_ISSUER,
    login: GITHUB_ACCOUNTS.linus.login,
    subject: String(GITHUB_ACCOUNTS.linus.id),
    name: GITHUB_ACCOUNTS.linus.name,
    // the primary address, not the older one; GitHub verified it
    email: "linus.example@kernel.example",
    emailVerified: true,
    locale: "en",
  },
  {
    provider: "github",
    brand: "GitHub",
    origin: () => inject("githubOrigin"),
    issuer: GITHUB_ISSUER,
    login: GITHUB_ACCOUNTS.margaret.login,
    subject: String(GITHUB_ACCOUNTS.margaret.id),
    name: GITHUB_ACCOUNTS.margaret.name,
    // public and primary, but GitHub has not verified it: not a verified e-mail here either
    email: "margaret@apollo.example",
    emailVerified: false,
    locale: "fr",
  },
  {
    provider: "facebook",
    brand: "Facebook",
    origin: () => inject("facebookOrigin"),
    issuer: FACEBOOK_ISSUER,
    login: FACEBOOK_ACCOUNTS.hedy.login,
    subject: FACEBOOK_ACCOUNTS.hedy.id,
    name: FACEBOOK_ACCOUNTS.hedy.name,
    // the Graph API gives no verification flag
    email: FACEBOOK_ACCOUNTS.hedy.email,
    emailVerified: false,
    locale: "en",
  },
] as const;

describe.each(CASES)("signing up with $brand as $login", (c) => {
  it(`goes to ${c.brand}'s login page and back, and keys the guest by ${c.brand}'s user id`, async () => {
    const t = journeyTexts(c.locale);
    const signIn = await rp.begin(app, { uiLocales: c.locale });
    const page = await browser.newPage();
    const journey = journeyPage(page, t);

    await page.goto(signIn.url);
    const journeyId = await expectStep(page, { tenant: E2E_TENANT, locale: c.locale, title: t("journey.chooseProvider.title") });
    await journey.chooseUpstream(c.brand);
    expect(new URL(page.url()).origin, "the browser is at the imitation").toBe(c.origin());

    await signInUpstream(page, c.brand, c.login);
    expect(await expectStep(page, { tenant: E2E_TENANT, locale: c.locale, title: t("attributes.page.title") })).toBe(journeyId);
    expect(await page.locator("#displayName").inputValue(), "pre-filled from the upstream's profile").toBe(c.name);
    await journey.fillAttributes({ givenName: "Given", surname: "Family", country: "BE", workshop: "pottery" });
    await journey.submitAttributes();

    const { claims } = await signIn.complete(page);
    expect(claims).toMatchObject({ name: c.name, country: "BE" });
    const identities = await db().identity.findMany({ where: { tenantId: E2E_TENANT, subject: c.subject } });
    expect(identities).toEqual([
      expect.objectContaining({
        issuer: c.issuer,
        subject: c.subject,
        provider: c.provider,
        guestId: claims.sub,
        email: c.email,
        emailVerified: c.emailVerified,
      }),
    ]);
    const guest = await db().guest.findUniqueOrThrow({ where: { id: claims.sub! } });
    expect(guest).toMatchObject({
      tenantId: E2E_TENANT,
      createdVia: "selfServiceSignUp",
      email: c.email,
      emailVerified: c.emailVerified,
    });
  });
});

describe("a copy of the upstream's result cookie", () => {
  it("signs nobody in when presented again to another journey of the same browser (single-use on the server)", async () => {
    const locale = "en";
    const t = journeyTexts(locale);
    const page = await browser.newPage();
    const journey = journeyPage(page, t);
    const account = GITHUB_ACCOUNTS.ken;
    const resultCookie = `guestgate.${E2E_TENANT}.federation.result`;

    // First journey: through GitHub and back; the result cookie the browser brings back is copied.
    const first = await rp.begin(app, { uiLocales: locale });
    await page.goto(first.url);
    await expectStep(page, { tenant: E2E_TENANT, locale, title: t("journey.chooseProvider.title"), axe: false });
    await journey.chooseUpstream("GitHub");
    const returning = page.waitForRequest((request) => new URL(request.url()).pathname.endsWith("/federated"));
    await signInUpstream(page, "GitHub", account.login);
    const cookieHeader = (await (await returning).allHeaders()).cookie ?? "";
    const copied = new RegExp(`(?:^|; )${resultCookie.replaceAll(".", "\\.")}=([^;]+)`).exec(cookieHeader)?.[1];
    expect(copied, "the browser carried the result back").toBeTruthy();
    await expectStep(page, { tenant: E2E_TENANT, locale, title: t("attributes.page.title"), axe: false });

    // Second journey, leaving for GitHub too; instead of signing in there, the copy is put back.
    const second = await rp.begin(app, { uiLocales: locale });
    await page.goto(second.url);
    const secondId = await expectStep(page, { tenant: E2E_TENANT, locale, title: t("journey.chooseProvider.title"), axe: false });
    await journey.chooseUpstream("GitHub");
    expect(new URL(page.url()).origin).toBe(inject("githubOrigin"));
    const base = inject("baseURL");
    await page
      .context()
      .addCookies([
        { name: resultCookie, value: decodeURIComponent(copied!), url: `${base}/${E2E_TENANT}`, httpOnly: true, sameSite: "Lax" },
      ]);
    await page.goto(`${base}/${E2E_TENANT}/journey/${secondId}/federated`);

    // Back at the choice with the localized upstream error; no identity was linked to either journey.
    expect(await expectStep(page, { tenant: E2E_TENANT, locale, title: t("journey.chooseProvider.title") })).toBe(secondId);
    expect(await announcements(page)).toEqual([t("journey.errors.upstream.upstreamError")]);
    expect(await db().identity.count({ where: { tenantId: E2E_TENANT, subject: String(account.id) } })).toBe(0);
  });
});
