import { countryName, normalizeCountryCode } from "./countries";
import { normalizeBusinessRegistration } from "./formats/business-registration";
import { examplePhoneNumber, normalizePhoneNumber } from "./formats/phone";
import { examplePostalCode, normalizePostalCode } from "./formats/postal-code";
import { normalizeVatNumber } from "./formats/vat";
import { attributeMessage, type AttributeMessage } from "./problems";
import type { AttributeDefinition } from "./types";

export interface FormatContext {
  /** The country the submission is about: the attribute's pinned country, else the guest's, else the flow's default. */
  country?: string;
  /** Names countries in messages when the page's language is known. */
  locale?: string;
}

export type FormatResult = { ok: true; value: string } | { ok: false; message: AttributeMessage };

/** Checks and normalises a non-empty string against its definition's business format. */
export function checkFormat(definition: AttributeDefinition, text: string, context: FormatContext): FormatResult {
  const country = definition.country ?? context.country;
  const named = (code: string) => (context.locale ? countryName(code, context.locale) : code);
  const result = (value: string | undefined, message: AttributeMessage): FormatResult =>
    value === undefined ? { ok: false, message } : { ok: true, value };
  switch (definition.format) {
    case undefined:
      return { ok: true, value: text };
    case "country":
      return result(normalizeCountryCode(text), attributeMessage("invalidCountry"));
    case "phone":
      return result(normalizePhoneNumber(text, country), phoneMessage(country, named));
    case "postalCode":
      return result(normalizePostalCode(text, country), postalCodeMessage(country, named));
    case "vat":
      return result(
        normalizeVatNumber(text, definition.country ? { onlyCountry: definition.country } : { country }),
        attributeMessage("invalidVat"),
      );
    case "businessRegistration":
      return result(
        normalizeBusinessRegistration(text, country),
        country
          ? attributeMessage("invalidBusinessRegistrationForCountry", { country: named(country) })
          : attributeMessage("invalidBusinessRegistration"),
      );
  }
}

/** Names the expected form for the selected country where one is known (issue: "name the expected form"). */
function phoneMessage(country: string | undefined, named: (code: string) => string): AttributeMessage {
  const example = country ? examplePhoneNumber(country) : undefined;
  return country && example
    ? attributeMessage("invalidPhoneForCountry", { country: named(country), example })
    : attributeMessage("invalidPhone");
}

function postalCodeMessage(country: string | undefined, named: (code: string) => string): AttributeMessage {
  if (!country) return attributeMessage("invalidPostalCode");
  const example = examplePostalCode(country);
  return example
    ? attributeMessage("invalidPostalCodeWithExample", { country: named(country), example })
    : attributeMessage("invalidPostalCodeForCountry", { country: named(country) });
}
