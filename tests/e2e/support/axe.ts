// WCAG 2.2 AA checks with axe-core in the real page. The source goes in through page.evaluate
// (DevTools protocol), which the page's CSP does not govern, so the page keeps its real CSP.
import { readFileSync } from "node:fs";
import type { Page } from "playwright-core";
import { axeSourcePath } from "./paths";

export const WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];

let axeSource: string | undefined;

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  helpUrl: string;
  nodes: { target: unknown[]; html: string; failureSummary?: string }[];
}

export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  axeSource ??= readFileSync(axeSourcePath, "utf8");
  const loaded = await page.evaluate(() => "axe" in window);
  if (!loaded) await page.evaluate(axeSource);
  return page.evaluate(async (tags) => {
    const axe = (
      window as unknown as { axe: { run(context: Document, options: object): Promise<{ violations: AxeViolation[] }> } }
    ).axe;
    const results = await axe.run(document, { runOnly: { type: "tag", values: tags }, resultTypes: ["violations"] });
    return results.violations.map(({ id, impact, help, helpUrl, nodes }) => ({
      id,
      impact,
      help,
      helpUrl,
      nodes: nodes.map(({ target, html, failureSummary }) => ({ target, html, failureSummary })),
    }));
  }, WCAG_TAGS);
}

export function formatViolations(violations: AxeViolation[]): string {
  return violations
    .map((v) =>
      [
        `${v.id} (${v.impact ?? "no impact"}): ${v.help}`,
        `  ${v.helpUrl}`,
        ...v.nodes.flatMap((node) => [
          `  at ${JSON.stringify(node.target)}: ${node.html}`,
          ...(node.failureSummary ?? "").split("\n").map((line) => `      ${line}`),
        ]),
      ].join("\n"),
    )
    .join("\n\n");
}

/** Fails with every WCAG 2.2 AA violation axe finds on the page as it is now, readably. */
export async function expectNoAxeViolations(page: Page): Promise<void> {
  const violations = await axeViolations(page);
  if (violations.length > 0) {
    throw new Error(
      `axe found ${violations.length} WCAG 2.2 AA violation(s) on ${page.url()}:\n\n${formatViolations(violations)}`,
    );
  }
}
