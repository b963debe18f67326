// A guest who signed up comes back: in a new browser session (no single sign-on session left),
// the passcode alone signs them in, straight back to the application with their details; and when
// the user flow has since gained a required attribute, they are asked for that one only.
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { Page } from "playwright-core";
import { describe, expect, inject, it } from "vitest";
import { afterConfigCaches, APPS, guestgateCli, type TestApplication } from "../support/applications";
import { withBrowser } from "../support/browser";
import { withDatabase } from "../support/database";
import { expectStep, firstStepTitle, journeyPage, journeyTexts, uniqueEmail, type Translate } from "../support/journey";
import { Mailbox, passcodeIn } from "../support/mailbox";
import { withRelyingParty, type PendingSignIn } from "../support/relying-party";

const browser = withBrowser();
const rp = withRelyingParty();
const db = withDatabase();
const mailbox = new Mailbox();

/**
 * From the application's request through the passcode, in a fresh browser session; the page is
 * wherever the code led (the attribute form, or already back at the application).
 */
async function throughPasscode(
  app: TestApplication,
  locale: string,
  email: string,
  t: Translate,
): Promise<{ page: Page; signIn: PendingSignIn }> {
  const signIn = await rp.begin(app, { uiLocales: locale });
  const page = await browser.newPage();
  const journey = journeyPage(page, t);
  await page.goto(signIn.url);
  await expectStep(page, { tenant: app.tenant, locale, title: firstStepTitle(app, t), axe: false });
  await journey.chooseEmail();
  await journey.requestCode(email);
  await journey.enterCode(passcodeIn(await mailbox.next(email)));
  return { page, signIn };
}

describe("a returning guest", () => {
  it("signs in again with a passcode and goes straight back to the application, without the attribute page", async () => {
    const app = APPS.woodgrove;
    const locale = "en";
    const t = journeyTexts(locale, { "attributes.page.title": "Welcome to Woodgrove" });
    const email = uniqueEmail("returning");

    const first = await throughPasscode(app, locale, email, t);
    await expectStep(first.page, { tenant: app.tenant, locale, title: t("attributes.page.title"), axe: false });
    await journeyPage(first.page, t).fillAttributes({
      displayName: "Rosa Parks",
      givenName: "Rosa",
      surname: "Parks",
      country: "US",
    });
    await journeyPage(first.page, t).submitAttributes();
    const signedUp = await first.signIn.complete(first.page);

    const second = await throughPasscode(app, locale, email, t);
    // The document the code led to is the application's redirect_uri: no attribute page came first.
    expect(second.page.url().startsWith(`${second.signIn.redirectUri}?`), `at ${second.page.url()}`).toBe(true);
    const { claims } = await second.signIn.complete(second.page);
    expect(claims.sub).toBe(signedUp.claims.sub);
    expect(claims).toMatchObject({ name: "Rosa Parks", given_name: "Rosa", family_name: "Parks", country: "US", email });
    expect(claims.auth_time).toBeGreaterThanOrEqual(signedUp.claims.auth_time as number);

    expect(await db().guest.count({ where: { tenantId: app.tenant, email } })).toBe(1);
    const identity = await db().identity.findFirstOrThrow({ where: { tenantId: app.tenant, subject: email } });
    expect(identity.lastSignInAt).not.toBeNull();
  });

  it("is asked only for the required attribute the flow gained since they signed up", async () => {
    const app = APPS.e2eProgressive;
    const locale = "fr";
    const t = journeyTexts(locale);
    const email = uniqueEmail("progressive");

    const first = await throughPasscode(app, locale, email, t);
    await expectStep(first.page, { tenant: app.tenant, locale, title: t("attributes.page.title"), axe: false });
    expect(await journeyPage(first.page, t).attributeFields()).toEqual(["givenName", "surname"]);
    await journeyPage(first.page, t).fillAttributes({ givenName: "Camille", surname: "Claudel" });
    await journeyPage(first.page, t).submitAttributes();
    const signedUp = await first.signIn.complete(first.page);
    expect(signedUp.claims).not.toHaveProperty("jobTitle");

    // The operator imports the flows file again, the flow of this application now requiring a job title.
    const original = await readFile(app.flowFile, "utf8");
    const grown = JSON.parse(original) as { userFlows: { name: string; attributes: unknown[]; tokenClaims: string[] }[] };
    const flow = grown.userFlows.find((f) => f.name === "progressive")!;
    flow.attributes.push({ name: "jobTitle", required: true });
    flow.tokenClaims.push("jobTitle");
    const tmp = await mkdtemp(path.join(os.tmpdir(), "guestgate-e2e-flows-"));
    const env = { ...process.env, ...inject("cliEnv") };
    try {
      await writeFile(path.join(tmp, "e2e.json"), JSON.stringify(grown, null, 2));
      expect(
        await guestgateCli(["userflows", "import", `--tenant=${app.tenant}`, `--file=${path.join(tmp, "e2e.json")}`], env),
      ).toMatch(/progressive\s+updated/);
      await afterConfigCaches();

      const second = await throughPasscode(app, locale, email, t);
      await expectStep(second.page, { tenant: app.tenant, locale, title: t("attributes.page.title") });
      expect(await journeyPage(second.page, t).attributeFields()).toEqual(["jobTitle"]);
      await journeyPage(second.page, t).fillAttributes({ jobTitle: "Sculptrice" });
      await journeyPage(second.page, t).submitAttributes();
      const { claims } = await second.signIn.complete(second.page);
      expect(claims).toMatchObject({
        sub: signedUp.claims.sub,
        given_name: "Camille",
        family_name: "Claudel",
        jobTitle: "Sculptrice",
      });
      expect(await db().guest.count({ where: { tenantId: app.tenant, email } })).toBe(1);
    } finally {
      await guestgateCli(["userflows", "import", `--tenant=${app.tenant}`, `--file=${app.flowFile}`], env);
      await afterConfigCaches();
      await rm(tmp, { recursive: true, force: true });
    }
  });
});
