// Reaching the content by keyboard: the first Tab lands on a "skip to main content" link that
// becomes visible, and following it puts focus on the main content (WCAG 2.4.1, 2.4.7).
import { describe, expect, it } from "vitest";
import { withBrowser } from "./support/browser";
import { message, tenant } from "./support/site";

const browser = withBrowser();

describe("keyboard access", () => {
  it.each(["woodgrove", "sparbanken"])(
    "on /%s puts the skip link first, and Enter on it moves focus to the main content",
    async (slug) => {
      const locale = tenant(slug).locales.default;
      const page = await browser.newPage({ acceptLanguage: locale });
      await page.goto(`/${slug}`);

      await page.keyboard.press("Tab");
      const skip = await page.evaluate(() => {
        const el = document.activeElement as HTMLElement | null;
        const box = el?.getBoundingClientRect();
        return {
          tag: el?.localName,
          text: el?.textContent?.trim(),
          href: el?.getAttribute("href"),
          width: box?.width ?? 0,
          height: box?.height ?? 0,
        };
      });
      expect(skip).toMatchObject({ tag: "a", text: message(locale, "layout.skipToContent"), href: "#main" });
      // visible while focused (it is screen-reader-only until then)
      expect(skip.width).toBeGreaterThan(1);
      expect(skip.height).toBeGreaterThan(1);

      await page.keyboard.press("Enter");
      await page
        .waitForFunction(() => document.activeElement?.localName === "main", undefined, { timeout: 5_000 })
        .catch(() => undefined);
      expect(await page.evaluate(() => document.activeElement?.id)).toBe("main");
    },
  );
});
