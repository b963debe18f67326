import isoCodes from "i18n-iso-countries/codes.json";

/**
 * ISO 3166-1 alpha-2 codes, from the `i18n-iso-countries` package's code table (alpha-2, alpha-3,
 * numeric), which tracks the ISO 3166 Maintenance Agency. Only the codes are taken from it: the
 * names come from the runtime's CLDR data through Intl.DisplayNames, in the page's language.
 *
 * The table also carries XK (Kosovo), a user-assigned code outside ISO 3166-1; X* codes are
 * user-assigned by the standard, so they are left out and the list is the standard's 249.
 */
export const COUNTRY_CODES: readonly string[] = (isoCodes as string[][])
  .map(([alpha2]) => alpha2!)
  .filter((code) => !code.startsWith("X"))
  .sort();

const known = new Set(COUNTRY_CODES);

export function isCountryCode(value: string): boolean {
  return known.has(value);
}

/** `" se "` → `"SE"`; anything that is not an ISO 3166-1 alpha-2 code → undefined. */
export function normalizeCountryCode(value: string): string | undefined {
  const code = value.trim().toUpperCase();
  return known.has(code) ? code : undefined;
}

export interface CountryOption {
  readonly code: string;
  readonly name: string;
}

const listCache = new Map<string, readonly CountryOption[]>();

/** Every country, named in `locale` and sorted as a reader of that language expects ("Österrike" after "Zambia" in Swedish). */
export function countryOptions(locale: string): readonly CountryOption[] {
  const cached = listCache.get(locale);
  if (cached) return cached;
  const names = new Intl.DisplayNames([locale], { type: "region", fallback: "code" });
  const collator = new Intl.Collator(locale);
  const list = COUNTRY_CODES.map((code) => ({ code, name: names.of(code) ?? code })).sort((a, b) =>
    collator.compare(a.name, b.name),
  );
  listCache.set(locale, list);
  return list;
}

/** One country's name in `locale`, for messages such as "not a postal code of Sweden". */
export function countryName(code: string, locale: string): string {
  return new Intl.DisplayNames([locale], { type: "region", fallback: "code" }).of(code) ?? code;
}
