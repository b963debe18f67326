import { stdnum, type Validator } from "stdnum";
import { compactIfValid } from "./stdnum-safe";

/**
 * Business registration codes: the number a company registry gives a company. Where the number
 * carries a check digit, `stdnum` verifies it (Luhn for a Swedish organisationsnummer and a French
 * SIREN/SIRET, mod 97 for a Belgian KBO/BCE enterprise number, mod 11 for Danish CVR, Finnish
 * Y-tunnus and Norwegian organisasjonsnummer, …). Registries whose numbers have no check digit
 * get their published format. Other countries get a generic check.
 */
type Check = (compact: string) => string | undefined;

const withValidators =
  (...validators: Validator[]): Check =>
  (compact) => {
    for (const validator of validators) {
      const valid = compactIfValid(validator, compact);
      if (valid !== undefined) return valid;
    }
    return undefined;
  };

const withPattern =
  (pattern: RegExp): Check =>
  (compact) =>
    pattern.test(compact) ? compact : undefined;

const BY_COUNTRY: Readonly<Record<string, Check>> = {
  // KvK-nummer: eight digits, no check digit since the KvK dropped its 11-test.
  NL: withPattern(/^\d{8}$/),
  BE: withValidators(stdnum.BE!.vat!),
  SE: withValidators(stdnum.SE!.orgnr!),
  FR: withValidators(stdnum.FR!.siren!, stdnum.FR!.siret!),
  // Handelsregister: register (HRA, HRB, GnR, PR, VR) and number; the court is a separate field.
  DE: withPattern(/^(HRA|HRB|GNR|PR|VR)\d{1,6}[A-Z]{0,2}$/),
  AT: withValidators(stdnum.AT!.businessid!),
  DK: withValidators(stdnum.DK!.cvr!),
  FI: withValidators(stdnum.FI!.ytunnus!),
  NO: withValidators(stdnum.NO!.orgnr!),
  EE: withValidators(stdnum.EE!.registrikood!),
  CZ: withValidators(stdnum.CZ!.ico!),
  PL: withValidators(stdnum.PL!.regon!),
  CH: withValidators(stdnum.CH!.uid!),
  // Companies House: eight digits, or two letters (SC, NI, OC, …) and six digits.
  GB: withPattern(/^(\d{8}|[A-Z]{2}\d{6})$/),
  AU: withValidators(stdnum.AU!.abn!, stdnum.AU!.acn!),
  CA: withValidators(stdnum.CA!.bn!),
};

const GENERIC = /^[A-Z0-9]{2,30}$/;

/**
 * `"556016-0680"` in SE → `"5560160680"`. Punctuation people copy from letterheads (spaces, dots,
 * dashes, slashes) is dropped; without a country only the generic check applies.
 */
export function normalizeBusinessRegistration(input: string, country?: string): string | undefined {
  const compact = input.toUpperCase().replace(/[\s.\-/]/g, "");
  if (compact === "" || compact.length > 30) return undefined;
  const check = country ? BY_COUNTRY[country] : undefined;
  if (check) return check(compact);
  return GENERIC.test(compact) ? compact : undefined;
}

export const BUSINESS_REGISTRATION_COUNTRIES: readonly string[] = Object.keys(BY_COUNTRY).sort();
