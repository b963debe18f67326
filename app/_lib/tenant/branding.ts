import { darkColours, DARK_TEXT } from "./dark-branding";
import type { Branding } from "./schema";

/**
 * Branding becomes CSS custom properties; the Tailwind theme reads them (app/globals.css), so no
 * component ever branches on which tenant it serves. Values are already validated (#rrggbb, public
 * paths), which is what makes it safe to write them into a style sheet.
 */
export function brandingCssVariables(branding: Branding): Record<string, string> {
  return {
    "--brand-primary": branding.primaryColor,
    "--brand-on-primary": readableTextOn(branding.primaryColor),
    "--brand-accent": branding.accentColor,
    "--brand-background": branding.backgroundColor,
    "--brand-on-background": readableTextOn(branding.backgroundColor),
    "--brand-background-image": branding.backgroundImage ? `url("${branding.backgroundImage}")` : "none",
  };
}

export function brandingStyleSheet(branding: Branding): string {
  const declarations = (variables: Record<string, string>) =>
    Object.entries(variables)
      .map(([name, value]) => `${name}:${value}`)
      .join(";");
  const dark = darkColours(branding);
  const darkVariables = {
    "--brand-primary": dark.primary,
    "--brand-on-primary": dark.onPrimary,
    "--brand-accent": dark.accent,
    "--brand-background": dark.background,
    "--brand-on-background": DARK_TEXT,
  };
  return (
    `:root{${declarations(brandingCssVariables(branding))}}` +
    `@media (prefers-color-scheme: dark){:root{${declarations(darkVariables)}}}`
  );
}

/**
 * Black or white, whichever contrasts more with the colour (WCAG 2.2 relative luminance), so that a
 * tenant choosing a light primary colour cannot make its own buttons unreadable.
 */
export function readableTextOn(hex: string): "#000000" | "#ffffff" {
  const luminance = relativeLuminance(hex);
  const contrastWithWhite = 1.05 / (luminance + 0.05);
  const contrastWithBlack = (luminance + 0.05) / 0.05;
  return contrastWithBlack >= contrastWithWhite ? "#000000" : "#ffffff";
}

export function relativeLuminance(hex: string): number {
  const channel = (offset: number) => {
    const value = parseInt(hex.slice(offset, offset + 2), 16) / 255;
    return value <= 0.04045 ? value / 12.92 : ((value + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
}

export function contrastRatio(a: string, b: string): number {
  const [light, dark] = [relativeLuminance(a), relativeLuminance(b)].sort((x, y) => y - x) as [number, number];
  return (light + 0.05) / (dark + 0.05);
}
