// The quick start's federation, as the README walks a newcomer through it: the demo application,
// a demo tenant in its own language, "Continue with Contoso ID", Contoso ID's own sign-in page, the
// tenant's attribute form started from what Contoso ID said, and the claims back at the demo — in
// Dutch at Woodgrove and in Swedish at Sparbanken, with nothing but this machine.
import path from "node:path";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { DEMO_ACCOUNTS, DEMO_IDP_PASSWORD } from "../../app/_lib/demo-idp";
import { demoApplicationNames } from "../../prisma/seed";
import { expectNoAxeViolations } from "./support/axe";
import { htmlLang, notFoundResource, withBrowser } from "./support/browser";
import { expectStep, flowOverrides, journeyPage, journeyTexts, submitAndWait, uniqueEmail } from "./support/journey";
import { repoRoot } from "./support/paths";
import { withQuickstartServer } from "./support/quickstart-server";

const browser = withBrowser();
const quickstart = withQuickstartServer();

const tenantNames = { woodgrove: "Woodgrove Groceries", sparbanken: "Sparbanken Norr" } as const;
const flowFile = (tenant: string) => path.join(repoRoot, "prisma/seed-data/user-flows", `${tenant}.json`);

const CASES = [
  {
    tenant: "woodgrove",
    locale: "nl",
    account: DEMO_ACCOUNTS[0]!,
    contoso: { heading: "Aanmelden bij Contoso ID", email: "E-mailadres", password: "Wachtwoord", submit: "Aanmelden" },
    attributes: { country: "NL" },
    passcodeAttributes: { displayName: "Sanne de Vries", givenName: "Sanne", surname: "de Vries" },
  },
  {
    tenant: "sparbanken",
    locale: "sv",
    account: DEMO_ACCOUNTS[1]!,
    contoso: { heading: "Logga in på Contoso ID", email: "E-postadress", password: "Lösenord", submit: "Logga in" },
    attributes: { phone: "070-123 45 67", postalCode: "903 25", country: "SE" },
    passcodeAttributes: { givenName: "Elsa", surname: "Lindqvist" },
  },
] as const;

const refusedSignIn = (issuer: string) =>
  new RegExp(`status of 401 \\(Unauthorized\\) \\(${issuer.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}/interaction/[\\w-]+\\)$`);

async function signInAtContoso(page: Page, words: (typeof CASES)[number]["contoso"], login: string, password: string) {
  await page.getByLabel(words.email, { exact: true }).fill(login);
  await page.getByLabel(words.password, { exact: true }).fill(password);
  await submitAndWait(page, () => page.getByRole("button", { name: words.submit }).click());
}

describe.each(CASES)(
  "signing up at $tenant in $locale after the quick start",
  ({ tenant, locale, account, contoso, attributes, passcodeAttributes }) => {
    it("goes from the demo application to Contoso ID's page in the same language and back with a guest account", async () => {
      const t = journeyTexts(locale, flowOverrides(flowFile(tenant), "signup-signin", locale));
      const issuer = quickstart.demoIdpIssuer();
      const page = await browser.newPage({
        baseURL: quickstart.baseURL(),
        acceptLanguage: `${locale},en;q=0.5`,
        // Chromium asks Contoso ID for a favicon, which it has not got, and logs the 401 that refuses the wrong password.
        expectedConsoleErrors: [notFoundResource(`${issuer}/favicon.ico`), refusedSignIn(issuer)],
      });
      const journey = journeyPage(page, t);

      await page.goto("/demo");
      await submitAndWait(page, () => page.locator(`a[href="/demo/login?tenant=${tenant}&lang=${locale}"]`).click());
      await expectStep(page, { tenant, locale, title: t("journey.chooseProvider.title") });
      // The demo application is named in the page's language, not by its English display name.
      const names = demoApplicationNames(tenantNames[tenant], "public");
      const intro = (await page.locator("main").textContent()) ?? "";
      expect(intro).toContain(names.localizedDisplayNames[locale]);
      expect(intro).not.toContain(names.name);
      await journey.chooseUpstream("Contoso ID");

      // Contoso ID's own page, in the browser's language.
      expect(new URL(page.url()).origin).toBe(issuer);
      expect(await htmlLang(page)).toBe(locale);
      expect((await page.locator("h1").textContent())?.trim()).toBe(contoso.heading);
      await expectNoAxeViolations(page);
      // A wrong password is refused there, on the same page.
      await signInAtContoso(page, contoso, account.login, "not the password");
      expect(new URL(page.url()).origin).toBe(issuer);
      expect(await page.getByRole("alert").count()).toBe(1);
      await signInAtContoso(page, contoso, account.login, DEMO_IDP_PASSWORD);

      await expectStep(page, { tenant, locale, title: t("attributes.page.title") });
      expect(await page.locator("#givenName").inputValue()).toBe(account.given_name);
      expect(await page.locator("#surname").inputValue()).toBe(account.family_name);
      await journey.fillAttributes(attributes);
      await journey.submitAttributes();

      // Back at the demo application, with the claims it received.
      expect(new URL(page.url()).pathname).toBe("/demo/result");
      const result = (await page.locator("main").textContent()) ?? "";
      expect(result).toContain(account.email);
      expect(result).toContain(account.family_name);
    });

    it("signs up through the Microsoft button too: Auth.js's Microsoft Entra ID provider, with Contoso ID as the directory", async () => {
      const t = journeyTexts(locale, flowOverrides(flowFile(tenant), "signup-signin", locale));
      const issuer = quickstart.demoIdpIssuer();
      const person = DEMO_ACCOUNTS[2]!;
      const page = await browser.newPage({
        baseURL: quickstart.baseURL(),
        acceptLanguage: `${locale},en;q=0.5`,
        expectedConsoleErrors: [notFoundResource(`${issuer}/favicon.ico`)],
      });
      const journey = journeyPage(page, t);

      await page.goto("/demo");
      await submitAndWait(page, () => page.locator(`a[href="/demo/login?tenant=${tenant}&lang=${locale}"]`).click());
      await journey.chooseUpstream(t("federation.providerNames.microsoftEntra"));
      // The directory's own path at Contoso ID, as login.microsoftonline.com/{tenant id}/v2.0 would be.
      expect(page.url()).toMatch(new RegExp(`^${issuer}/[0-9a-f-]{36}/v2\\.0/interaction/`));
      expect((await page.locator("h1").textContent())?.trim()).toBe(contoso.heading);
      await signInAtContoso(page, contoso, person.login, DEMO_IDP_PASSWORD);

      // The directory vouches for the address (xms_edov), so no passcode is asked for: the form is next.
      await expectStep(page, { tenant, locale, title: t("attributes.page.title") });
      await journey.fillAttributes({
        ...passcodeAttributes,
        givenName: person.given_name,
        surname: person.family_name,
        ...attributes,
      });
      await journey.submitAttributes();
      expect(new URL(page.url()).pathname).toBe("/demo/result");
      expect((await page.locator("main").textContent()) ?? "").toContain(person.email);
    });

    it("also signs up with the passcode from the development outbox", async () => {
      const t = journeyTexts(locale, flowOverrides(flowFile(tenant), "signup-signin", locale));
      const page = await browser.newPage({ baseURL: quickstart.baseURL(), acceptLanguage: `${locale},en;q=0.5` });
      const journey = journeyPage(page, t);
      const email = uniqueEmail(`quickstart-${locale}`);

      await page.goto("/demo");
      await submitAndWait(page, () => page.locator(`a[href="/demo/login?tenant=${tenant}&lang=${locale}"]`).click());
      await journey.chooseEmail();
      await journey.requestCode(email);
      await expectStep(page, { tenant, locale, title: t("otp.verify.title"), axe: false });
      await journey.enterCode(await quickstart.passcodeFor(email));
      await expectStep(page, { tenant, locale, title: t("attributes.page.title"), axe: false });
      await journey.fillAttributes({ ...passcodeAttributes, ...attributes });
      await journey.submitAttributes();

      expect(new URL(page.url()).pathname).toBe("/demo/result");
      expect((await page.locator("main").textContent()) ?? "").toContain(email);
    });
  },
);
