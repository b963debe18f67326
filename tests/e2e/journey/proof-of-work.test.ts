// The proof-of-work challenge in Chromium, against `next start`. On a server of its own whose e2e
// tenant has `signUpProtection.proofOfWork.mode: "always"`, the address page carries the
// self-hosted ALTCHA widget in the page's language, the widget solves the challenge by itself
// (PBKDF2 workers from our origin, under the site's CSP: a violation fails the test), and the
// passcode is sent; without JavaScript the page explains why the step cannot be done now and the
// server refuses the send. On the suite's server (the default, off) the same page has no script.
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, inject, it } from "vitest";
import { APPS } from "../support/applications";
import { withBrowser } from "../support/browser";
import { heading, journeyPage, journeyTexts, uniqueEmail } from "../support/journey";
import { Mailbox, passcodeIn } from "../support/mailbox";
import { withOwnServer } from "../support/own-server";
import { withRelyingParty } from "../support/relying-party";

const browser = withBrowser();
const rp = withRelyingParty();
const mailbox = new Mailbox();
const app = APPS.e2e;

/** The suite's tenants file with the e2e tenant asking for a proof of work on every sign-up step. */
function alwaysConfig(): string {
  const config = JSON.parse(readFileSync(inject("tenantsConfigPath"), "utf8")) as {
    tenants: { slug: string; signUpProtection: Record<string, unknown> }[];
  };
  const e2e = config.tenants.find((tenant) => tenant.slug === app.tenant)!;
  // The shipped work (1,000 iterations, up to 2,000 tries): what a person's browser would do.
  e2e.signUpProtection.proofOfWork = { mode: "always" };
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), "guestgate-e2e-pow-")), "tenants.json");
  writeFileSync(file, JSON.stringify(config));
  return file;
}

describe('proofOfWork "always" (its own server)', () => {
  const server = withOwnServer({ GUESTGATE_CONFIG: alwaysConfig() });
  const own = withRelyingParty({ origin: () => server.baseURL() });

  it.each(["nl", "sv"] as const)(
    "in %s: the widget solves the challenge in the page's language and the passcode is sent",
    async (locale) => {
      const t = journeyTexts(locale);
      const email = uniqueEmail(`pow-${locale}`);
      const page = await browser.newPage({ baseURL: server.baseURL(), acceptLanguage: locale });
      const signIn = await own.begin(app, { uiLocales: locale });
      await page.goto(signIn.url);
      const journey = journeyPage(page, t);
      await journey.chooseEmail();
      const widget = page.locator("altcha-widget");
      await expect.poll(() => widget.count()).toBe(1);
      expect(await widget.getAttribute("language")).toBe(locale);
      // It starts on its own: done (the solution in its hidden field), saying so in the page's words.
      const solution = page.locator('form input[name="altcha"]');
      await expect.poll(() => solution.inputValue().catch(() => ""), { timeout: 30_000 }).not.toBe("");
      await expect.poll(() => widget.textContent()).toContain(t("signUpProtection.proofOfWork.widget.verified"));
      // Its files came from this server.
      const scripts = await page.evaluate(() => [...document.scripts].map((script) => new URL(script.src).origin));
      expect(new Set(scripts)).toEqual(new Set([new URL(server.baseURL()).origin]));

      await journey.requestCode(email);
      expect(await heading(page)).toBe(t("otp.verify.title"));
      expect(passcodeIn(await mailbox.next(email))).toMatch(/^\d{6}$/);
    },
    90_000,
  );

  it("without JavaScript: the page says this step needs it now, and the send is refused with a message", async () => {
    const locale = "fr";
    const t = journeyTexts(locale);
    const email = uniqueEmail("pow-noscript");
    const page = await browser.newPage({ baseURL: server.baseURL(), acceptLanguage: locale, javaScript: false });
    const signIn = await own.begin(app, { uiLocales: locale });
    await page.goto(signIn.url);
    const journey = journeyPage(page, t);
    await journey.chooseEmail();
    expect(await page.locator("main").textContent()).toContain(t("signUpProtection.proofOfWork.noScript"));
    await journey.requestCode(email);
    expect(await heading(page)).toBe(t("otp.request.title"));
    expect(await page.locator("main").textContent()).toContain(t("signUpProtection.proofOfWork.missing"));
    expect(await mailbox.count(email)).toBe(0);
  }, 60_000);
});

describe('proofOfWork "off" (the default, the suite\'s server)', () => {
  it("leaves the address page without any script", async () => {
    const t = journeyTexts("en");
    const page = await browser.newPage();
    const signIn = await rp.begin(app, { uiLocales: "en" });
    await page.goto(signIn.url);
    await journeyPage(page, t).chooseEmail();
    expect(await page.evaluate(() => document.scripts.length)).toBe(0);
    expect(await page.content()).not.toContain("altcha");
  }, 60_000);
});
