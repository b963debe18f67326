// The bench's page table: what each guest page weighs as a browser loads it from `next start` —
// the HTML, every script and stylesheet it references (src, href of stylesheets and of preloaded
// scripts), each gzip-compressed (zlib level 6, what a compressing server or proxy sends), and the
// JavaScript inside the HTML's own <script> elements. The journey pages are reached by walking a
// real sign-up over HTTP (tests/helpers/http-journey.ts), the error page by an authorization
// request with an unknown client, as a person would reach them.
import { randomUUID } from "node:crypto";
import { gzipSync } from "node:zlib";
import { authorizeUrl, HttpBrowser, pkcePair, runJourney, type Page } from "../helpers/http-journey";
import { startSite, WOODGROVE_DEMO } from "../soak/site";

export interface PageRow {
  page: string;
  path: string;
  status: number;
  htmlGzipBytes: number;
  /** Scripts the page loads from files (script src, modulepreload / preload as=script), gzip. */
  scriptFiles: number;
  jsGzipBytes: number;
  /** Characters of JavaScript inside the HTML's <script> elements (already counted in the HTML's bytes). */
  inlineJsBytes: number;
  cssFiles: number;
  cssGzipBytes: number;
  /** HTML + JS + CSS, gzip. */
  totalGzipBytes: number;
  /** Issue 15's "Weight": no JavaScript at all (no script file, no inline script) … */
  noJavaScript: boolean;
  /** … and at most TARGET_GZIP_BYTES in total. */
  withinTarget: boolean;
}

/** Issue 15's target for a guest page: at most 25 KB gzip in total (HTML + CSS + JS), and no JavaScript. */
export const TARGET_GZIP_BYTES = 25_000;

const gzipBytes = (body: Uint8Array) => gzipSync(body, { level: 6 }).length;

/** The scripts and stylesheets a page's HTML makes the browser fetch. */
function resourcesOf(html: string, base: URL): { scripts: URL[]; styles: URL[] } {
  const scripts = new Set<string>();
  const styles = new Set<string>();
  const attr = (tag: string, name: string) => new RegExp(`\\s${name}="([^"]*)"`, "i").exec(tag)?.[1]?.replaceAll("&amp;", "&");
  for (const [tag] of html.matchAll(/<script\b[^>]*>/gi)) {
    const src = attr(tag, "src");
    if (src) scripts.add(new URL(src, base).href);
  }
  for (const [tag] of html.matchAll(/<link\b[^>]*>/gi)) {
    const rel = (attr(tag, "rel") ?? "").toLowerCase();
    const href = attr(tag, "href");
    if (!href) continue;
    if (rel === "stylesheet") styles.add(new URL(href, base).href);
    else if (rel === "modulepreload" || (rel === "preload" && attr(tag, "as") === "script"))
      scripts.add(new URL(href, base).href);
  }
  return { scripts: [...scripts].map((u) => new URL(u)), styles: [...styles].map((u) => new URL(u)) };
}

const inlineScriptBytes = (html: string) =>
  [...html.matchAll(/<script\b(?![^>]*\ssrc=)[^>]*>([\s\S]*?)<\/script>/gi)].reduce(
    (sum, [, body = ""]) => sum + Buffer.byteLength(body),
    0,
  );

async function weigh(name: string, page: Page, origin: string): Promise<PageRow> {
  const { scripts, styles } = resourcesOf(page.html, page.url);
  const size = async (urls: URL[]) => {
    let total = 0;
    for (const url of urls) {
      if (url.origin !== origin) continue;
      const response = await fetch(url);
      if (response.status !== 200) throw new Error(`${name}: ${url.pathname} answered ${response.status}`);
      total += gzipBytes(new Uint8Array(await response.arrayBuffer()));
    }
    return total;
  };
  const htmlGzipBytes = gzipBytes(Buffer.from(page.html));
  const jsGzipBytes = await size(scripts);
  const cssGzipBytes = await size(styles);
  const inlineJsBytes = inlineScriptBytes(page.html);
  const totalGzipBytes = htmlGzipBytes + jsGzipBytes + cssGzipBytes;
  return {
    page: name,
    // Journey ids are random: the path names the kind of page, not the run.
    path: page.url.pathname.replace(/\/journey\/[^/]+/, "/journey/{id}"),
    status: page.status,
    htmlGzipBytes,
    scriptFiles: scripts.length,
    jsGzipBytes,
    inlineJsBytes,
    cssFiles: styles.length,
    cssGzipBytes,
    totalGzipBytes,
    // An element such as <script type="application/json"> is data, but none belongs on these pages either.
    noJavaScript: scripts.length === 0 && !/<script\b/i.test(page.html),
    withinTarget: totalGzipBytes <= TARGET_GZIP_BYTES,
  };
}

/** Starts its own site (fresh database, the existing build), weighs every guest page, stops it. */
export async function measurePages(log: (message: string) => void): Promise<PageRow[]> {
  const site = await startSite();
  try {
    log(`pages: next start at ${site.origin}`);
    const options = { origin: site.origin, mailDir: site.mailDir, acceptLanguage: "en" };
    const journey = await runJourney(options, WOODGROVE_DEMO, `pages-${randomUUID()}@example.com`);
    const step = (name: string) => {
      const seen = journey.pages.find((p) => p.step === name);
      if (!seen) throw new Error(`pages: the journey had no ${name} step`);
      return seen.page;
    };
    const browser = new HttpBrowser(options);
    const get = (path: string) => browser.navigate(new URL(path, site.origin));
    const unknownClient = authorizeUrl(site.origin, { ...WOODGROVE_DEMO, clientId: randomUUID() }, pkcePair().challenge);
    const errorPage = await browser.navigate(unknownClient);
    const pages: [string, Page][] = [
      ["journey: e-mail step", step("email")],
      ["journey: passcode step", step("passcode")],
      ["journey: attributes step", step("attributes")],
      ["error page", errorPage],
      ["signed out", await get(`/${WOODGROVE_DEMO.tenant}/signed-out`)],
      ["tenant home", await get(`/${WOODGROVE_DEMO.tenant}`)],
      ["sign-out confirmation", await get(`/${WOODGROVE_DEMO.tenant}/logout`)],
      ["account (not signed in)", await get(`/${WOODGROVE_DEMO.tenant}/account`)],
      ["invitation closed", await get(`/${WOODGROVE_DEMO.tenant}/invite/closed?reason=expired`)],
      ["error page: unexpected failure", await get(`/${WOODGROVE_DEMO.tenant}/error?code=unexpected&ref=0123456789`)],
      ["404: unknown path", await get(`/${WOODGROVE_DEMO.tenant}/no-such-page`)],
      // A journey id nobody has: what a purged journey's old address answers.
      ["404: stale journey", await get(`/${WOODGROVE_DEMO.tenant}/journey/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAA`)],
      ["404: unknown tenant", await get(`/no-such-tenant`)],
    ];
    const rows: PageRow[] = [];
    for (const [name, page] of pages) rows.push(await weigh(name, page, site.origin));
    return rows;
  } finally {
    await site.stop();
  }
}

/** The table as the bench prints it (KB = 1,000 bytes), with the target beside each page and a verdict under it. */
export function pagesTable(rows: PageRow[]): string {
  const kb = (bytes: number) => (bytes / 1000).toFixed(1);
  const target = `no JS, ≤ ${kb(TARGET_GZIP_BYTES)} KB`;
  const header = ["page", "status", "HTML gz KB", "JS files", "JS gz KB", "inline JS KB", "CSS gz KB", "total gz KB", target];
  const lines = rows.map((r) => [
    `${r.page} (${r.path})`,
    String(r.status),
    kb(r.htmlGzipBytes),
    String(r.scriptFiles),
    kb(r.jsGzipBytes),
    kb(r.inlineJsBytes),
    kb(r.cssGzipBytes),
    kb(r.totalGzipBytes),
    r.noJavaScript && r.withinTarget ? "met" : !r.noJavaScript ? "NOT MET (JavaScript)" : "NOT MET (bytes)",
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i]!.length)));
  const format = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join("  ");
  const met = rows.filter((r) => r.noJavaScript && r.withinTarget).length;
  const verdict = `guest pages: ${met} of ${rows.length} ship no JavaScript and weigh at most ${kb(TARGET_GZIP_BYTES)} KB gzip in total (issue 15, "Weight")`;
  return [format(header), format(widths.map((w) => "-".repeat(w))), ...lines.map(format), "", verdict].join("\n");
}
