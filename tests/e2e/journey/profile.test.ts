// The second journey kind in the browser: a guest signs up through an application (passcode from
// real SMTP), opens their account page at Guestgate, changes a detail in the profile journey, is
// sent back to the account page, and the change is what the server stored — audited as the guest.
import { describe, expect, it } from "vitest";
import { APPS } from "../support/applications";
import { htmlLang, withBrowser } from "../support/browser";
import { withDatabase } from "../support/database";
import { expectStep, heading, journeyPage, journeyTexts, submitAndWait, uniqueEmail } from "../support/journey";
import { Mailbox, passcodeIn } from "../support/mailbox";
import { withRelyingParty } from "../support/relying-party";
import { url } from "../support/site";

const browser = withBrowser();
const rp = withRelyingParty();
const db = withDatabase();
const mailbox = new Mailbox();

describe("the profile journey", () => {
  it("lets a signed-up guest change a detail from their account page, and returns there with it saved", async () => {
    const app = APPS.woodgrove;
    const locale = "nl";
    const t = journeyTexts(locale, { "attributes.page.title": "Welkom bij Woodgrove" });
    const email = uniqueEmail("profile");
    const signIn = await rp.begin(app, { uiLocales: locale });
    const page = await browser.newPage({ acceptLanguage: "nl" });
    const journey = journeyPage(page, t);
    await page.goto(signIn.url);
    await journey.chooseEmail();
    await journey.requestCode(email);
    await journey.enterCode(passcodeIn(await mailbox.next(email)));
    await journey.fillAttributes({ displayName: "Fleur de Wit", givenName: "Fleur", surname: "de Wit", country: "NL" });
    await journey.submitAttributes();
    await signIn.complete(page);
    const guest = await db().guest.findFirstOrThrow({ where: { tenantId: app.tenant, email } });

    // The tenant's home page links to the account page, which shows what is stored.
    await page.goto(url(`/${app.tenant}`));
    await submitAndWait(page, () => page.getByRole("link", { name: t("tenantHome.accountLink"), exact: true }).click());
    expect(new URL(page.url()).pathname).toBe(`/${app.tenant}/account`);
    expect(await heading(page)).toBe(t("account.title", { tenant: "Woodgrove Groceries" }));
    await expect.poll(() => page.locator("main dd").allTextContents()).toContain("de Wit");

    await submitAndWait(page, () => page.getByRole("link", { name: t("account.edit"), exact: true }).click());
    await expectStep(page, { tenant: app.tenant, locale, title: t("account.profile.title") });
    expect(await page.locator('main input[name="surname"]').inputValue()).toBe("de Wit");
    await journey.fillAttributes({ surname: "Jansen", displayName: "Fleur Jansen" });
    await submitAndWait(page, () => journey.button(t("account.profile.save")).click());

    expect(new URL(page.url()).pathname).toBe(`/${app.tenant}/account`);
    expect(await page.locator("main dd").allTextContents()).toContain("Jansen");
    const stored = await db().attributeValue.findUniqueOrThrow({
      where: { guestId_name: { guestId: guest.id, name: "surname" } },
    });
    expect(JSON.parse(stored.value)).toBe("Jansen");
    expect((await db().guest.findUniqueOrThrow({ where: { id: guest.id } })).displayName).toBe("Fleur Jansen");
    const audit = await db().auditEvent.findMany({ where: { targetId: guest.id, type: "guest.attributesUpdated" } });
    expect(audit).toMatchObject([{ actorType: "guest", actorId: guest.id }]);
  });

  it("asks a browser that is not signed in to sign in first, in its language", async () => {
    const page = await browser.newPage({ acceptLanguage: "en" });
    const t = journeyTexts("en");
    await page.goto(url(`/${APPS.woodgrove.tenant}/account/profile`));
    expect(new URL(page.url()).pathname).toBe(`/${APPS.woodgrove.tenant}/account`);
    expect(await htmlLang(page)).toBe("en");
    expect(await heading(page)).toBe(t("account.signInFirst.title"));
  });
});
