// The admin overview against `next start`: real sign-ups through the application (one finished,
// one left after the passcode) move the funnel's table by exactly those journeys; the charts are
// images with an accessible name; a Guest Inviter reads it; axe-clean, without JavaScript, in two
// languages.
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { APPS } from "../support/applications";
import { signInAsAdministrator } from "../support/admin";
import { expectNoAxeViolations } from "../support/axe";
import { htmlLang, withBrowser } from "../support/browser";
import { withDatabase } from "../support/database";
import { expectStep, firstStepTitle, journeyPage, journeyTexts, uniqueEmail } from "../support/journey";
import { Mailbox, passcodeIn } from "../support/mailbox";
import { withRelyingParty } from "../support/relying-party";
import { baseURL, message } from "../support/site";

const browser = withBrowser();
const rp = withRelyingParty();
const db = withDatabase();
const mailbox = new Mailbox();
const STEPS = ["started", "identityProven", "attributesSubmitted", "guestCreated"] as const;

async function funnelTable(page: Page) {
  await page.goto("/woodgrove/admin");
  const cells = { started: 0, identityProven: 0, attributesSubmitted: 0, guestCreated: 0 };
  for (const step of STEPS) {
    const text = await page.locator(`#funnel-table tr[data-step="${step}"] td`).first().textContent();
    cells[step] = Number((text ?? "").replace(/\D/g, ""));
  }
  const inProgress = await page
    .locator('#drop-out-table tr[data-after="identityProven"] td[data-reason="inProgress"]')
    .textContent();
  return { ...cells, inProgress: Number((inProgress ?? "").replace(/\D/g, "")) };
}

/** Through the passcode for a new address; the page is then the attribute form. */
async function signUpUntilAttributes(locale: string, email: string) {
  const app = APPS.woodgrove;
  const t = journeyTexts(locale, { "attributes.page.title": "Welcome to Woodgrove" });
  const signIn = await rp.begin(app, { uiLocales: locale });
  const page = await browser.newPage();
  const journey = journeyPage(page, t);
  await page.goto(signIn.url);
  await expectStep(page, { tenant: app.tenant, locale, title: firstStepTitle(app, t), axe: false });
  await journey.chooseEmail();
  await journey.requestCode(email);
  await journey.enterCode(passcodeIn(await mailbox.next(email)));
  return { page, journey, signIn };
}

describe("the admin overview", () => {
  it("counts a finished sign-up and one abandoned after the passcode, step by step", async () => {
    const admin = await browser.newPage({ acceptLanguage: "en" });
    await signInAsAdministrator(admin.context(), db(), baseURL(), "woodgrove", "globalAdministrator");
    const before = await funnelTable(admin);

    const finished = await signUpUntilAttributes("en", uniqueEmail("funnel-done"));
    await finished.journey.fillAttributes({ displayName: "Jan de Vries", givenName: "Jan", surname: "de Vries", country: "NL" });
    await finished.journey.submitAttributes();
    await finished.signIn.complete(finished.page);
    await signUpUntilAttributes("en", uniqueEmail("funnel-left"));

    const after = await funnelTable(admin);
    expect({
      started: after.started - before.started,
      identityProven: after.identityProven - before.identityProven,
      attributesSubmitted: after.attributesSubmitted - before.attributesSubmitted,
      guestCreated: after.guestCreated - before.guestCreated,
      inProgress: after.inProgress - before.inProgress,
    }).toEqual({ started: 2, identityProven: 2, attributesSubmitted: 1, guestCreated: 1, inProgress: 1 });

    // axe needs scripts in the page; the JavaScript-off runs below check the same page renders without them.
    await expectNoAxeViolations(admin);
    const chart = admin.getByRole("img", { name: /^Sign-up funnel from/ });
    await expect.poll(() => chart.count()).toBe(1);
    expect(await admin.getByRole("img").count()).toBeGreaterThanOrEqual(5);
    const english = await admin.locator('#by-locale-table tr[data-key="en"] td[data-step="started"]').textContent();
    expect(Number(english)).toBeGreaterThanOrEqual(2);
  });

  it.each(["en", "nl"] as const)("a Guest Inviter reads it without JavaScript, in %s", async (locale) => {
    const page = await browser.newPage({ acceptLanguage: locale, javaScript: false });
    await signInAsAdministrator(page.context(), db(), baseURL(), "woodgrove", "guestInviter");
    const response = await page.goto("/woodgrove/admin");
    expect(response?.status()).toBe(200);
    expect(await htmlLang(page)).toBe(locale);
    expect(await page.locator("h1").textContent()).toBe(message(locale, "admin.overview.title"));
    expect(Number((await page.locator("#guests-total").textContent())!.replace(/\D/g, ""))).toBeGreaterThanOrEqual(0);
  });

  it("a period that is no period says so, in the title and next to the fields", async () => {
    const page = await browser.newPage({ acceptLanguage: "en", javaScript: false });
    await signInAsAdministrator(page.context(), db(), baseURL(), "woodgrove", "globalAdministrator");
    await page.goto("/woodgrove/admin?from=2026-05-10&to=2026-05-01");
    expect(await page.title()).toMatch(/^Error: /);
    expect(await page.getByRole("alert").textContent()).toContain("end not before the start");
  });
});
