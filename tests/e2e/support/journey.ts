// Walking a sign-up-or-sign-in journey in the browser the way a person does (by the labels and
// buttons the page shows in its language), and the words to expect there, formatted from the same
// messages/<locale>.json and user-flow overrides the server uses (never written out in a test).
import { readFileSync } from "node:fs";
import path from "node:path";
import type { Locator, Page } from "playwright-core";
import { createTranslator } from "use-intl/core";
import { expect } from "vitest";
import type { Locale } from "../../../app/_lib/i18n";
import { expectNoAxeViolations } from "./axe";
import { htmlLang } from "./browser";
import { repoRoot } from "./paths";

export type Translate = (key: string, values?: Record<string, string | number>) => string;

type Tree = { [key: string]: string | Tree };

/** A user flow's message overrides for a locale, from its user-flows file (`overrides`). */
export function flowOverrides(flowFile: string, flowName: string, locale: string): Record<string, string> {
  const file = JSON.parse(readFileSync(flowFile, "utf8")) as {
    userFlows: { name: string; overrides?: Record<string, Record<string, string>> }[];
  };
  const flow = file.userFlows.find((f) => f.name === flowName);
  if (!flow) throw new Error(`${flowFile} has no user flow ${flowName}`);
  return flow.overrides?.[locale] ?? {};
}

/**
 * The journey's words in a locale, ICU plurals included, with a flow's overrides laid over
 * messages/<locale>.json as the journey page does. A key that is not there fails the test.
 */
export function journeyTexts(locale: string, overrides: Record<string, string> = {}): Translate {
  const messages = JSON.parse(readFileSync(path.join(repoRoot, "messages", `${locale}.json`), "utf8")) as Tree;
  for (const [key, text] of Object.entries(overrides)) {
    const parts = key.split(".");
    let node: Tree = messages;
    for (const part of parts.slice(0, -1)) node = node[part] as Tree;
    node[parts.at(-1)!] = text;
  }
  // The catalog's locale type is Guestgate's Locale (app/_lib/i18n/next-intl.d.ts); a wrong one fails at readFileSync above.
  const translate = createTranslator({ locale: locale as Locale, messages, timeZone: "UTC" }) as unknown as Translate & {
    has(key: string): boolean;
  };
  return (key, values) => {
    if (!translate.has(key)) throw new Error(`messages/${locale}.json has no message ${key}`);
    return translate(key, values);
  };
}

/** The journey id in the page's URL (/{tenant}/journey/{id}/{step}), or undefined when not on a journey page. */
export function journeyIdOf(page: Page, tenant: string): string | undefined {
  return journeyAddressOf(page, tenant)?.id;
}

/** The journey id and the step segment of the page's URL (/{tenant}/journey/{id}/{step}). */
export function journeyAddressOf(page: Page, tenant: string): { id: string; step: string | undefined } | undefined {
  const match = new RegExp(`^/${tenant}/journey/([A-Za-z0-9_-]+)(?:/([a-z-]+))?$`).exec(new URL(page.url()).pathname);
  return match ? { id: match[1]!, step: match[2] } : undefined;
}

export async function heading(page: Page): Promise<string> {
  return ((await page.locator("main h1").first().textContent()) ?? "").trim();
}

/** The texts of the page's announcements (role alert or status), in order. */
export async function announcements(page: Page): Promise<string[]> {
  const texts = await page.locator("main [role=alert], main [role=status]").allTextContents();
  return texts.map((text) => text.trim());
}

/**
 * Does what submits a form (a click, Enter), then waits until the document it leads to has loaded:
 * after the POST's 303, and after any further redirects (to an upstream, back to the application).
 */
export async function submitAndWait(page: Page, submit: () => Promise<void>): Promise<void> {
  const navigated = page.waitForEvent("framenavigated", { predicate: (frame) => frame === page.mainFrame(), timeout: 15_000 });
  await submit();
  await navigated;
  await page.waitForLoadState("load");
}

export interface StepExpectation {
  tenant: string;
  locale: string;
  title: string;
  /** Run axe on the page (default true). */
  axe?: boolean;
}

/** The page is a step of a journey of this tenant, in this language, with this heading, and accessible. */
export async function expectStep(page: Page, { tenant, locale, title, axe = true }: StepExpectation): Promise<string> {
  const id = journeyIdOf(page, tenant);
  expect(id, `a journey page of ${tenant}, not ${page.url()}`).toBeDefined();
  expect(await htmlLang(page)).toBe(locale);
  expect(await heading(page)).toBe(title);
  if (axe) await expectNoAxeViolations(page);
  return id!;
}

/** The heading a journey of this application opens on: the choice, or the address page when the passcode is the only way in. */
export function firstStepTitle(app: { passcodeOnly: boolean }, t: Translate): string {
  return t(app.passcodeOnly ? "otp.request.title" : "journey.chooseProvider.title");
}

/** The journey's buttons and fields, found by what they say in the page's language. */
export function journeyPage(page: Page, t: Translate) {
  const button = (name: string): Locator => page.locator("main").getByRole("button", { name, exact: true });
  return {
    button,
    /**
     * Chooses the passcode on the choice page. A flow whose only way in is the passcode has no
     * choice page: the journey opened on the address page, which this then checks instead.
     */
    async chooseEmail() {
      if ((await heading(page)) === t("journey.chooseProvider.title"))
        await submitAndWait(page, () => button(t("journey.chooseProvider.emailOption")).click());
      else expect(await heading(page)).toBe(t("otp.request.title"));
    },
    /** Chooses an upstream by its button ("Continue with Google"); the browser ends on the upstream's page. */
    async chooseUpstream(providerName: string) {
      await submitAndWait(page, () => button(t("journey.chooseProvider.continueWith", { provider: providerName })).click());
    },
    async requestCode(email: string) {
      await page.getByLabel(t("otp.request.emailLabel"), { exact: true }).fill(email);
      await submitAndWait(page, () => button(t("otp.request.submit")).click());
    },
    async enterCode(code: string) {
      await page.getByLabel(t("otp.verify.codeLabel"), { exact: true }).fill(code);
      await submitAndWait(page, () => button(t("otp.verify.submit")).click());
    },
    /** Fills the attribute form: text inputs and selects by field name, radio groups by value. */
    async fillAttributes(values: Record<string, string>) {
      for (const [name, value] of Object.entries(values)) {
        const field = page.locator(`main form [name="${name}"]`);
        const first = field.first();
        const kind = await first.evaluate((el) => (el.localName === "input" ? (el as HTMLInputElement).type : el.localName));
        if (kind === "radio" || kind === "checkbox") await page.locator(`main form [name="${name}"][value="${value}"]`).check();
        else if (kind === "select") await first.selectOption(value);
        else await first.fill(value);
      }
    },
    async submitAttributes() {
      await submitAndWait(page, () => button(t("attributes.page.submit")).click());
    },
    /** The names of the attribute form's fields, in page order (what the guest is asked for). */
    async attributeFields(): Promise<string[]> {
      const names = await page
        .locator("main form input:not([type=hidden]), main form select, main form textarea")
        .evaluateAll((els) => els.map((el) => (el as HTMLInputElement).name));
      return [...new Set(names)];
    },
  };
}

/** Switches the page's language with the header's switcher; the page it returns to has loaded. */
export async function switchLanguage(page: Page, tenant: string, locale: string): Promise<void> {
  const button = page.locator(`header form[action="/${tenant}/locale"] button[value="${locale}"]`);
  await submitAndWait(page, () => button.click());
}

/** A fresh address for one test's guest (each address has its own passcode rate limit). */
export function uniqueEmail(label: string): string {
  return `${label}-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}@guests.example`;
}
