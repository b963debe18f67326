// What guides a person through the journey beyond what axe-core sees (front-end review D1–D4, D8),
// in each of the four languages: a focus ring that shows whatever the brand colour, focus where the
// work is (the first field; the error summary after a server-side error), a title per step and
// state, the page's own validation messages instead of the browser's, a code accepted as people
// paste it, and 404s that the server renders whole (JavaScript off).
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { APPS, type TestApplication } from "./support/applications";
import { htmlLang, notFoundDocument, withBrowser } from "./support/browser";
import { flowOverrides, heading, journeyPage, journeyTexts, submitAndWait, uniqueEmail, type Translate } from "./support/journey";
import { Mailbox, passcodeIn } from "./support/mailbox";
import { withRelyingParty } from "./support/relying-party";
import { baseURL, message, tenant } from "./support/site";

const browser = withBrowser();
const rp = withRelyingParty();
const mailbox = new Mailbox();

const CASES: { app: TestApplication; locale: string }[] = [
  { app: APPS.woodgrove, locale: "nl" },
  { app: APPS.sparbanken, locale: "sv" },
  { app: APPS.e2e, locale: "fr" },
  { app: APPS.woodgrove, locale: "en" },
];

/** The focused element: what it is, and how its focus ring is drawn. */
async function focused(page: Page) {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement;
    const style = getComputedStyle(el);
    return {
      id: el.id,
      tag: el.localName,
      text: (el.textContent ?? "").trim(),
      focusVisible: el.matches(":focus-visible"),
      outline: `${style.outlineStyle} ${style.outlineWidth} ${style.outlineColor}`,
      boxShadow: style.boxShadow,
      background: style.backgroundColor,
    };
  });
}

/** Keyboard focus on the element (Tab first, so Chromium treats the focus as keyboard focus). */
async function keyboardFocus(page: Page, selector: string) {
  await page.keyboard.press("Tab");
  await page
    .locator(selector)
    .first()
    .evaluate((el) => (el as HTMLElement).focus());
  return focused(page);
}

/** D1: black outside, white inside — one of them contrasts with any brand colour and any card. */
function expectTwoToneRing(ring: Awaited<ReturnType<typeof focused>>) {
  expect(ring.focusVisible).toBe(true);
  expect(ring.outline).toBe("solid 3px rgb(0, 0, 0)");
  expect(ring.boxShadow).toBe("rgb(255, 255, 255) 0px 0px 0px 3px");
}

const titleOf = (t: Translate, key: string, app: TestApplication, values: Record<string, string> = {}) =>
  t("meta.errorTitle", { title: t(key, values), tenant: tenant(app.tenant).displayName });

describe.each(CASES)("guidance at $app.tenant in $locale", ({ app, locale }) => {
  it("titles, focus, the two-tone ring and the page's own validation, step by step", async () => {
    const t = journeyTexts(locale, flowOverrides(app.flowFile, "signup-signin", locale));
    const email = uniqueEmail(`guidance-${locale}`);
    const signIn = await rp.begin(app, { uiLocales: locale });
    const page = await browser.newPage({ acceptLanguage: locale });
    const journey = journeyPage(page, t);
    await page.goto(signIn.url);
    expect(await htmlLang(page)).toBe(locale);

    if (!app.passcodeOnly) {
      expect(await page.title()).toBe(titleOf(t, "journey.chooseProvider.title", app));
      await journey.chooseEmail();
    }

    // D4 + D3: the address page has its own title, and focus is in the field on arrival.
    expect(await page.title()).toBe(titleOf(t, "otp.request.title", app));
    expect((await focused(page)).id).toBe("email");

    // D1: the primary button and the current language show a ring that does not depend on their colour.
    const primary = await keyboardFocus(page, "main button[type=submit]:not([name])");
    expect(primary.text).toBe(t("otp.request.submit"));
    expectTwoToneRing(primary);
    expectTwoToneRing(await keyboardFocus(page, "header button[aria-current=true]"));

    // D8 + D3: no browser bubble (the form does not validate itself); the server's message, in the
    // page's language, in a summary that has focus; the title says there is an error.
    expect(
      await page
        .locator("main form")
        .first()
        .evaluate((form) => (form as HTMLFormElement).noValidate),
    ).toBe(true);
    await page.locator("#email").fill("not-an-address");
    await submitAndWait(page, () => journey.button(t("otp.request.submit")).click());
    expect(await page.title()).toBe(t("meta.errorPrefix", { title: titleOf(t, "otp.request.title", app) }));
    const summary = await focused(page);
    expect(summary.id).toBe("error-summary");
    expect(summary.text).toContain(t("otp.errors.invalidEmail"));

    await journey.requestCode(email);
    expect(await page.title()).toBe(titleOf(t, "otp.verify.title", app));
    expect((await focused(page)).id).toBe("code");
    const code = page.locator("#code");
    expect(await code.getAttribute("inputmode")).toBe("numeric");
    expect(await code.getAttribute("autocomplete")).toBe("one-time-code");
    expect(await code.getAttribute("pattern")).toBeNull();

    // D8: a malformed code gets the page's own message (how many digits), with focus on it.
    await journey.enterCode("12-3");
    expect(await page.title()).toBe(t("meta.errorPrefix", { title: titleOf(t, "otp.verify.title", app) }));
    expect((await focused(page)).text).toContain(t("otp.errors.malformed"));

    // D8: the code pasted as the mail shows it, with a space, is taken whole.
    const digits = passcodeIn(await mailbox.next(email));
    await journey.enterCode(`${digits.slice(0, 3)} ${digits.slice(3)}`);
    expect(await heading(page)).toBe(t("attributes.page.title"));
    expect(await page.title()).toBe(titleOf(t, "attributes.page.title", app));
    const firstField = await page.locator("main form input:not([type=hidden]), main form select").first().getAttribute("id");
    expect((await focused(page)).id).toBe(firstField);

    // D3 + D4 on the attribute page: an empty submit names the problems in a focused summary.
    await journey.submitAttributes();
    expect(await page.title()).toBe(t("meta.errorPrefix", { title: titleOf(t, "attributes.page.title", app) }));
    expect((await focused(page)).id).toBe("error-summary");
    expect((await focused(page)).text).toContain(t("attributes.page.errorSummary"));
  });
});

describe("the attribute page follows the flow's country", () => {
  it("starts the country at the flow's default (SE) and says the customer number's rule (eight digits)", async () => {
    const app = APPS.sparbanken;
    const t = journeyTexts("sv", flowOverrides(app.flowFile, "signup-signin", "sv"));
    const email = uniqueEmail("country-sv");
    const signIn = await rp.begin(app, { uiLocales: "sv" });
    const page = await browser.newPage({ acceptLanguage: "sv" });
    const journey = journeyPage(page, t);
    await page.goto(signIn.url);
    await journey.requestCode(email);
    await journey.enterCode(passcodeIn(await mailbox.next(email)));
    expect(await page.locator("select[name=country]").inputValue()).toBe("SE");
    expect(await page.locator("#customerNumber").getAttribute("inputmode")).toBe("numeric");
    await journey.fillAttributes({ customerNumber: "12" });
    await journey.submitAttributes();
    expect(await page.locator("#customerNumber-error").textContent()).toBe(t("attributes.errors.patternDigits", { count: 8 }));
    expect(await page.locator("#country-error").count()).toBe(0);
  });

  it.each([
    { locale: "sv", country: "SE", countryName: "Sverige", phone: "070-123 45 67", postalCode: "123 45" },
    { locale: "en", country: "NL", countryName: "Netherlands", phone: "06 12345678", postalCode: "1234 AB" },
  ])(
    "in $locale, names the expected phone and postal-code form of the country selected ($country)",
    async ({ locale, country, countryName, phone, postalCode }) => {
      const app = APPS.sparbanken;
      const t = journeyTexts(locale, flowOverrides(app.flowFile, "signup-signin", locale));
      const email = uniqueEmail(`formats-${locale}`);
      const signIn = await rp.begin(app, { uiLocales: locale });
      const page = await browser.newPage({ acceptLanguage: locale });
      const journey = journeyPage(page, t);
      await page.goto(signIn.url);
      await journey.requestCode(email);
      await journey.enterCode(passcodeIn(await mailbox.next(email)));
      await journey.fillAttributes({ country, phone: "123", postalCode: "12" });
      await journey.submitAttributes();
      expect(await page.locator("#phone-error").textContent()).toBe(
        t("attributes.errors.invalidPhoneForCountry", { country: countryName, example: phone }),
      );
      expect(await page.locator("#postalCode-error").textContent()).toBe(
        t("attributes.errors.invalidPostalCodeWithExample", { country: countryName, example: postalCode }),
      );
    },
  );
});

describe("404s rendered whole by the server (JavaScript off)", () => {
  const addresses = [
    { path: "/no-such-tenant", locale: "fr", heading: "notFound.title", body: "notFound.tenantBody" },
    { path: "/woodgrove/nope", locale: "nl", heading: "notFound.title", body: "notFound.pageBody" },
    { path: "/sparbanken/nope/deeper", locale: "sv", heading: "notFound.title", body: "notFound.pageBody" },
    { path: "/nope/deeper", locale: "en", heading: "notFound.title", body: "notFound.tenantBody" },
  ];

  it.each(addresses)(
    "$path in $locale: 404 with lang, a title and an h1 in the HTML itself",
    async ({ path, locale, heading: h1, body }) => {
      // curl-level: the bytes the server sends, before any script could run.
      const response = await fetch(new URL(path, baseURL()), { headers: { "Accept-Language": locale } });
      expect(response.status).toBe(404);
      const html = await response.text();
      expect(html).toContain(`<html lang="${locale}">`);
      expect(html).toMatch(new RegExp(`<title>${message(locale, h1)}( – [^<]+)?</title>`));
      expect(html).toContain(`<h1>${message(locale, h1)}</h1>`);
      expect(html).not.toContain("<script");

      const page = await browser.newPage({
        acceptLanguage: locale,
        javaScript: false,
        expectedConsoleErrors: [notFoundDocument(path)],
      });
      await page.goto(path);
      expect(await page.locator("html").getAttribute("lang")).toBe(locale);
      expect((await page.locator("h1").textContent())?.trim()).toBe(message(locale, h1));
      expect(await page.locator("main").textContent()).toContain(message(locale, body));
    },
  );

  it("an unknown journey says the sign-in expired, with a 404, on a page the server renders, with its own title", async () => {
    const path = "/sparbanken/journey/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";
    const page = await browser.newPage({
      acceptLanguage: "sv",
      javaScript: false,
      expectedConsoleErrors: [notFoundDocument(path)],
    });
    const response = await page.goto(path);
    expect(response?.status()).toBe(404);
    expect(await page.locator("html").getAttribute("lang")).toBe("sv");
    expect((await page.locator("main h1").textContent())?.trim()).toBe(message("sv", "journey.status.goneTitle"));
    expect(await page.title()).toBe(
      message("sv", "meta.errorTitle", {
        title: message("sv", "journey.status.goneTitle"),
        tenant: tenant("sparbanken").displayName,
      }),
    );
  });
});

describe("the dark theme (prefers-color-scheme: dark)", () => {
  /** WCAG relative-luminance contrast of two computed `rgb(r, g, b)` colours. */
  const contrast = (a: string, b: string) => {
    const lum = (rgb: string) => {
      const [r, g, bl] = rgb
        .match(/\d+/g)!
        .map(Number)
        .map((v) => {
          const c = v / 255;
          return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
        }) as [number, number, number];
      return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
    };
    const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x) as [number, number];
    return (hi + 0.05) / (lo + 0.05);
  };

  it.each(CASES)(
    "$app.tenant in $locale: a dark card, the brand colour adjusted to 4.5:1 on it, and the rings swapped",
    async ({ app, locale }) => {
      const t = journeyTexts(locale, flowOverrides(app.flowFile, "signup-signin", locale));
      const signIn = await rp.begin(app, { uiLocales: locale });
      const page = await browser.newPage({ acceptLanguage: locale });
      await page.emulateMedia({ colorScheme: "dark" });
      await page.goto(signIn.url);
      const colours = await page.evaluate(() => {
        const card = document.querySelector("main article")!;
        const button = document.querySelector("main button[type=submit]")!;
        return {
          card: getComputedStyle(card).backgroundColor,
          text: getComputedStyle(card).color,
          heading: getComputedStyle(document.querySelector("main h1")!).color,
          button: getComputedStyle(button).backgroundColor,
          buttonText: getComputedStyle(button).color,
        };
      });
      expect(contrast(colours.card, "rgb(0, 0, 0)")).toBeLessThan(1.5); // the card is dark
      expect(contrast(colours.text, colours.card)).toBeGreaterThanOrEqual(4.5);
      expect(contrast(colours.heading, colours.card)).toBeGreaterThanOrEqual(4.5);
      expect(contrast(colours.buttonText, colours.button)).toBeGreaterThanOrEqual(4.5);
      if (!app.passcodeOnly) await journeyPage(page, t).chooseEmail();
      const ring = await keyboardFocus(page, "main button[type=submit]:not([name])");
      expect(ring.outline).toBe("solid 3px rgb(255, 255, 255)");
      expect(ring.boxShadow).toBe("rgb(0, 0, 0) 0px 0px 0px 3px");
    },
  );
});

describe("details the tools miss (D6, D7, D13)", () => {
  it("the tenant home has a description and a sized logo; in forced colours buttons and the stripe keep a boundary", async () => {
    const page = await browser.newPage({ acceptLanguage: "nl" });
    await page.goto("/woodgrove");
    expect(await page.locator('meta[name="description"]').getAttribute("content")).toBe(
      message("nl", "meta.tenantDescription", { tenant: tenant("woodgrove").displayName }),
    );
    const logo = page.locator("header img").first();
    expect([await logo.getAttribute("width"), await logo.getAttribute("height")]).toEqual(["200", "40"]);

    const signIn = await rp.begin(APPS.woodgrove, { uiLocales: "nl" });
    await page.emulateMedia({ forcedColors: "active" });
    await page.goto(signIn.url);
    const boundaries = await page.evaluate(() => {
      const button = getComputedStyle(document.querySelector("main button[type=submit]")!);
      const stripe = getComputedStyle(document.querySelector(".brand-stripe")!);
      return {
        button: `${button.borderTopStyle} ${button.borderTopWidth}`,
        stripe: `${stripe.borderTopStyle} ${stripe.borderTopWidth}`,
      };
    });
    expect(boundaries).toEqual({ button: "solid 2px", stripe: "solid 1px" });
  });
});
