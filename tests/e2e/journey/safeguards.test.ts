// What keeps a journey safe and sound when people do what people do: guess passcodes, leave a tab
// open too long, click twice, change the language halfway.
import { describe, expect, it } from "vitest";
import { APPS } from "../support/applications";
import { expectNoAxeViolations } from "../support/axe";
import { htmlLang, withBrowser } from "../support/browser";
import { withDatabase } from "../support/database";
import {
  announcements,
  expectStep,
  flowOverrides,
  heading,
  journeyIdOf,
  journeyPage,
  journeyTexts,
  switchLanguage,
  uniqueEmail,
} from "../support/journey";
import { Mailbox, passcodeIn } from "../support/mailbox";
import { withRelyingParty } from "../support/relying-party";
import { tenant } from "../support/site";

const browser = withBrowser();
const rp = withRelyingParty();
const db = withDatabase();
const mailbox = new Mailbox();

describe("passcode guessing", () => {
  it("locks the code after five wrong entries: the sixth is refused even when it is the right code", async () => {
    const app = APPS.woodgrove;
    const locale = "nl";
    const t = journeyTexts(locale);
    const email = uniqueEmail("guesser");
    const signIn = await rp.begin(app, { uiLocales: locale });
    const page = await browser.newPage();
    const journey = journeyPage(page, t);
    await page.goto(signIn.url);
    await journey.chooseEmail();
    await journey.requestCode(email);
    const journeyId = journeyIdOf(page, app.tenant);
    const code = passcodeIn(await mailbox.next(email));
    const wrong = String((Number(code) + 1) % 1_000_000).padStart(6, "0");
    /** After each try the code page again (same journey), with this error at the field. */
    const expectCodeError = async (message: string) => {
      expect(await expectStep(page, { tenant: app.tenant, locale, title: t("otp.verify.title"), axe: false })).toBe(journeyId);
      expect(await page.locator("#code-error").textContent({ timeout: 5_000 })).toBe(message);
    };

    for (const attemptsLeft of [4, 3, 2, 1]) {
      await journey.enterCode(wrong);
      await expectCodeError(t("otp.errors.wrongCode", { attemptsLeft }));
    }
    await expectNoAxeViolations(page);
    expect(await page.locator("#code").getAttribute("aria-invalid")).toBe("true");
    // the help (spaces and hyphens are fine) and the error
    expect(await page.locator("#code").getAttribute("aria-describedby")).toBe("code-help code-error");

    await journey.enterCode(wrong);
    await expectCodeError(t("otp.errors.locked"));

    await journey.enterCode(code);
    await expectCodeError(t("otp.errors.locked"));
    expect(await db().guest.count({ where: { tenantId: app.tenant, email } })).toBe(0);
    expect(await db().emailPasscode.findUniqueOrThrow({ where: { journeyId: journeyId! } })).toMatchObject({
      attempts: 5,
      consumedAt: null,
    });
  });
});

describe("a journey left open too long", () => {
  it("is replaced on the next submit: the first step again, saying it took too long, on a new journey that works", async () => {
    const app = APPS.sparbanken;
    const locale = "sv";
    const t = journeyTexts(locale);
    const email = uniqueEmail("slowpoke");
    const signIn = await rp.begin(app, { uiLocales: locale });
    const page = await browser.newPage();
    const journey = journeyPage(page, t);
    await page.goto(signIn.url);
    await journey.chooseEmail();
    const expired = await expectStep(page, { tenant: app.tenant, locale, title: t("otp.request.title"), axe: false });

    // 30 minutes later, as far as the server can tell.
    await db().journey.update({ where: { id: expired }, data: { expiresAt: new Date(Date.now() - 1_000) } });
    await journey.requestCode(email);

    // Sparbanken's only way in is the passcode: the new journey opens on the address page again.
    const replacement = await expectStep(page, { tenant: app.tenant, locale, title: t("otp.request.title") });
    expect(replacement).not.toBe(expired);
    expect(await announcements(page)).toEqual([t("journey.errors.expired")]);
    expect(await mailbox.count(email)).toBe(0);
    const [before, after] = await Promise.all([
      db().journey.findUniqueOrThrow({ where: { id: expired } }),
      db().journey.findUniqueOrThrow({ where: { id: replacement } }),
    ]);
    expect(after).toMatchObject({ interactionId: before.interactionId, clientId: app.clientId, state: "enterEmail" });

    await journey.requestCode(email);
    expect(await expectStep(page, { tenant: app.tenant, locale, title: t("otp.verify.title"), axe: false })).toBe(replacement);
  });
});

describe("a double submit of the attribute form", () => {
  it("creates one guest: two identical posts at once, one wins, the other runs nothing", async () => {
    const app = APPS.woodgrove;
    const locale = "en";
    const t = journeyTexts(locale, { "attributes.page.title": "Welcome to Woodgrove" });
    const email = uniqueEmail("double");
    const signIn = await rp.begin(app, { uiLocales: locale });
    const page = await browser.newPage();
    const journey = journeyPage(page, t);
    await page.goto(signIn.url);
    await journey.chooseEmail();
    await journey.requestCode(email);
    await journey.enterCode(passcodeIn(await mailbox.next(email)));
    const journeyId = await expectStep(page, { tenant: app.tenant, locale, title: t("attributes.page.title"), axe: false });
    await journey.fillAttributes({
      displayName: "Max Power",
      givenName: "Max",
      surname: "Power",
      country: "NL",
      dietaryPreference: "vegan",
    });

    // The form as the browser would post it, twice, at the same time, with the same version.
    const answers = await page.evaluate(async () => {
      const form = document.querySelector<HTMLFormElement>("main form")!;
      const body = () => new URLSearchParams(new FormData(form) as unknown as Record<string, string>);
      const post = () => fetch(form.action, { method: "POST", body: body(), redirect: "manual", credentials: "same-origin" });
      const both = await Promise.all([post(), post()]);
      return both.map((response) => response.type);
    });
    // Both answered with a redirect (the winner to the application, the other back to the journey), neither failed.
    expect(answers).toEqual(["opaqueredirect", "opaqueredirect"]);

    const guests = await db().guest.findMany({
      where: { tenantId: app.tenant, email },
      include: { identities: true, attributes: true },
    });
    expect(guests).toHaveLength(1);
    expect(guests[0]!.identities).toHaveLength(1);
    expect(Object.fromEntries(guests[0]!.attributes.map((a) => [a.name, JSON.parse(a.value)]))).toEqual({
      displayName: "Max Power",
      givenName: "Max",
      surname: "Power",
      country: "NL",
      dietaryPreference: "vegan",
    });
    // The step ran once: a second run would have saved the attributes again (guest.attributesUpdated).
    const audit = await db().auditEvent.findMany({ where: { tenantId: app.tenant, correlationId: journeyId } });
    expect(audit.map((event) => event.type)).toEqual(["guest.created"]);
    expect(await db().journey.findUniqueOrThrow({ where: { id: journeyId } })).toMatchObject({ state: "completed" });
    await page.reload();
    await expectStep(page, { tenant: app.tenant, locale, title: t("journey.completed.title"), axe: false });
  });
});

describe("the language switcher during a journey", () => {
  it("changes the language and keeps the step: the mail follows the new language, and back again", async () => {
    const app = APPS.e2e;
    const fr = journeyTexts("fr");
    const en = journeyTexts("en");
    const email = uniqueEmail("switcher");
    const signIn = await rp.begin(app, { uiLocales: "fr" });
    const page = await browser.newPage({ acceptLanguage: "fr" });
    await page.goto(signIn.url);
    await journeyPage(page, fr).chooseEmail();
    const journeyId = await expectStep(page, { tenant: app.tenant, locale: "fr", title: fr("otp.request.title"), axe: false });

    await switchLanguage(page, app.tenant, "en");
    expect(await expectStep(page, { tenant: app.tenant, locale: "en", title: en("otp.request.title") })).toBe(journeyId);
    await journeyPage(page, en).requestCode(email);
    expect(await expectStep(page, { tenant: app.tenant, locale: "en", title: en("otp.verify.title"), axe: false })).toBe(
      journeyId,
    );
    const mail = await mailbox.next(email);
    expect(mail.header("content-language")).toBe("en");
    expect(mail.parsed.subject).toBe(en("mail.passcode.subject", { tenant: tenant(app.tenant).displayName }));

    await switchLanguage(page, app.tenant, "fr");
    expect(await expectStep(page, { tenant: app.tenant, locale: "fr", title: fr("otp.verify.title") })).toBe(journeyId);
    expect(await announcements(page)).toEqual([fr("journey.otp.sent", { minutes: 10 })]);
    await journeyPage(page, fr).enterCode(passcodeIn(mail));
    expect(await expectStep(page, { tenant: app.tenant, locale: "fr", title: fr("attributes.page.title"), axe: false })).toBe(
      journeyId,
    );
  });
});

describe("leaving without signing in", () => {
  it("'Cancel and return to the application' on the choice answers the application access_denied, with its state", async () => {
    const app = APPS.e2e;
    const locale = "en";
    const t = journeyTexts(locale);
    const signIn = await rp.begin(app, { uiLocales: locale });
    const page = await browser.newPage();
    await page.goto(signIn.url);
    await expectStep(page, { tenant: app.tenant, locale, title: t("journey.chooseProvider.title"), axe: false });
    await journeyPage(page, t).button(t("journey.cancel")).click();

    const { error, callback } = await signIn.refused(page);
    expect(error).toBe("access_denied");
    expect(callback.searchParams.get("code")).toBeNull();
  });
});

describe("a journey whose authorization request died first", () => {
  it("ends on the page that says the sign-in expired, in the journey's language, instead of failing", async () => {
    const app = APPS.woodgrove;
    const locale = "nl";
    const t = journeyTexts(locale, flowOverrides(app.flowFile, "signup-signin", locale));
    const email = uniqueEmail("orphan");
    const signIn = await rp.begin(app, { uiLocales: locale });
    const page = await browser.newPage();
    const journey = journeyPage(page, t);
    await page.goto(signIn.url);
    await journey.chooseEmail();
    await journey.requestCode(email);
    await journey.enterCode(passcodeIn(await mailbox.next(email)));
    const journeyId = await expectStep(page, { tenant: app.tenant, locale, title: t("attributes.page.title"), axe: false });

    // The application's request (30 minutes, like the journey, but started first) runs out first.
    const { interactionId } = await db().journey.findUniqueOrThrow({ where: { id: journeyId } });
    await db().interaction.update({ where: { id: interactionId! }, data: { expiresAt: new Date(Date.now() - 1_000) } });
    await journey.fillAttributes({ displayName: "Tess Laat", givenName: "Tess", surname: "Laat", country: "NL" });
    const answer = page.waitForResponse((response) => response.request().method() === "POST");
    await journey.submitAttributes();

    expect((await answer).status()).toBe(303);
    expect(new URL(page.url()).pathname).toBe(`/${app.tenant}/error`);
    expect(new URL(page.url()).searchParams.get("code")).toBe("interaction_expired");
    expect(await htmlLang(page)).toBe(locale);
    expect(await heading(page)).toBe(t("oidc.error.interaction_expired.title"));
    await expectNoAxeViolations(page);
    // Nothing reached the application: it was not told anything it could mistake for a sign-in.
    expect(rp.arrivals().filter((at) => at.searchParams.get("state") === signIn.state)).toEqual([]);
  });
});
