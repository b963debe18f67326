import type { CatalogKeys } from "../../i18n";

/**
 * Why a value was refused. Each code is a message key under `attributes.errors`; the context
 * holds the ICU arguments that message uses. Pages turn these into words (docs/ARCHITECTURE.md, "Journeys"), so
 * nothing here is English.
 */
export const ATTRIBUTE_ERROR_CODES = [
  "invalid",
  "invisibleCharacters",
  "required",
  "requiredChoice",
  "mustBeChecked",
  "tooShort",
  "tooLong",
  "pattern",
  "patternDigits",
  "notANumber",
  "tooSmall",
  "tooLarge",
  "invalidDate",
  "tooEarly",
  "tooLate",
  "invalidOption",
  "invalidCountry",
  "invalidPhone",
  "invalidPhoneForCountry",
  "invalidPostalCode",
  "invalidPostalCodeForCountry",
  "invalidPostalCodeWithExample",
  "invalidVat",
  "invalidBusinessRegistration",
  "invalidBusinessRegistrationForCountry",
] as const;
export type AttributeErrorCode = (typeof ATTRIBUTE_ERROR_CODES)[number];

export type MessageContext = Readonly<Record<string, string | number>>;

export interface AttributeMessage {
  readonly id: CatalogKeys<`attributes.errors.${AttributeErrorCode}`>;
  readonly context: MessageContext;
}

/** A refused value, on the field it belongs to (`""` when the submission as a whole was unusable). */
export interface AttributeProblem {
  readonly field: string;
  readonly message: AttributeMessage;
}

export function attributeMessage(code: AttributeErrorCode, context: MessageContext = {}): AttributeMessage {
  return { id: `attributes.errors.${code}`, context };
}
