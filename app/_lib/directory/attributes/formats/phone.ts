import mobileExamples from "libphonenumber-js/mobile/examples";
import { getExampleNumber, isSupportedCountry, parsePhoneNumberFromString } from "libphonenumber-js/max";

/**
 * Phone numbers are stored in E.164 (`+46701234567`), the form OIDC's `phone_number` claim
 * recommends (OIDC Core §5.1). People type national numbers ("070-123 45 67"), so the country
 * they live in — or the flow's default — says which international prefix to add.
 *
 * The "max" metadata checks the number against each country's numbering plan, not only its
 * length: "06 1234" is refused in the Netherlands rather than stored as a number nobody answers.
 */
export function normalizePhoneNumber(input: string, country?: string): string | undefined {
  const text = input.trim();
  // Far longer than any real number with its punctuation; stops a pasted essay early.
  if (text === "" || text.length > 40) return undefined;
  // "00" is the international call prefix in most of Europe; treat it as "+" wherever the guest lives.
  const international = text.replace(/^00(?=[1-9])/, "+");
  const defaultCountry = country && isSupportedCountry(country) ? country : undefined;
  const parsed = parsePhoneNumberFromString(international, defaultCountry ? { defaultCountry } : undefined);
  return parsed?.isValid() ? parsed.number : undefined;
}

/**
 * A mobile number of `country` as people there write it ("06 12345678", "070-123 45 67"), for an
 * error that shows the expected form. Undefined for a country the numbering plans do not know.
 */
export function examplePhoneNumber(country: string): string | undefined {
  if (!isSupportedCountry(country)) return undefined;
  return getExampleNumber(country, mobileExamples)?.formatNational();
}
