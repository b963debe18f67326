import { postcodeValidator, postcodeValidatorExistsForCountry } from "postcode-validator";
import { postalCodeExample } from "./postal-code-example";

/**
 * Postal codes are checked against the country's format with `postcode-validator` (formats for
 * some 190 countries). Countries it has no format for — mostly ones without a postal code
 * system — get a generic check: short, letters, digits, spaces and hyphens.
 */
const GENERIC = /^[A-Z0-9](?:[A-Z0-9 -]{0,10}[A-Z0-9])?$/;

/** Where the national post writes a space the guest may have left out, or none they put in. */
const CANONICAL: Readonly<Record<string, (compact: string) => string>> = {
  NL: (c) => `${c.slice(0, 4)} ${c.slice(4)}`, // 1012 AB
  SE: (c) => `${c.slice(0, 3)} ${c.slice(3)}`, // 113 51
  CA: (c) => `${c.slice(0, 3)} ${c.slice(3)}`, // K1A 0B1
  GB: (c) => `${c.slice(0, -3)} ${c.slice(-3)}`, // SW1A 1AA: the inward code is always the last three
  FR: (c) => c, // 75001
};

/** Rules the library's patterns are looser about. */
const STRICTER: Readonly<Record<string, RegExp>> = {
  NL: /^[1-9]/, // Dutch postcodes run from 1000 to 9999
};

/**
 * `" 1012ab "` in NL → `"1012 AB"`. Without a country only the generic check applies.
 * Returns undefined when the code cannot be one of that country's.
 */
export function normalizePostalCode(input: string, country?: string): string | undefined {
  let code = input.trim().toUpperCase().replace(/\s+/g, " ");
  // "SE-113 51": the country prefix European mail once used; the code is what follows it.
  if (country && code.startsWith(`${country}-`)) code = code.slice(country.length + 1).trim();
  if (code === "" || code.length > 12) return undefined;
  if (!country || !postcodeValidatorExistsForCountry(country)) return GENERIC.test(code) ? code : undefined;
  if (!postcodeValidator(code, country) || STRICTER[country]?.test(code) === false) return undefined;
  const canonical = CANONICAL[country];
  return canonical ? canonical(code.replace(/[\s-]/g, "")) : code;
}

/** `country`'s expected form for an error message ("1234 AB"), checked against the rules above. */
export function examplePostalCode(country: string): string | undefined {
  const example = postalCodeExample(country);
  return example === undefined ? undefined : normalizePostalCode(example, country);
}
