// The database fails under a running server, halfway through a journey: the guest sees the
// tenant's branded error page in the journey's language with a reference, and that reference is in
// the server's log line for the failure (with the request id) — never the error's own text on the page.
// The server is this file's own `next start` on a copy of the suite's database (support/own-server.ts).
import type { Page } from "playwright-core";
import { afterEach, describe, expect, it } from "vitest";
import { APPS, type TestApplication } from "./support/applications";
import { expectNoAxeViolations } from "./support/axe";
import { htmlLang, withBrowser } from "./support/browser";
import { expectStep, heading, journeyPage, journeyTexts } from "./support/journey";
import { withOwnServer } from "./support/own-server";
import { hexToRgb, message, tenant } from "./support/site";

const browser = withBrowser();
const server = withOwnServer();

/** The journeys table is gone, as if the disk or a migration failed under the running server. */
const breakDatabase = () => server.sql("ALTER TABLE journeys RENAME TO journeys_gone");
const repairDatabase = () => server.sql("ALTER TABLE journeys_gone RENAME TO journeys");
let broken = false;
afterEach(async () => {
  if (broken) await repairDatabase();
  broken = false;
});

/** A render failure: Chromium reports the document's 500 (the page runs no script that could report more). */
const RENDER_FAILURE_CONSOLE = [/status of 500 \(Internal Server Error\)/];

/**
 * This file's own server has no upstream providers' secrets, so the passcode is every flow's only
 * way in here: each journey opens on the address page (a single way in skips the choice).
 */
async function startJourney(page: Page, app: TestApplication, locale: string) {
  await page.goto(server.authorizeUrl(app, locale));
  const t = journeyTexts(locale);
  const journeyId = await expectStep(page, { tenant: app.tenant, locale, title: t("otp.request.title"), axe: false });
  return { t, journeyId };
}

/** The tenant's frame around the error: its logo in the header and its colour on the heading. */
async function expectTenantBranding(page: Page, slug: string) {
  const config = tenant(slug);
  expect(await page.locator("header img").first().getAttribute("src")).toBe(config.branding.logo);
  expect(await page.locator("main h1").evaluate((h1) => getComputedStyle(h1).color)).toBe(hexToRgb(config.branding.primaryColor));
}

/** The server's error line whose reference is the one the page shows. */
function logLineFor(reference: string) {
  const matches = server.logLines().filter((line) => line.level === "error" && line.reference === reference);
  expect(matches.length, `no error line with reference ${reference} in the server's log:\n${server.output()}`).toBeGreaterThan(0);
  return matches;
}

/**
 * With E2E_SCREENSHOT_DIR set, the page as a phone (390 px) and a desktop (1280 px) show it, for a
 * person to look at; the test's verdict does not depend on it.
 */
async function screenshots(page: Page, name: string) {
  const dir = process.env.E2E_SCREENSHOT_DIR;
  if (!dir) return;
  for (const [label, width, height] of [
    ["phone", 390, 844],
    ["desktop", 1280, 800],
  ] as const) {
    await page.setViewportSize({ width, height });
    await page.screenshot({ path: `${dir}/${name}-${label}.png`, fullPage: true });
  }
}

async function expectNothingLeaked(page: Page) {
  expect(await page.content()).not.toMatch(/no such table|SQLITE|prisma|journeys_gone/i);
}

describe("a form post while the database is failing (route handler → error page)", () => {
  it.each([
    { app: APPS.woodgrove, locale: "nl" },
    { app: APPS.e2e, locale: "fr" },
  ])("shows $app.tenant's error page in $locale with the reference of the log line", async ({ app, locale }) => {
    const page = await browser.newPage({ baseURL: server.baseURL() });
    const { t, journeyId } = await startJourney(page, app, locale);

    await breakDatabase();
    broken = true;
    const submitted = page.waitForResponse((r) => r.request().method() === "POST" && r.url().endsWith("/submit"));
    await journeyPage(page, t).requestCode("broken-db@guests.example");
    const submitResponse = await submitted;
    expect(submitResponse.status()).toBe(303);
    expect(submitResponse.headers()["x-request-id"]).toMatch(/^[\w-]{22}$/);

    const url = new URL(page.url());
    expect(url.pathname).toBe(`/${app.tenant}/error`);
    expect(url.searchParams.get("code")).toBe("unexpected");
    const reference = url.searchParams.get("ref")!;
    expect(reference).toMatch(/^[0-9A-Z]{10}$/);

    expect(await htmlLang(page)).toBe(locale);
    expect(await heading(page)).toBe(message(locale, "errors.generic.title"));
    expect(await page.title()).toBe(
      message(locale, "meta.errorTitle", {
        title: message(locale, "errors.generic.title"),
        tenant: tenant(app.tenant).displayName,
      }),
    );
    expect((await page.getByTestId("error-reference").textContent())?.trim()).toBe(
      message(locale, "errors.generic.reference", { id: reference }),
    );
    await expectTenantBranding(page, app.tenant);
    await expectNothingLeaked(page);
    await expectNoAxeViolations(page);
    await screenshots(page, `route-${app.tenant}-${locale}`);

    const [line] = logLineFor(reference);
    expect(line).toMatchObject({
      msg: "unexpected failure",
      method: "POST",
      path: `/${app.tenant}/journey/${journeyId}/submit`,
      // The id the route handler's response went out with: the request context reached the handler.
      requestId: submitResponse.headers()["x-request-id"],
      err: { message: expect.stringContaining("no such table") },
    });
  });

  it("works without JavaScript: the error page is plain server-rendered HTML", async () => {
    const app = APPS.sparbanken;
    const locale = "sv";
    const page = await browser.newPage({ baseURL: server.baseURL(), javaScript: false });
    const { t } = await startJourney(page, app, locale);

    await breakDatabase();
    broken = true;
    await journeyPage(page, t).requestCode("broken-db@guests.example");

    const reference = new URL(page.url()).searchParams.get("ref")!;
    expect(await htmlLang(page)).toBe(locale);
    expect(await heading(page)).toBe(message(locale, "errors.generic.title"));
    expect((await page.getByTestId("error-reference").textContent())?.trim()).toBe(
      message(locale, "errors.generic.reference", { id: reference }),
    );
    // "Go back" needs script, so it is not offered; the start page link is.
    const actions = await page.locator("main a, main button").allTextContents();
    expect(actions).toEqual([message(locale, "errors.generic.home")]);
    expect(logLineFor(reference)).toHaveLength(1);
    await screenshots(page, `route-${app.tenant}-${locale}-nojs`);
  });
});

describe("a page render while the database is failing (app/_components/plain/failure-props.ts)", () => {
  it.each([
    { app: APPS.sparbanken, locale: "sv" },
    { app: APPS.woodgrove, locale: "en" },
  ])(
    "shows the error inside $app.tenant's layout in $locale, focused, with the reference of the log line, and Try again recovers",
    async ({ app, locale }) => {
      const page = await browser.newPage({ baseURL: server.baseURL(), expectedConsoleErrors: RENDER_FAILURE_CONSOLE });
      const { t, journeyId } = await startJourney(page, app, locale);

      // The step's own address (/{tenant}/journey/{id}/{step}), which the reload renders again.
      const address = new URL(page.url()).pathname;
      expect(address).toMatch(new RegExp(`^/${app.tenant}/journey/${journeyId}/[a-z-]+$`));
      await breakDatabase();
      broken = true;
      const response = await page.reload();
      expect(response?.status()).toBe(500);
      const requestId = response?.headers()["x-request-id"];
      expect(requestId).toMatch(/^[\w-]{22}$/);

      const title = message(locale, "errors.generic.title");
      await page.locator("main h1", { hasText: title }).waitFor();
      expect(await htmlLang(page)).toBe(locale);
      expect(await page.title()).toBe(title);
      // WCAG 2.2 SC 2.4.3: focus is on what the page reports (autofocus: the page runs no script), so it is announced.
      expect(await page.evaluate(() => document.activeElement?.id)).toBe("unexpected-error-title");
      const shown = (await page.getByTestId("error-reference").textContent())?.trim() ?? "";
      const reference = /([0-9A-Z]{10})$/.exec(shown)?.[1] ?? "";
      expect(shown).toBe(message(locale, "errors.generic.reference", { id: reference }));
      await expectTenantBranding(page, app.tenant);
      await expectNothingLeaked(page);
      await expectNoAxeViolations(page);
      await screenshots(page, `render-${app.tenant}-${locale}`);

      // The shown reference and this request's id meet in one log line.
      const lines = logLineFor(reference).filter((line) => line.requestId === requestId);
      expect(
        lines.length,
        `no line with reference ${reference} and request id ${requestId}:\n${server.output()}`,
      ).toBeGreaterThan(0);
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatchObject({
        method: "GET",
        path: address,
        route: "/[tenant]/journey/[id]/[step]",
        routeType: "render",
        err: { message: expect.stringContaining("no such table") },
      });

      // The database is back: from the heading, Tab reaches "Try again", and Enter renders the step again.
      await repairDatabase();
      broken = false;
      await page.keyboard.press("Tab");
      expect(await page.evaluate(() => document.activeElement?.textContent)).toBe(message(locale, "errors.generic.retry"));
      await page.keyboard.press("Enter");
      await page.locator("main h1", { hasText: t("otp.request.title") }).waitFor();
      expect(new URL(page.url()).pathname).toBe(address);
    },
  );
});
