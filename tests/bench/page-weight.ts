// The guest pages' weight as a browser loads them: every response of the page (document, scripts,
// style sheets, images), each gzipped at level 9, summed per page and for JavaScript alone (the
// front-end review's D5 table). Walks the demo's sign-up to reach the journey steps.
//
//   npx tsx tests/bench/page-weight.ts http://localhost:3000 [tenant]
import { gzipSync } from "node:zlib";
import { chromium, type Page } from "playwright-core";
import { CHROMIUM_ARGS } from "../e2e/support/browser";

interface Weight {
  page: string;
  total: number;
  js: number;
  requests: number;
}

async function measure(page: Page, label: string, go: () => Promise<unknown>): Promise<Weight> {
  const bodies: Promise<{ js: boolean; bytes: number }>[] = [];
  const onResponse = (response: import("playwright-core").Response) => {
    if (response.status() >= 300 && response.status() < 400) return;
    const type = response.request().resourceType();
    bodies.push(
      response
        .body()
        .then((body) => ({ js: type === "script", bytes: gzipSync(body, { level: 9 }).length }))
        .catch(() => ({ js: false, bytes: 0 })),
    );
  };
  page.on("response", onResponse);
  await go();
  await page.waitForLoadState("networkidle");
  page.off("response", onResponse);
  const sizes = await Promise.all(bodies);
  return {
    page: label,
    total: sizes.reduce((sum, s) => sum + s.bytes, 0),
    js: sizes.filter((s) => s.js).reduce((sum, s) => sum + s.bytes, 0),
    requests: sizes.length,
  };
}

async function main() {
  const [base = "http://localhost:3000", tenant = "woodgrove"] = process.argv.slice(2);
  const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: CHROMIUM_ARGS });
  // A fresh context per page: nothing comes from the browser's cache.
  const fresh = async () => (await browser.newContext({ baseURL: base })).newPage();
  const rows: Weight[] = [];
  for (const [label, path] of [
    ["tenant home", `/${tenant}`],
    ["signed-out", `/${tenant}/signed-out`],
    ["error", `/${tenant}/error?error=interaction_expired`],
    ["404 (unknown path)", `/${tenant}/no-such-page`],
  ] as const) {
    const page = await fresh();
    rows.push(await measure(page, label, () => page.goto(path)));
    await page.context().close();
  }
  // The journey: the demo's sign-in lands on the first step; the cache is cleared between steps.
  const page = await fresh();
  const session = await page.context().newCDPSession(page);
  await session.send("Network.setCacheDisabled", { cacheDisabled: true });
  rows.push(await measure(page, "journey: first step", () => page.goto(`/demo/login?tenant=${tenant}&lang=en`)));
  const email = `weight-${Date.now()}@guests.example`;
  if (await page.locator("input[name=email]").count()) {
    await page.fill("input[name=email]", email);
    rows.push(await measure(page, "journey: code", () => page.locator("main form button[type=submit]").first().click()));
    await page.fill("input[name=code]", "000000");
    rows.push(await measure(page, "journey: code, error", () => page.locator("main form button[type=submit]").first().click()));
  }
  await browser.close();
  const kb = (n: number) => (n / 1024).toFixed(1);
  console.log("| page | total KB gzip | JS KB gzip | requests |\n|---|---|---|---|");
  for (const row of rows) console.log(`| ${row.page} | ${kb(row.total)} | ${kb(row.js)} | ${row.requests} |`);
}

void main();
