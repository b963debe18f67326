// A real Chromium (Debian's, never a downloaded one) for the browser tests. Every page a test opens
// is watched: a console error, an uncaught exception or a Content-Security-Policy violation fails
// that test, even when the test itself only looked at something else.
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from "playwright-core";
import { afterAll, afterEach, beforeAll } from "vitest";
import { baseURL } from "./site";

/** Exactly these: headless, no sandbox (containers), no GPU, and no network except this machine. */
export const CHROMIUM_ARGS = [
  "--headless=new",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1",
];

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args: CHROMIUM_ARGS });
}

export interface PageOptions {
  /** Accept-Language the browser sends (and navigator.language); "en-US" when not given. */
  acceptLanguage?: string;
  /**
   * Console errors this test expects, matched against "text (url)"; e.g. Chromium logs a page that
   * answers 404 as "Failed to load resource: … 404". Anything else still fails the test.
   */
  expectedConsoleErrors?: RegExp[];
  /** false: the page runs no script at all, to see what works without JavaScript (default true). */
  javaScript?: boolean;
  /** Another server than the suite's (a test that starts its own `next start`). */
  baseURL?: string;
  /**
   * The Graph tier's own https server, whose certificate comes from a CA made for the run that only
   * the test process trusts (support/https.ts): the browser accepts it without that CA.
   */
  acceptRunCertificate?: boolean;
}

interface Watched {
  expected: RegExp[];
  consoleErrors: string[];
  cspViolations: string[];
  pageErrors: string[];
}

const CSP_BINDING = "__guestgateE2eCspViolation";

export interface BrowserSession {
  /** A new page in a fresh context (own cookies), watched for console errors and CSP violations. */
  newPage(options?: PageOptions): Promise<Page>;
}

/**
 * Call at the top of a test file: one Chromium for the file, a fresh context per page, and after
 * each test its pages' problems are checked and its contexts closed.
 */
export function withBrowser(): BrowserSession {
  let browser: Browser | undefined;
  let contexts: BrowserContext[] = [];
  let watched: Watched[] = [];

  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });
  afterEach(async () => {
    // Let late requests (the favicon, say) finish, so that their errors count for this test, every run.
    const pages = contexts.flatMap((context) => context.pages());
    await Promise.all(pages.map((page) => page.waitForLoadState("networkidle", { timeout: 3_000 }).catch(() => undefined)));
    const report = watched.flatMap(describeProblems);
    await Promise.all(contexts.map((context) => context.close().catch(() => undefined)));
    contexts = [];
    watched = [];
    if (report.length > 0) throw new Error(`The page reported problems:\n${report.map((line) => `  - ${line}`).join("\n")}`);
  });

  return {
    async newPage(options = {}) {
      if (!browser) throw new Error("withBrowser(): the browser is not running (call it at the top level of the test file)");
      const acceptLanguage = options.acceptLanguage ?? "en-US";
      const contextOptions: BrowserContextOptions = {
        baseURL: options.baseURL ?? baseURL(),
        javaScriptEnabled: options.javaScript ?? true,
        locale: acceptLanguage.split(",")[0]!.split(";")[0]!.trim(),
        extraHTTPHeaders: { "Accept-Language": acceptLanguage },
        ignoreHTTPSErrors: options.acceptRunCertificate ?? false,
      };
      const context = await browser.newContext(contextOptions);
      contexts.push(context);
      const record: Watched = {
        expected: options.expectedConsoleErrors ?? [],
        consoleErrors: [],
        cspViolations: [],
        pageErrors: [],
      };
      watched.push(record);
      // Before the first page exists, so that its very first document is watched too.
      await context.exposeBinding(CSP_BINDING, (_source, line: string) => {
        record.cspViolations.push(line);
      });
      await context.addInitScript((binding: string) => {
        document.addEventListener(
          "securitypolicyviolation",
          (event) => {
            const report = (window as unknown as Record<string, (line: string) => void>)[binding];
            report?.(
              `${event.violatedDirective} blocked ${event.blockedURI || "inline"} on ${event.documentURI} (${event.sourceFile}:${event.lineNumber}) ${event.sample}`,
            );
          },
          true,
        );
      }, CSP_BINDING);
      const page = await context.newPage();
      watch(page, record);
      return page;
    },
  };
}

function watch(page: Page, watched: Watched): void {
  page.on("console", (message) => {
    const text = message.text();
    const where = message.location().url;
    const line = `${text}${where ? ` (${where})` : ""}`;
    if (/content security policy/i.test(text)) watched.cspViolations.push(`console: ${line}`);
    else if (message.type() === "error") watched.consoleErrors.push(line);
  });
  page.on("pageerror", (error) => watched.pageErrors.push(error.stack ?? error.message));
}

function describeProblems(watched: Watched): string[] {
  const unexpected = watched.consoleErrors.filter((line) => !watched.expected.some((pattern) => pattern.test(line)));
  return [
    ...unexpected.map((line) => `console error: ${line}`),
    ...watched.cspViolations.map((line) => `CSP violation: ${line}`),
    ...watched.pageErrors.map((line) => `uncaught exception: ${line}`),
  ];
}

/** The console error Chromium logs for a document at path that answers 404 (and for nothing else). */
export function notFoundDocument(path: string): RegExp {
  return notFoundResource(new URL(path, baseURL()).toString());
}

/**
 * The console error Chromium logs when the resource at this absolute URL answers 404, on any
 * origin: e.g. the favicon Chromium asks a test identity provider for, which has none.
 */
export function notFoundResource(url: string): RegExp {
  const escaped = url.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return new RegExp(`^Failed to load resource: the server responded with a status of 404 \\(Not Found\\) \\(${escaped}\\)$`);
}

/**
 * The page's <html lang>, once it has one: a 404 from notFound() arrives as an empty shell that
 * React fills in (lang included) after the scripts run.
 */
export async function htmlLang(page: Page): Promise<string | null> {
  await page.locator("html[lang]").waitFor({ state: "attached", timeout: 10_000 });
  return page.locator("html").getAttribute("lang");
}
