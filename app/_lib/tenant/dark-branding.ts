import { contrastRatio, readableTextOn } from "./branding";
import type { Branding } from "./schema";

/**
 * The dark theme (prefers-color-scheme: dark) of a tenant's colours. The colours a tenant chose are
 * tuned for a white card; on a dark card the same primary is a dark heading on a dark surface. So
 * each is moved, only as far as needed, until it meets WCAG 2.2 AA where it is used there: the
 * primary lightened until headings and borders reach 4.5:1 on the dark card, the accent and the
 * background darkened until light text on them does. The hue stays the tenant's.
 */
export const DARK_SURFACE = "#1c1d22";
export const DARK_TEXT = "#f3f3f5";
const MIN_CONTRAST = 4.5;

export interface DarkColours {
  primary: string;
  onPrimary: string;
  accent: string;
  background: string;
}

export function darkColours(branding: Pick<Branding, "primaryColor" | "accentColor" | "backgroundColor">): DarkColours {
  const primary = mixUntil(branding.primaryColor, "#ffffff", (c) => contrastRatio(c, DARK_SURFACE) >= MIN_CONTRAST);
  return {
    primary,
    onPrimary: readableTextOn(primary),
    accent: mixUntil(branding.accentColor, DARK_SURFACE, (c) => contrastRatio(c, DARK_TEXT) >= MIN_CONTRAST),
    // The page behind the card: the tenant's tint, dark enough for the footer's light text.
    background: mixUntil(mix(branding.backgroundColor, "#000000", 0.85), "#000000", (c) => contrastRatio(c, DARK_TEXT) >= 7),
  };
}

/** The first of colour, then colour moved 5 % at a time towards target, that passes; target itself at worst. */
function mixUntil(colour: string, target: string, passes: (hex: string) => boolean): string {
  for (let step = 0; step <= 20; step++) {
    const candidate = mix(colour, target, step / 20);
    if (passes(candidate)) return candidate;
  }
  return target;
}

/** sRGB mix: `amount` 0 is `from`, 1 is `to`. */
export function mix(from: string, to: string, amount: number): string {
  const channel = (hex: string, offset: number) => parseInt(hex.slice(offset, offset + 2), 16);
  return (
    "#" +
    [1, 3, 5]
      .map((offset) => Math.round(channel(from, offset) + (channel(to, offset) - channel(from, offset)) * amount))
      .map((value) => value.toString(16).padStart(2, "0"))
      .join("")
  );
}
