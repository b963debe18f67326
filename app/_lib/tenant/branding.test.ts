import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseTenantsConfig } from "./load";
import { brandingStyleSheet, contrastRatio, readableTextOn } from "./branding";
import { darkColours, DARK_SURFACE, DARK_TEXT, mix } from "./dark-branding";

const demo = parseTenantsConfig(readFileSync("tenants.json", "utf8"), "tenants.json");

describe("branding", () => {
  it("picks black text on light colours and white on dark ones", () => {
    expect(readableTextOn("#ffffff")).toBe("#000000");
    expect(readableTextOn("#0b3d6e")).toBe("#ffffff");
    expect(readableTextOn("#f5b82e")).toBe("#000000");
  });

  it.each(demo.tenants.map((t) => [t.slug, t.branding] as const))(
    "%s: text on its colours meets WCAG 2.2 AA (4.5:1)",
    (_slug, branding) => {
      expect(contrastRatio(branding.primaryColor, readableTextOn(branding.primaryColor))).toBeGreaterThanOrEqual(4.5);
      expect(contrastRatio(branding.backgroundColor, readableTextOn(branding.backgroundColor))).toBeGreaterThanOrEqual(4.5);
      // the primary colour is also used for headings on white cards
      expect(contrastRatio(branding.primaryColor, "#ffffff")).toBeGreaterThanOrEqual(4.5);
    },
  );

  it("writes the colours as CSS variables, so no component branches on a tenant", () => {
    const [woodgrove, sparbanken] = demo.tenants;
    expect(brandingStyleSheet(woodgrove!.branding)).toContain("--brand-primary:#1d6b3a");
    expect(brandingStyleSheet(woodgrove!.branding)).toContain('--brand-background-image:url("/tenants/woodgrove/leaves.svg")');
    expect(brandingStyleSheet(sparbanken!.branding)).toContain("--brand-background-image:none");
  });
});

describe("branding in the dark theme", () => {
  const extremes = [
    { primaryColor: "#000000", accentColor: "#ffffff", backgroundColor: "#ffffff" },
    { primaryColor: "#3b3f8f", accentColor: "#d9dbf5", backgroundColor: "#f6f6fa" },
    ...demo.tenants.map((t) => t.branding),
  ];
  it.each(extremes)("$primaryColor / $accentColor / $backgroundColor meets 4.5:1 where each is used on the dark card", (b) => {
    const dark = darkColours(b);
    expect(contrastRatio(dark.primary, DARK_SURFACE)).toBeGreaterThanOrEqual(4.5);
    expect(contrastRatio(dark.primary, dark.onPrimary)).toBeGreaterThanOrEqual(4.5);
    expect(contrastRatio(dark.accent, DARK_TEXT)).toBeGreaterThanOrEqual(4.5);
    expect(contrastRatio(dark.background, DARK_TEXT)).toBeGreaterThanOrEqual(7);
  });
  it("moves a colour only as far as needed and keeps one that already passes", () => {
    expect(darkColours({ primaryColor: "#8f93e6", accentColor: "#2b2d5c", backgroundColor: "#000000" }).primary).toBe("#8f93e6");
    expect(mix("#000000", "#ffffff", 0.5)).toBe("#808080");
  });
  it("writes the dark values in a prefers-color-scheme block after the light ones", () => {
    const sheet = brandingStyleSheet(demo.tenants[0]!.branding);
    expect(sheet).toMatch(/^:root\{[^}]+\}@media \(prefers-color-scheme: dark\)\{:root\{--brand-primary:#[0-9a-f]{6};/);
  });
});
