// What a guest sees on a tenant's home page, in each of that tenant's languages: the tenant's own
// name, logo and colours, the page in the asked-for language with every text translated, and
// nothing an accessibility checker, the console or the Content-Security-Policy complains about.
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { expectNoAxeViolations } from "./support/axe";
import { htmlLang, withBrowser } from "./support/browser";
import { hexToRgb, message, tenant, tenantsConfig } from "./support/site";

const browser = withBrowser();

/** The demo tenants and their languages, as the brief for this suite fixes them (the config must still agree). */
const DEMO = [
  { slug: "woodgrove", locales: ["nl", "en"] },
  { slug: "sparbanken", locales: ["sv", "en"] },
];
const cases = DEMO.flatMap(({ slug, locales }) => locales.map((locale) => ({ slug, locale })));

describe("the demo tenants", () => {
  it("are configured with the languages these tests visit, and with different colours", () => {
    for (const { slug, locales } of DEMO) expect(tenant(slug).locales.enabled).toEqual(expect.arrayContaining(locales));
    const colours = tenantsConfig().tenants.map((t) => t.branding.primaryColor.toLowerCase());
    expect(new Set(colours).size).toBe(colours.length);
  });
});

describe.each(cases)("/$slug?ui_locales=$locale", ({ slug, locale }) => {
  it("is in that language, with the tenant's name, logo and colour, fully translated, accessible, and without console or CSP errors", async () => {
    const config = tenant(slug);
    const page = await browser.newPage();
    const response = await page.goto(`/${slug}?ui_locales=${locale}`);
    expect(response?.status()).toBe(200);

    expect(await htmlLang(page)).toBe(locale);
    expect((await page.locator("h1").textContent())?.trim()).toBe(
      message(locale, "tenantHome.title", { tenant: config.displayName }),
    );
    expect(await page.title()).toBe(message(locale, "meta.tenantTitle", { tenant: config.displayName }));

    const logo = page.locator("header img").first();
    expect(await logo.isVisible()).toBe(true);
    expect(await logo.getAttribute("src")).toBe(config.branding.logo);
    expect(await logo.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);

    const brand = hexToRgb(config.branding.primaryColor);
    const colours = await page.evaluate(() => {
      const stripe = [...document.querySelectorAll("header *")].find(
        (el) => el.childElementCount === 0 && el.getBoundingClientRect().height <= 8 && el.getBoundingClientRect().width > 100,
      );
      const pressed = document.querySelector("header button[aria-current='true']");
      return {
        variable: getComputedStyle(document.documentElement).getPropertyValue("--brand-primary").trim(),
        stripe: stripe ? getComputedStyle(stripe).backgroundColor : "no accent stripe in the header",
        currentLanguageButton: pressed ? getComputedStyle(pressed).backgroundColor : "no pressed language button",
        heading: getComputedStyle(document.querySelector("h1")!).color,
      };
    });
    expect(colours).toEqual({
      variable: config.branding.primaryColor,
      stripe: brand,
      currentLanguageButton: brand,
      heading: brand,
    });

    expect(await untranslatedTexts(page)).toEqual([]);
    await expectNoAxeViolations(page);
  });
});

/**
 * Texts on the page that look like a message key ("tenantHome.title") or a placeholder left
 * unfilled ("{tenant}"): in text nodes (visible or for screen readers only), the accessible-name
 * attributes, and the document title.
 */
async function untranslatedTexts(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const looksLikeKey = /^[a-z]+(\.[a-zA-Z]+)+$/;
    const placeholder = /\{[^{}\s]*\}/;
    const suspicious = (text: string) => looksLikeKey.test(text.trim()) || placeholder.test(text);
    const found: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement;
      if (!parent || parent.closest("script, style, template, noscript")) continue;
      const text = node.textContent ?? "";
      if (text.trim() && suspicious(text)) found.push(`text in <${parent.localName}>: ${text.trim()}`);
    }
    for (const el of document.querySelectorAll("[aria-label], [alt], [title], [placeholder]")) {
      for (const name of ["aria-label", "alt", "title", "placeholder"]) {
        const value = el.getAttribute(name);
        if (value && suspicious(value)) found.push(`${name} of <${el.localName}>: ${value}`);
      }
    }
    if (suspicious(document.title)) found.push(`document title: ${document.title}`);
    return found;
  });
}
