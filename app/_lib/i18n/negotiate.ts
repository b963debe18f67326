import { isLocale, type Locale } from "./locales";

export interface LocaleSources {
  /** OpenID Connect `ui_locales`: space-separated BCP 47 tags, most preferred first (OIDC Core §3.1.2.1). */
  uiLocales?: string | null;
  cookie?: string | null;
  acceptLanguage?: string | null;
}

/**
 * Picks the page language: `ui_locales` → cookie → Accept-Language → the tenant's default, and
 * only ever one of the tenant's enabled languages.
 */
export function negotiateLocale(sources: LocaleSources, enabled: readonly Locale[], fallback: Locale): Locale {
  const pick = (tags: readonly string[]) =>
    tags.map(baseLanguage).find((tag): tag is Locale => isLocale(tag) && enabled.includes(tag));
  return (
    pick(splitUiLocales(sources.uiLocales)) ??
    pick(sources.cookie ? [sources.cookie] : []) ??
    pick(parseAcceptLanguage(sources.acceptLanguage)) ??
    fallback
  );
}

function splitUiLocales(value: string | null | undefined): string[] {
  return value ? value.split(" ").filter(Boolean).slice(0, 20) : [];
}

/** `nl-BE` → `nl`: Guestgate ships one variant per language. */
function baseLanguage(tag: string): string {
  return tag.trim().toLowerCase().split(/[-_]/)[0] ?? "";
}

/** RFC 9110 §12.5.4: language ranges ordered by q-value; q=0 means "not acceptable". */
export function parseAcceptLanguage(header: string | null | undefined): string[] {
  if (!header) return [];
  return header
    .split(",")
    .slice(0, 30)
    .map((part, index) => {
      const [range = "", ...params] = part.trim().split(";");
      const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
      const weight = q ? Number(q.slice(2)) : 1;
      return { range: range.trim(), weight: Number.isFinite(weight) ? weight : 0, index };
    })
    .filter((entry) => entry.range && entry.range !== "*" && entry.weight > 0)
    .sort((a, b) => b.weight - a.weight || a.index - b.index)
    .map((entry) => entry.range);
}
