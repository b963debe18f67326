// D10 (front-end review): each step of a journey has its own address, so the browser's history
// holds one entry per step. Back from the passcode page shows the address page again, where a new
// address gets a new code; Back to a step the journey has left (the choice, a used passcode)
// lands on the current step instead of a form that could no longer be sent. With and without
// JavaScript: these pages are plain forms, and Back is the browser's own.
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { APPS } from "../support/applications";
import { withBrowser } from "../support/browser";
import { expectStep, heading, journeyAddressOf, journeyPage, journeyTexts, uniqueEmail } from "../support/journey";
import { Mailbox, passcodeIn } from "../support/mailbox";
import { withRelyingParty } from "../support/relying-party";

const browser = withBrowser();
const rp = withRelyingParty();
const mailbox = new Mailbox();

/**
 * The browser's Back, as a person presses it: after the page has settled. (With JavaScript, Next's
 * router rewrites the current history entry once it has started; a Back sent in that instant can
 * be cancelled by it, which no person's click is fast enough to meet.)
 */
async function back(page: Page): Promise<void> {
  await page.waitForLoadState("networkidle");
  await page.goBack({ waitUntil: "load" });
}

describe.each([{ javaScript: true }, { javaScript: false }])(
  "the browser's Back in a journey (JavaScript $javaScript)",
  ({ javaScript }) => {
    it("goes from the code to the address page, takes a new address, and never shows a step the journey has left", async () => {
      const app = APPS.e2e;
      const locale = "en";
      const t = journeyTexts(locale);
      const signIn = await rp.begin(app, { uiLocales: locale });
      const page = await browser.newPage({ javaScript });
      const journey = journeyPage(page, t);
      await page.goto(signIn.url);
      await expectStep(page, { tenant: app.tenant, locale, title: t("journey.chooseProvider.title"), axe: false });
      const id = journeyAddressOf(page, app.tenant)!.id;
      expect(journeyAddressOf(page, app.tenant)).toEqual({ id, step: "choose" });

      await journey.chooseEmail();
      expect(journeyAddressOf(page, app.tenant)).toEqual({ id, step: "email" });
      const first = uniqueEmail("back-first");
      await journey.requestCode(first);
      expect(journeyAddressOf(page, app.tenant)).toEqual({ id, step: "code" });
      await mailbox.next(first);

      // Back: the address page, with the address typed before, ready to be changed.
      await back(page);
      expect(journeyAddressOf(page, app.tenant)).toEqual({ id, step: "email" });
      expect(await heading(page)).toBe(t("otp.request.title"));
      const field = page.getByLabel(t("otp.request.emailLabel"), { exact: true });
      expect(await field.inputValue()).toBe(first);
      // It is the address step's page, not the passcode step's: no "code sent" message, no error title.
      expect(await page.title()).toMatch(new RegExp(`^${t("otp.request.title")} – `));

      // Back once more: the choice is behind the journey (the passcode was chosen), so the current step is shown.
      await back(page);
      expect(journeyAddressOf(page, app.tenant)).toEqual({ id, step: "code" });
      expect(await heading(page)).toBe(t("otp.verify.title"));

      // Forward again to the address page, and a new address: the code goes there, and proves it.
      await page.goto(`/${app.tenant}/journey/${id}/email`);
      const second = uniqueEmail("back-second");
      await journey.requestCode(second);
      expect(journeyAddressOf(page, app.tenant)).toEqual({ id, step: "code" });
      expect(await page.locator("main").textContent()).toContain(second);
      await journey.enterCode(passcodeIn(await mailbox.next(second)));
      expect(journeyAddressOf(page, app.tenant)).toEqual({ id, step: "attributes" });
      expect(await heading(page)).toBe(t("attributes.page.title"));

      // Back from the attribute page: the passcode is used, so the attribute page again, at its address.
      await back(page);
      expect(journeyAddressOf(page, app.tenant)).toEqual({ id, step: "attributes" });
      expect(await heading(page)).toBe(t("attributes.page.title"));
      // The step-less address and a step the journey never had lead to the current step too.
      await page.goto(`/${app.tenant}/journey/${id}`);
      expect(journeyAddressOf(page, app.tenant)).toEqual({ id, step: "attributes" });
      await page.goto(`/${app.tenant}/journey/${id}/no-such-step`);
      expect(journeyAddressOf(page, app.tenant)).toEqual({ id, step: "attributes" });
    });
  },
);
