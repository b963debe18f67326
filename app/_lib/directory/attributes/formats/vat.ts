import { euVat, stdnum, type Validator } from "stdnum";
import { compactIfValid } from "./stdnum-safe";

/**
 * VAT numbers are checked with `stdnum` (a port of python-stdnum): format and check digits per
 * country, e.g. the 11-test of the Dutch btw-id, mod 97 of the Belgian enterprise number, the
 * ISO 7064 check of the German USt-IdNr, the Luhn check inside a Swedish momsregistreringsnummer
 * and the key of a French TVA number. It proves the number is well formed, not that it is
 * registered: that needs VIES, an online look-up this module does not make.
 *
 * Numbers are stored with their VIES prefix and no punctuation ("NL004495445B01"); Greece's
 * prefix is EL, Northern Ireland's XI, and a Swiss number keeps its CHE form.
 */
const BY_PREFIX: Readonly<Record<string, Validator>> = {
  // stdnum's EU table also holds Andorra's tax number (not a VAT number) and files Greece as GR.
  ...Object.fromEntries(
    Object.entries(euVat).flatMap(([country, [validator]]) =>
      country === "AD" || country === "GR" || !validator ? [] : [[country, validator]],
    ),
  ),
  EL: stdnum.GR!.vat!,
  GB: stdnum.GB!.vat!,
  XI: stdnum.GB!.vat!,
  NO: stdnum.NO!.mva!,
};

/** The ISO country code → the prefix a VAT number of that country carries. */
function prefixOf(country: string): string {
  return country === "GR" ? "EL" : country;
}

export interface VatOptions {
  /** Used as the prefix when the guest typed none (the country they gave, or the attribute's). */
  country?: string;
  /** When set, only numbers of this country are accepted. */
  onlyCountry?: string;
}

/** `"nl 0044.95.445.b01"` → `"NL004495445B01"`; undefined when it cannot be a VAT number. */
export function normalizeVatNumber(input: string, options: VatOptions = {}): string | undefined {
  let compact = input.toUpperCase().replace(/[\s.\-/]/g, "");
  if (compact === "" || compact.length > 20) return undefined;
  const defaultCountry = options.onlyCountry ?? options.country;
  if (!/^[A-Z]{2}/.test(compact)) {
    if (!defaultCountry) return undefined;
    compact = prefixOf(defaultCountry) + compact;
  }
  const prefix = compact.slice(0, 2);
  if (options.onlyCountry && prefix !== prefixOf(options.onlyCountry)) return undefined;
  const validator = BY_PREFIX[prefix];
  if (!validator) return undefined;
  const valid = compactIfValid(validator, compact);
  if (valid === undefined) return undefined;
  return valid.startsWith(prefix) ? valid : prefix + valid;
}

/** The prefixes a VAT number is accepted with: EU member states, Northern Ireland, the UK, Switzerland, Norway. */
export const VAT_PREFIXES: readonly string[] = Object.keys(BY_PREFIX).sort();
