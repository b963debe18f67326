// Addresses that lead nowhere, and the start page that leads to the tenants.
import { describe, expect, it } from "vitest";
import { expectNoAxeViolations } from "./support/axe";
import { htmlLang, notFoundDocument, withBrowser } from "./support/browser";
import { message, tenantsConfig } from "./support/site";

const browser = withBrowser();

describe("an unknown tenant (/no-such-tenant)", () => {
  it("answers 404 with a page in the browser's language (French) that says there is no organisation here, and is accessible", async () => {
    const page = await browser.newPage({ acceptLanguage: "fr", expectedConsoleErrors: [notFoundDocument("/no-such-tenant")] });
    const response = await page.goto("/no-such-tenant");
    expect(response?.status()).toBe(404);
    expect(await htmlLang(page)).toBe("fr");
    expect((await page.locator("h1").textContent())?.trim()).toBe(message("fr", "notFound.title"));
    expect(await page.locator("main").textContent()).toContain(message("fr", "notFound.tenantBody"));
    expect(await page.getByRole("link", { name: message("fr", "notFound.backHome") }).getAttribute("href")).toBe("/");
    await expectNoAxeViolations(page);
  });
});

describe("the start page (/)", () => {
  it("lists every tenant by name, each linking to its page, and is accessible", async () => {
    const { tenants } = tenantsConfig();
    const page = await browser.newPage({ acceptLanguage: "en" });
    const response = await page.goto("/");
    expect(response?.status()).toBe(200);
    await page.waitForLoadState("networkidle"); // the favicon and any late request, while still on this page
    expect(tenants.length).toBeGreaterThanOrEqual(2);
    for (const { slug, displayName } of tenants) {
      const link = page.getByRole("link", { name: displayName, exact: true });
      expect(await link.getAttribute("href")).toBe(`/${slug}`);
      expect(await link.isVisible()).toBe(true);
    }
    await expectNoAxeViolations(page);

    await page.getByRole("link", { name: tenants[0]!.displayName, exact: true }).click();
    await page.waitForURL(`**/${tenants[0]!.slug}`);
    expect(await page.locator("h1").textContent()).toContain(tenants[0]!.displayName);
  });
});
