// The guest pages ship no JavaScript (issue 15, "Weight"): every journey step (with and without an
// error), the tenant home, the error page, the sign-out pages, the account page, the closed
// invitation's page and the 404s are HTML and one style
// sheet — no <script> element, no request for a script or for Next's JavaScript chunks — and weigh at most
// 25 KB gzip together, in each language. They are Pages Router pages rendered without the client
// runtime (pages/, `unstable_runtimeJS: false`) or HTML built on the server (the 404s).
import { gzipSync } from "node:zlib";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { APPS, type TestApplication } from "./support/applications";
import { htmlLang, notFoundDocument, withBrowser } from "./support/browser";
import { expectStep, flowOverrides, journeyPage, journeyTexts, submitAndWait, uniqueEmail } from "./support/journey";
import { Mailbox, passcodeIn } from "./support/mailbox";
import { withRelyingParty } from "./support/relying-party";
import { message } from "./support/site";

const browser = withBrowser();
const rp = withRelyingParty();
const mailbox = new Mailbox();

/** The budget for a guest page: HTML, CSS and JavaScript, gzip. */
const PAGE_BUDGET_BYTES = 25_000;

interface Loaded {
  /** Every request for a script, or for a JavaScript chunk of Next's (its CSS comes from the same folder). */
  scripts: string[];
  /** The document, style sheets and scripts the page loaded, gzip (level 6, as a compressing server sends). */
  gzipBytes: number;
}

/**
 * Watches what each page load fetches, with the cache off so that every page pays for its own
 * style sheet. `take()` waits for the page to settle and returns what it fetched since the last call.
 */
async function watchLoads(page: Page): Promise<{ take(): Promise<Loaded> }> {
  const session = await page.context().newCDPSession(page);
  await session.send("Network.setCacheDisabled", { cacheDisabled: true });
  let scripts: string[] = [];
  let sizes: Promise<number>[] = [];
  page.on("request", (request) => {
    const { pathname } = new URL(request.url());
    if (request.resourceType() === "script" || (pathname.startsWith("/_next/static/chunks/") && !pathname.endsWith(".css")))
      scripts.push(request.url());
  });
  page.on("response", (response) => {
    const counted = ["document", "stylesheet", "script"].includes(response.request().resourceType());
    // A redirect has no body of its own: the page it leads to is counted.
    if (!counted || (response.status() >= 300 && response.status() < 400)) return;
    sizes.push(response.body().then((body) => gzipSync(body, { level: 6 }).length));
  });
  return {
    async take() {
      await page.waitForLoadState("networkidle");
      const loaded = { scripts, gzipBytes: (await Promise.all(sizes)).reduce((sum, bytes) => sum + bytes, 0) };
      scripts = [];
      sizes = [];
      return loaded;
    },
  };
}

async function expectScriptFree(page: Page, loaded: Loaded, what: string, locale: string) {
  expect(await htmlLang(page), what).toBe(locale);
  expect((await page.title()).trim(), `${what}: <title>`).not.toBe("");
  expect(await page.evaluate(() => document.scripts.length), `${what}: <script> elements`).toBe(0);
  expect(await page.content(), what).not.toContain("<script");
  expect(loaded.scripts, `${what}: script requests`).toEqual([]);
  // The document itself was counted (the smallest page, the plain 404, is about 0.9 KB).
  expect(loaded.gzipBytes, `${what}: bytes gzip`).toBeGreaterThan(500);
  expect(loaded.gzipBytes, `${what}: bytes gzip`).toBeLessThanOrEqual(PAGE_BUDGET_BYTES);
}

const CASES: { app: TestApplication; locale: string }[] = [
  { app: APPS.woodgrove, locale: "nl" },
  { app: APPS.sparbanken, locale: "sv" },
  // Offers upstream providers too: the journey opens on the choice page.
  { app: APPS.e2e, locale: "fr" },
];

describe.each(CASES)("the guest pages of $app.tenant in $locale", ({ app, locale }) => {
  it("load no script and weigh at most 25 KB gzip, on every journey step, with and without errors", async () => {
    const t = journeyTexts(locale, flowOverrides(app.flowFile, "signup-signin", locale));
    const email = uniqueEmail(`script-free-${locale}`);
    const signIn = await rp.begin(app, { uiLocales: locale });
    const page = await browser.newPage({ acceptLanguage: locale });
    const loads = await watchLoads(page);
    const journey = journeyPage(page, t);
    const step = async (title: string, what: string) => {
      await expectStep(page, { tenant: app.tenant, locale, title, axe: false });
      await expectScriptFree(page, await loads.take(), what, locale);
    };

    await page.goto(signIn.url);
    if (!app.passcodeOnly) {
      await step(t("journey.chooseProvider.title"), "the choice page");
      await journey.chooseEmail();
    }
    await step(t("otp.request.title"), "the address page");
    await journey.requestCode("not an address");
    await step(t("otp.request.title"), "the address page with an error");
    expect(await page.locator("#error-summary").count()).toBe(1);

    await journey.requestCode(email);
    await step(t("otp.verify.title"), "the passcode page");
    const mail = await mailbox.next(email);
    await journey.enterCode("000000");
    await step(t("otp.verify.title"), "the passcode page with an error");
    expect(await page.locator("#error-summary").count()).toBe(1);
    await journey.enterCode(passcodeIn(mail));
    await step(t("attributes.page.title"), "the attribute page");
    // Every field left empty: the required ones are reported.
    await submitAndWait(page, () => journey.button(t("attributes.page.submit")).click());
    await step(t("attributes.page.title"), "the attribute page with errors");
    expect(await page.locator("#error-summary").count()).toBe(1);
  });

  it("the tenant home, the error, sign-out, account and invitation pages and the 404s load no script either", async () => {
    const staleJourney = `/${app.tenant}/journey/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAA`;
    const unknownPath = `/${app.tenant}/no-such-page`;
    const page = await browser.newPage({
      acceptLanguage: locale,
      expectedConsoleErrors: [notFoundDocument(staleJourney), notFoundDocument(unknownPath), notFoundDocument("/no-such-tenant")],
    });
    const loads = await watchLoads(page);
    for (const [path, status, h1] of [
      [`/${app.tenant}`, 200, undefined],
      [`/${app.tenant}/error?code=unknown_client`, 200, "oidc.error.unknown_client.title"],
      [`/${app.tenant}/error?code=unexpected&ref=0123456789`, 200, "errors.generic.title"],
      [`/${app.tenant}/signed-out`, 200, "oidc.signedOut.title"],
      [`/${app.tenant}/logout`, 200, undefined],
      [`/${app.tenant}/account`, 200, "account.signInFirst.title"],
      [`/${app.tenant}/invite/closed?reason=expired`, 200, "invitation.closed.expired.title"],
      [staleJourney, 404, "journey.status.goneTitle"],
      [unknownPath, 404, "notFound.title"],
      ["/no-such-tenant", 404, "notFound.title"],
    ] as const) {
      const response = await page.goto(path);
      expect(response?.status(), path).toBe(status);
      if (h1) expect((await page.locator("h1").textContent())?.trim(), path).toBe(message(locale, h1));
      await expectScriptFree(page, await loads.take(), path, locale);
    }
  });
});
