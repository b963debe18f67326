// Terms acceptance in the browser, against the built server: the e2e tenant's "progressive" flow
// is given terms (a flows-file import); sign-up refuses to go on until the box is ticked, the
// application then gets the accepted version as the terms_version claim, and after a new version
// the returning guest is shown the terms alone before being signed in again.
import { afterAll, describe, expect, it } from "vitest";
import { APPS } from "../support/applications";
import { withBrowser } from "../support/browser";
import { withDatabase } from "../support/database";
import { importFlowChange } from "../support/flow-import";
import { expectStep, journeyPage, journeyTexts, uniqueEmail } from "../support/journey";
import { Mailbox, passcodeIn } from "../support/mailbox";
import { withRelyingParty } from "../support/relying-party";

const browser = withBrowser();
const rp = withRelyingParty();
const db = withDatabase();
const mailbox = new Mailbox();
const app = APPS.e2eProgressive;
const TERMS = { en: "https://atelier.example/terms", sv: "https://atelier.example/villkor" };
const PRIVACY = { en: "https://atelier.example/privacy" };

/** Imports the e2e flows file with the "progressive" flow's terms at `version` (none when absent). */
const importTerms = (version?: string) =>
  importFlowChange(app, "progressive", (flow) => {
    if (version) flow.termsAcceptance = { version, termsUrl: TERMS, privacyUrl: PRIVACY };
  });

describe("a flow with terms", () => {
  afterAll(() => importTerms());

  it("in sv: the box is required on sign-up, the version is a claim, and a new version is asked for alone", async () => {
    await importTerms("2026-12");
    const locale = "sv";
    const t = journeyTexts(locale);
    const email = uniqueEmail("terms");

    const signUp = await rp.begin(app, { uiLocales: locale });
    const page = await browser.newPage({ acceptLanguage: locale });
    const journey = journeyPage(page, t);
    await page.goto(signUp.url);
    await journey.chooseEmail();
    await journey.requestCode(email);
    await journey.enterCode(passcodeIn(await mailbox.next(email)));
    // The documents in the page's language, else the tenant's default, else the one given.
    expect(await page.getByRole("link", { name: t("journey.terms.termsLink") }).getAttribute("href")).toBe(TERMS.sv);
    expect(await page.getByRole("link", { name: t("journey.terms.privacyLink") }).getAttribute("href")).toBe(PRIVACY.en);
    await journey.fillAttributes({ givenName: "Selma", surname: "Lagerlöf" });
    // The journey's forms leave the checks to the server (novalidate): an unticked box comes back with its error.
    await journey.submitAttributes();
    await expectStep(page, { tenant: app.tenant, locale, title: t("attributes.page.title"), axe: true });
    expect(await page.locator("main").textContent()).toContain(t("journey.terms.required"));
    expect(await page.getByLabel(t("journey.terms.accept")).getAttribute("aria-invalid")).toBe("true");
    await journey.fillAttributes({ givenName: "Selma", surname: "Lagerlöf" });
    await page.getByLabel(t("journey.terms.accept")).check();
    await journey.submitAttributes();
    const first = await signUp.complete(page);
    expect(first.claims).toMatchObject({ email, terms_version: "2026-12" });

    await importTerms("2027-01");
    const back = await rp.begin(app, { uiLocales: locale });
    const again = await browser.newPage({ acceptLanguage: locale });
    await again.goto(back.url);
    await journeyPage(again, t).chooseEmail();
    await journeyPage(again, t).requestCode(email);
    await journeyPage(again, t).enterCode(passcodeIn(await mailbox.next(email)));
    await expectStep(again, { tenant: app.tenant, locale, title: t("attributes.page.title"), axe: true });
    expect(await journeyPage(again, t).attributeFields()).toEqual(["acceptTerms"]);
    expect(await again.locator("main").textContent()).toContain(t("journey.terms.updated", { tenant: "Atelier Bout-en-Bout" }));
    await again.getByLabel(t("journey.terms.accept")).check();
    await journeyPage(again, t).submitAttributes();
    const second = await back.complete(again);
    expect(second.claims).toMatchObject({ sub: first.claims.sub, terms_version: "2027-01" });
    const guest = await db().guest.findFirstOrThrow({ where: { tenantId: app.tenant, email } });
    expect(guest.termsVersion).toBe("2027-01");
  }, 120_000);
});
