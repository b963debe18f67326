// A person signs up with an e-mail passcode, once in each of the four languages, from an
// application's authorization request to the application's code exchange: the application asks
// for the language (ui_locales), every journey page is in it (and accessible), the passcode mail
// really goes out over SMTP in it, and what the person typed comes back in the ID token and userinfo.
import { describe, expect, it } from "vitest";
import { APPS, type TestApplication } from "../support/applications";
import { withBrowser } from "../support/browser";
import { withDatabase } from "../support/database";
import { announcements, expectStep, flowOverrides, journeyPage, journeyTexts, uniqueEmail } from "../support/journey";
import { Mailbox, passcodeIn } from "../support/mailbox";
import { withRelyingParty } from "../support/relying-party";
import { tenant } from "../support/site";

const browser = withBrowser();
const rp = withRelyingParty();
const db = withDatabase();
const mailbox = new Mailbox();

interface Case {
  app: TestApplication;
  locale: string;
  /** What the browser prefers, deliberately another language: ui_locales must win. */
  acceptLanguage: string;
  /** The attribute form's fields, in order. */
  fields: string[];
  typed: Record<string, string>;
  /** Claims the flow releases for what was typed (after the server normalised it). */
  claims: Record<string, unknown>;
}

const CASES: Case[] = [
  {
    app: APPS.woodgrove,
    locale: "nl",
    acceptLanguage: "en",
    fields: ["displayName", "givenName", "surname", "country", "dietaryPreference"],
    typed: {
      displayName: "Anouk de Vries",
      givenName: "Anouk",
      surname: "de Vries",
      country: "NL",
      dietaryPreference: "vegetarian",
    },
    claims: {
      name: "Anouk de Vries",
      given_name: "Anouk",
      family_name: "de Vries",
      country: "NL",
      extension_dietaryPreference: "vegetarian",
    },
  },
  {
    app: APPS.sparbanken,
    locale: "sv",
    acceptLanguage: "en",
    fields: ["givenName", "surname", "phone", "postalCode", "country", "customerNumber"],
    typed: {
      givenName: "Astrid",
      surname: "Lindqvist",
      phone: "070-123 45 67",
      postalCode: "11351",
      country: "SE",
      customerNumber: "12345678",
    },
    claims: {
      given_name: "Astrid",
      family_name: "Lindqvist",
      phone_number: "+46701234567",
      country: "SE",
      address: { postal_code: "113 51", country: "SE" },
      extension_customerNumber: "12345678",
    },
  },
  {
    app: APPS.e2e,
    locale: "fr",
    acceptLanguage: "en",
    fields: ["displayName", "givenName", "surname", "country", "workshop"],
    typed: { displayName: "Élodie Martin", givenName: "Élodie", surname: "Martin", country: "FR", workshop: "weaving" },
    claims: { name: "Élodie Martin", given_name: "Élodie", family_name: "Martin", country: "FR", extension_workshop: "weaving" },
  },
  {
    app: APPS.sparbanken,
    locale: "en",
    acceptLanguage: "sv",
    fields: ["givenName", "surname", "phone", "postalCode", "country", "customerNumber"],
    typed: {
      givenName: "Oliver",
      surname: "Bennett",
      phone: "+44 20 7946 0958",
      postalCode: "SW1A1AA",
      country: "GB",
      customerNumber: "",
    },
    claims: {
      given_name: "Oliver",
      family_name: "Bennett",
      phone_number: "+442079460958",
      country: "GB",
      address: { postal_code: "SW1A 1AA", country: "GB" },
    },
  },
];

describe.each(CASES)(
  "an e-mail sign-up at $app.tenant asked for in $locale",
  ({ app, locale, acceptLanguage, fields, typed, claims }) => {
    it("is in that language on every page and in the mail, accessible, and ends with the typed details in the ID token and userinfo", async () => {
      const t = journeyTexts(locale, flowOverrides(app.flowFile, "signup-signin", locale));
      const { displayName } = tenant(app.tenant);
      const email = uniqueEmail(`${app.tenant}-${locale}`);
      const signIn = await rp.begin(app, { uiLocales: locale });
      const page = await browser.newPage({ acceptLanguage });
      const journey = journeyPage(page, t);

      await page.goto(signIn.url);
      if (!app.passcodeOnly) {
        await expectStep(page, { tenant: app.tenant, locale, title: t("journey.chooseProvider.title") });
        expect(await page.locator("main").textContent()).toContain(
          t("journey.chooseProvider.introWithEmail", { application: app.name }),
        );
        await journey.chooseEmail();
      }
      // With the passcode as the only way in, the journey opens here: no choice page (as Entra's).
      await expectStep(page, { tenant: app.tenant, locale, title: t("otp.request.title") });

      await journey.requestCode(email);
      await expectStep(page, { tenant: app.tenant, locale, title: t("otp.verify.title") });
      expect(await announcements(page)).toEqual([t("journey.otp.sent", { minutes: 10 })]);

      const mail = await mailbox.next(email);
      expect(mail.envelope).toEqual({ mailFrom: "no-reply@guestgate.test", rcptTo: [email] });
      expect(mail.parsed.subject).toBe(t("mail.passcode.subject", { tenant: displayName }));
      expect(mail.header("content-language")).toBe(locale);
      expect(mail.parsed.html).toMatch(new RegExp(`<html[^>]* lang="${locale}"`));
      expect(mail.parsed.text).toContain(t("mail.passcode.intro", { tenant: displayName }));
      await journey.enterCode(passcodeIn(mail));

      await expectStep(page, { tenant: app.tenant, locale, title: t("attributes.page.title") });
      expect(await page.locator("main").textContent()).toContain(t("journey.attributes.signedInAs", { email }));
      expect(await journey.attributeFields()).toEqual(fields);
      await journey.fillAttributes(typed);
      await journey.submitAttributes();

      const { claims: idToken, userinfo } = await signIn.complete(page);
      const expected = { ...claims, email, email_verified: true };
      expect(idToken).toMatchObject(expected);
      expect(userinfo).toMatchObject({ sub: idToken.sub, ...expected });

      // The guest the ID token names is the one the journey created, with what was typed, once.
      const guests = await db().guest.findMany({ where: { tenantId: app.tenant, email }, include: { identities: true } });
      expect(guests).toHaveLength(1);
      expect(guests[0]).toMatchObject({
        id: idToken.sub,
        userType: "Guest",
        createdVia: "selfServiceSignUp",
        emailVerified: true,
      });
      expect(guests[0]!.identities).toEqual([
        expect.objectContaining({ issuer: "urn:guestgate:email-otp", subject: email, provider: "email" }),
      ]);
    });
  },
);
