import { BUILT_IN_ATTRIBUTE_NAMES } from "../../directory";
import type { AttributeEntry, UserFlowTenantConfiguration } from "../../journeys";
import { graphErrors } from "../errors";

/*
 * How Graph's b2xIdentityUserFlow (contract §4) maps onto a stored Guestgate flow. Decisions:
 *
 * - Flow ids. Graph id = "B2X_1_" + the stored flow name. Stored names are lower-case-hyphen
 *   (schema.ts `flowName`), so on create Graph's `id` ("Partners", or "B2X_1_Partners") becomes the
 *   name by lower-casing it and turning every other character into '-' ("partners"); a lookup
 *   derives the name the same way, which makes ids case-insensitive. GET returns the stored form
 *   ("B2X_1_partners"), also in the 201 answer, so what a client reads never changes afterwards.
 *   Graph's `id` is kept as the flow's displayName.
 * - Identity providers. Graph's WF ids name a provider kind (compared case-insensitively):
 *   EmailOtpSignup-OAUTH → email-otp, Google-OAUTH → google, Facebook-OAUTH → facebook,
 *   MSASignup-OAUTH → microsoft-entra with audience "consumers", AADSignup-OAUTH → any other
 *   microsoft-entra. The first tenant provider of a kind answers to the Graph id; every other one
 *   (github, oidc, a second provider of a kind) is listed and referenced by its tenant id.
 * - Attribute assignments. id = the attribute id: built-ins by name (case-insensitive on input),
 *   custom ones `extension_<extensionsAppId>_<name>`. isOptional = !required. Custom attributes are
 *   declared in the flow from the catalog entry (identity/userFlowAttributes) and the assignment:
 *   displayName becomes the label in every language of the tenant, userAttributeValues the
 *   options (label = name in every language). Radio and dropdown are both a single choice and
 *   read back as dropdownSingleSelect. Built-ins keep their fixed input and checks.
 * - Order: the order of the flow's `attributes` array, which is the order of the sign-up page.
 */
export const FLOW_ID_PREFIX = "B2X_1_";

export const graphFlowId = (name: string) => `${FLOW_ID_PREFIX}${name}`;

/** "B2X_1_Partners", "Partners", "b2x_1_partners" → "partners". */
export function flowNameOf(graphId: string): string {
  const bare = graphId.toUpperCase().startsWith(FLOW_ID_PREFIX) ? graphId.slice(FLOW_ID_PREFIX.length) : graphId;
  return bare.toLowerCase().replace(/[^a-z0-9-]/g, "-");
}

type Provider = UserFlowTenantConfiguration["identityProviders"][number];

const GRAPH_PROVIDERS = [
  { id: "EmailOtpSignup-OAUTH", type: "EmailOTP", matches: (p: Provider) => p.kind === "email-otp" },
  { id: "Google-OAUTH", type: "Google", matches: (p: Provider) => p.kind === "google" },
  { id: "Facebook-OAUTH", type: "Facebook", matches: (p: Provider) => p.kind === "facebook" },
  {
    id: "MSASignup-OAUTH",
    type: "MicrosoftAccount",
    matches: (p: Provider) => p.kind === "microsoft-entra" && p.audience === "consumers",
  },
  {
    id: "AADSignup-OAUTH",
    type: "AADSignup",
    matches: (p: Provider) => p.kind === "microsoft-entra" && p.audience !== "consumers",
  },
] as const;

/** The Graph id a tenant provider answers to: its kind's WF id when it is the first of that kind, else its own id. */
export function graphProviderId(provider: Provider, all: readonly Provider[]): string {
  const graph = GRAPH_PROVIDERS.find((g) => g.matches(provider));
  return graph && all.find((p) => graph.matches(p)) === provider ? graph.id : provider.id;
}

export function graphProvider(provider: Provider, all: readonly Provider[]) {
  const graph = GRAPH_PROVIDERS.find((g) => g.matches(provider));
  const id = graphProviderId(provider, all);
  return { id, name: provider.id, type: graph && id === graph.id ? graph.type : provider.kind };
}

/** The tenant provider a Graph id names, or undefined. */
export function tenantProviderId(graphId: string, all: readonly Provider[]): string | undefined {
  return all.find((p) => graphProviderId(p, all).toLowerCase() === graphId.toLowerCase())?.id;
}

export const USER_INPUT_TYPES = [
  "textBox",
  "dateTimeDropdown",
  "radioSingleSelect",
  "dropdownSingleSelect",
  "emailBox",
  "checkboxMultiSelect",
] as const;
export type UserInputType = (typeof USER_INPUT_TYPES)[number];

export const parseUserInputType = (value: string): UserInputType | undefined =>
  USER_INPUT_TYPES.find((t) => t.toLowerCase() === value.toLowerCase());

const BUILT_IN_INPUTS: Partial<Record<string, UserInputType>> = { email: "emailBox", country: "dropdownSingleSelect" };

const CUSTOM_PREFIX = /^extension_([0-9a-f]{32})_(.+)$/i;

/** An attribute id of an assignment: a built-in name, or the custom attribute's name; else 400 naming it. */
export function parseAttributeId(id: string, extensionsAppId: string): { builtIn: string } | { custom: string } {
  const builtIn = BUILT_IN_ATTRIBUTE_NAMES.find((name) => name.toLowerCase() === id.toLowerCase());
  if (builtIn) return { builtIn };
  const match = CUSTOM_PREFIX.exec(id);
  if (match && match[1]!.toLowerCase() === extensionsAppId.toLowerCase()) return { custom: match[2]! };
  throw graphErrors.badRequest(
    `'${id}' is not a user flow attribute: a built-in (${BUILT_IN_ATTRIBUTE_NAMES.join(", ")}) or extension_${extensionsAppId}_<name>.`,
  );
}

export const customAttributeId = (extensionsAppId: string, name: string) => `extension_${extensionsAppId}_${name}`;

export const attributeIdOf = (entry: AttributeEntry, extensionsAppId: string) =>
  "type" in entry ? customAttributeId(extensionsAppId, entry.name) : entry.name;

type Texts = Partial<Record<string, string>>;

/** The validators of contract §8 `guestgateValidators` that a custom string attribute's pattern or format stands for. */
const FORMAT_VALIDATORS: Record<string, { type: string; country?: string }> = {
  phone: { type: "e164" },
  postalCode: { type: "postalCode" },
};

const BUSINESS_VALIDATORS: Record<string, string> = {
  "businessRegistration:NL": "kvk",
  "businessRegistration:SE": "orgnr",
  "businessRegistration:FR": "siren",
  "vat:NL": "btw",
};

export function validatorsOf(entry: AttributeEntry): Record<string, unknown>[] {
  if (typeof entry.pattern === "string") return [{ type: "regex", pattern: entry.pattern }];
  const business = BUSINESS_VALIDATORS[`${String(entry.format)}:${String(entry.country)}`];
  if (business) return [{ type: business }];
  const format = typeof entry.format === "string" ? FORMAT_VALIDATORS[entry.format] : undefined;
  if (!format) return [];
  return [typeof entry.country === "string" ? { ...format, country: entry.country } : format];
}

/** A flow attribute entry as Graph's identityUserFlowAttributeAssignment. */
export function assignmentOf(entry: AttributeEntry, extensionsAppId: string, defaultLocale: string): Record<string, unknown> {
  const id = attributeIdOf(entry, extensionsAppId);
  const label = (entry.label ?? {}) as Texts;
  const options = (Array.isArray(entry.options) ? entry.options : []) as { value: string; label?: Texts }[];
  return {
    id,
    displayName: label[defaultLocale] ?? Object.values(label)[0] ?? entry.name,
    isOptional: entry.required !== true,
    requiresVerification: false,
    userInputType: inputTypeOf(entry),
    userAttributeValues: options.map((o) => ({
      name: o.label?.[defaultLocale] ?? o.value,
      value: o.value,
      isDefault: false,
    })),
    userAttribute: { id },
    guestgateValidators: validatorsOf(entry),
  };
}

/** How Graph would ask for a stored entry; radio and dropdown are one single choice here. */
export function inputTypeOf(entry: AttributeEntry): UserInputType {
  if (!("type" in entry)) return BUILT_IN_INPUTS[entry.name] ?? "textBox";
  switch (entry.type) {
    case "singleChoice":
      return "dropdownSingleSelect";
    case "multipleChoice":
    case "boolean":
      return "checkboxMultiSelect";
    case "date":
      return "dateTimeDropdown";
    default:
      return "textBox";
  }
}

/** What an assignment says about a custom attribute, as Graph sends it (POST or the merged PATCH). */
export interface AssignmentInput {
  displayName?: string;
  isOptional?: boolean;
  userInputType?: UserInputType;
  userAttributeValues?: { name: string; value: string; isDefault?: boolean }[];
  guestgateValidators?: { type: string; pattern?: string; country?: string }[];
}

const everyLanguage = (text: string, locales: readonly string[]) => Object.fromEntries(locales.map((l) => [l, text]));

/**
 * The flow entry for a custom attribute of the catalog with `dataType`, given how the assignment
 * asks for it. A combination the attribute cannot take is a 400 naming the property.
 */
export function customEntry(name: string, dataType: string, input: AssignmentInput, locales: readonly string[]): AttributeEntry {
  const inputType = input.userInputType ?? (dataType === "boolean" ? "checkboxMultiSelect" : "textBox");
  const type = customType(dataType, inputType);
  const entry: AttributeEntry = {
    name,
    type,
    label: everyLanguage(input.displayName ?? name, locales),
    required: input.isOptional === false,
  };
  if (type === "singleChoice" || type === "multipleChoice")
    entry.options = (input.userAttributeValues ?? []).map((v) => ({ value: v.value, label: everyLanguage(v.name, locales) }));
  else if (input.userAttributeValues?.length)
    throw graphErrors.badRequest(
      "userAttributeValues applies only to radioSingleSelect, dropdownSingleSelect and checkboxMultiSelect.",
    );
  for (const validator of input.guestgateValidators ?? []) Object.assign(entry, validatorEntry(validator, type));
  return entry;
}

function customType(dataType: string, inputType: UserInputType): string {
  const refuse = () =>
    graphErrors.badRequest(`userInputType '${inputType}' does not fit an attribute of dataType '${dataType}'.`);
  if (dataType === "boolean") {
    if (inputType === "checkboxMultiSelect") return "boolean";
    throw refuse();
  }
  if (dataType === "int64") {
    if (inputType === "textBox") return "integer";
    throw refuse();
  }
  switch (inputType) {
    case "dropdownSingleSelect":
    case "radioSingleSelect":
      return "singleChoice";
    case "checkboxMultiSelect":
      return "multipleChoice";
    case "dateTimeDropdown":
      return "date";
    default:
      return "string";
  }
}

/** guestgateValidators (contract §8) onto a custom string attribute's pattern or format. */
function validatorEntry(validator: { type: string; pattern?: string; country?: string }, type: string): Record<string, unknown> {
  if (type !== "string") throw graphErrors.badRequest("guestgateValidators applies only to text attributes.");
  const country = validator.country ? { country: validator.country.toUpperCase() } : {};
  switch (validator.type) {
    case "regex":
      if (!validator.pattern) throw graphErrors.badRequest("guestgateValidators: a regex validator needs a pattern.");
      return { pattern: validator.pattern };
    case "e164":
      return { format: "phone", ...country };
    case "postalCode":
      return { format: "postalCode", ...country };
    case "kvk":
      return { format: "businessRegistration", country: "NL" };
    case "orgnr":
      return { format: "businessRegistration", country: "SE" };
    case "siren":
    case "siret":
      return { format: "businessRegistration", country: "FR" };
    case "btw":
      return { format: "vat", country: "NL" };
    default:
      throw graphErrors.badRequest(`guestgateValidators: '${validator.type}' is not supported.`);
  }
}
