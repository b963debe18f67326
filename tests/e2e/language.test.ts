// Which language a guest gets, and changing it: ui_locales (from the application that sent them)
// → the language they picked with the switcher (a cookie) → their browser's languages → the
// tenant's default, and only ever one of the tenant's languages.
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { expectNoAxeViolations } from "./support/axe";
import { htmlLang, notFoundDocument, withBrowser } from "./support/browser";
import { message, tenant } from "./support/site";

const browser = withBrowser();
const woodgrove = tenant("woodgrove");
const title = (locale: string) => message(locale, "tenantHome.title", { tenant: woodgrove.displayName });

async function heading(page: Page): Promise<string | undefined> {
  return (await page.locator("h1").textContent())?.trim();
}

/** Tabs through the page, as a keyboard user would, until the element described has focus. */
async function tabUntil(page: Page, wanted: { tag: string; text: string }, maxTabs = 25): Promise<void> {
  const seen: string[] = [];
  for (let i = 0; i < maxTabs; i++) {
    await page.keyboard.press("Tab");
    const focused = await page.evaluate(() => {
      const el = document.activeElement;
      return el ? { tag: el.localName, text: (el.textContent ?? "").trim() } : { tag: "none", text: "" };
    });
    if (focused.tag === wanted.tag && focused.text === wanted.text) return;
    seen.push(`<${focused.tag}> ${focused.text.slice(0, 40)}`);
  }
  throw new Error(
    `No <${wanted.tag}> "${wanted.text}" reached with ${maxTabs} Tabs; focus went: ${seen.slice(0, 8).join(" → ")} …`,
  );
}

/** Does what submits the switcher's form, then waits for the page its 303 leads back to. */
async function submitSwitcher(page: Page, submit: () => Promise<void>): Promise<void> {
  const post = page.waitForResponse((response) => response.request().method() === "POST");
  const navigated = page.waitForEvent("framenavigated", { predicate: (frame) => frame === page.mainFrame() });
  await submit();
  expect((await post).status()).toBe(303);
  await navigated;
  await page.waitForLoadState("load");
}

describe("the page language", () => {
  it("is the tenant's default when the browser asks only for a language the tenant does not offer (sv on woodgrove → nl)", async () => {
    expect(woodgrove.locales.enabled).not.toContain("sv");
    const page = await browser.newPage({ acceptLanguage: "sv" });
    await page.goto("/woodgrove");
    expect(await htmlLang(page)).toBe(woodgrove.locales.default);
    expect(await heading(page)).toBe(title(woodgrove.locales.default));
  });

  it("follows the browser's Accept-Language when the tenant offers it (en on woodgrove → en)", async () => {
    const page = await browser.newPage({ acceptLanguage: "en" });
    await page.goto("/woodgrove");
    expect(await htmlLang(page)).toBe("en");
    expect(await heading(page)).toBe(title("en"));
  });

  it("follows ui_locales over the language picked earlier, without forgetting that pick", async () => {
    const page = await browser.newPage({ acceptLanguage: "nl" });
    await page.goto("/woodgrove");
    await submitSwitcher(page, () => page.getByRole("button", { name: /English/ }).click());
    expect(await htmlLang(page)).toBe("en");

    await page.goto("/woodgrove?ui_locales=nl");
    expect(await htmlLang(page)).toBe("nl");
    expect(await heading(page)).toBe(title("nl"));

    await page.goto("/woodgrove");
    expect(await htmlLang(page)).toBe("en");
  });
});

describe("the language switcher, by keyboard only", () => {
  it("changes /woodgrove from Dutch to English, stays on /woodgrove, and is remembered after a reload", async () => {
    const page = await browser.newPage({ acceptLanguage: "nl" });
    await page.goto("/woodgrove");
    expect(await htmlLang(page)).toBe("nl");

    await tabUntil(page, { tag: "button", text: "English" });
    await submitSwitcher(page, () => page.keyboard.press("Enter"));

    expect(new URL(page.url()).pathname).toBe("/woodgrove");
    expect(new URL(page.url()).search).toBe("");
    expect(await htmlLang(page)).toBe("en");
    expect(await heading(page)).toBe(title("en"));
    expect(await page.getByRole("button", { name: /English/ }).getAttribute("aria-current")).toBe("true");
    await expectNoAxeViolations(page);

    await page.reload();
    expect(await htmlLang(page)).toBe("en");
    expect(await heading(page)).toBe(title("en"));
  });

  it("keeps a deeper page under the tenant, even one that does not exist (/woodgrove/does-not-exist)", async () => {
    const page = await browser.newPage({
      acceptLanguage: "nl",
      expectedConsoleErrors: [notFoundDocument("/woodgrove/does-not-exist")],
    });
    const first = await page.goto("/woodgrove/does-not-exist");
    expect(first?.status()).toBe(404);
    expect(await htmlLang(page)).toBe("nl");
    await expect(page.locator("main").textContent()).resolves.toContain(message("nl", "notFound.pageBody"));

    await tabUntil(page, { tag: "button", text: "English" });
    await submitSwitcher(page, () => page.keyboard.press("Enter"));

    expect(new URL(page.url()).pathname).toBe("/woodgrove/does-not-exist");
    expect(await htmlLang(page)).toBe("en");
    await expect(page.locator("main").textContent()).resolves.toContain(message("en", "notFound.pageBody"));
  });
});
