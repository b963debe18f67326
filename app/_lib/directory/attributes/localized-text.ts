import type { LocalizedText } from "./types";

/**
 * The text for `locale`, else for the first fallback that has one, else any. Import checks make
 * every enabled language present, so fallbacks only matter when a tenant adds a language before
 * its flows are translated.
 */
export function pickText(
  text: LocalizedText | undefined,
  locale: string | undefined,
  fallbacks: readonly string[] = ["en"],
): string | undefined {
  if (!text) return undefined;
  const record = text as Record<string, string | undefined>;
  for (const candidate of [locale, ...fallbacks]) {
    if (candidate && record[candidate]) return record[candidate];
  }
  return Object.values(record).find(Boolean);
}
