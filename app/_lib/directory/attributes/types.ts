import type { Locale } from "../../i18n";

/** The value types an attribute can have; the same six Entra offers for custom user attributes, plus choices. */
export const ATTRIBUTE_TYPES = ["string", "integer", "boolean", "date", "singleChoice", "multipleChoice"] as const;
export type AttributeType = (typeof ATTRIBUTE_TYPES)[number];

/**
 * Business formats a string attribute can be checked against. `country` is the built-in country
 * picker (ISO 3166-1 alpha-2); the others are offered to custom attributes as well.
 */
export const ATTRIBUTE_FORMATS = ["phone", "postalCode", "vat", "businessRegistration", "country"] as const;
export type AttributeFormat = (typeof ATTRIBUTE_FORMATS)[number];
/** The formats an administrator may put on a custom string attribute. */
export const CUSTOM_FORMATS = [
  "phone",
  "postalCode",
  "vat",
  "businessRegistration",
] as const satisfies readonly AttributeFormat[];

/** A stored attribute value. Dates are `YYYY-MM-DD` strings: a birthday has no time zone. */
export type AttributeValue = string | number | boolean | readonly string[];

/** Text an administrator wrote, per language; every language the tenant enables must be there. */
export type LocalizedText = Partial<Record<Locale, string>>;

/**
 * Where an attribute goes in an ID token. `member` places it inside an object claim: the address
 * parts become members of the OIDC `address` claim (OIDC Core §5.1.1).
 */
export interface ClaimMapping {
  readonly name: string;
  readonly member?: string;
}

export interface AttributeOption {
  readonly value: string;
  /** Custom options carry their labels; built-in choices (countries) are named by Intl. */
  readonly label?: LocalizedText;
}

/**
 * One attribute, built-in or custom, in the one shape every consumer reads: the attribute page,
 * the validators, the token builder. Built-ins are labelled through messages
 * (`attributes.labels.<name>`); custom attributes carry their own texts.
 */
export interface AttributeDefinition {
  readonly name: string;
  readonly kind: "builtIn" | "custom";
  /** `identity`: the value comes from the identity provider or the passcode, never from the form. */
  readonly source: "user" | "identity";
  readonly type: AttributeType;
  readonly format?: AttributeFormat;
  readonly minLength?: number;
  readonly maxLength?: number;
  /** A full-match pattern in the syntax of the HTML `pattern` attribute (compiled with the `v` flag). */
  readonly pattern?: string;
  /** Bounds: numbers for integers, `YYYY-MM-DD` for dates. */
  readonly min?: number | string;
  readonly max?: number | string;
  readonly options?: readonly AttributeOption[];
  /** Pins the country a format is checked for (a Swedish organisationsnummer field is always Swedish). */
  readonly country?: string;
  /** The HTML autocomplete token, so browsers and password managers can fill the field. */
  readonly autocomplete?: string;
  readonly inputMode?: "text" | "tel" | "email" | "numeric";
  readonly claim: ClaimMapping;
  readonly label?: LocalizedText;
  readonly help?: LocalizedText;
}
