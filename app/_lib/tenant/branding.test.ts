import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseTenantsConfig } from "./load";
import { brandingStyleSheet, contrastRatio, readableTextOn } from "./branding";

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
