// The directory module: attributes (catalog, custom declarations, validators), guests and their
// identities, and the directory service whose verbs every surface calls with its actor (groups join
// it). Domain code: no framework, no database client (docs/ARCHITECTURE.md, "Layers").
export {
  ATTRIBUTE_TYPES,
  ATTRIBUTE_FORMATS,
  CUSTOM_FORMATS,
  type AttributeType,
  type AttributeFormat,
  type AttributeValue,
  type AttributeDefinition,
  type AttributeOption,
  type ClaimMapping,
  type LocalizedText,
} from "./attributes/types";
export {
  BUILT_IN_ATTRIBUTES,
  BUILT_IN_ATTRIBUTE_NAMES,
  RESERVED_ATTRIBUTE_NAMES,
  builtInAttribute,
  isBuiltInAttributeName,
  type BuiltInAttributeName,
} from "./attributes/built-in";
export {
  customAttributeSchema,
  customAttributeDefinition,
  customAttributeNameSchema,
  customClaimName,
  localizedTextSchema,
  CUSTOM_CLAIM_PREFIX,
} from "./attributes/custom-definition";
export {
  COUNTRY_CODES,
  isCountryCode,
  normalizeCountryCode,
  countryOptions,
  countryName,
  type CountryOption,
} from "./attributes/countries";
export { normalizePhoneNumber } from "./attributes/formats/phone";
export { normalizePostalCode } from "./attributes/formats/postal-code";
export { normalizeVatNumber, VAT_PREFIXES, type VatOptions } from "./attributes/formats/vat";
export { normalizeBusinessRegistration, BUSINESS_REGISTRATION_COUNTRIES } from "./attributes/formats/business-registration";
export { checkFormat, type FormatContext } from "./attributes/check-format";
export { compilePattern, MAX_PATTERN_LENGTH, MAX_PATTERN_INPUT } from "./attributes/safe-pattern";
export { parseAttributeValue, isIsoDate, type ParsedValue } from "./attributes/parse-value";
export {
  ATTRIBUTE_ERROR_CODES,
  attributeMessage,
  type AttributeErrorCode,
  type AttributeMessage,
  type AttributeProblem,
  type MessageContext,
} from "./attributes/problems";
export { formValues, type FormValues } from "./attributes/form-values";
export { hasInvisibleCharacters, withoutInvisibleCharacters } from "./attributes/invisible";
export { pickText } from "./attributes/localized-text";
export { displayNameFor, type ProvenIdentity, type GuestState, type GuestSummary, type StoredAttributes } from "./guests";
export {
  auditActor,
  mayConfigure,
  type ConfigurationAccess,
  ADMINISTRATOR_ROLES,
  type Actor,
  type AdministratorRole,
  type GuestActor,
  type AdministratorActor,
  type ApplicationActor,
  type SystemActor,
} from "./actor";
export {
  DirectoryError,
  isDirectoryError,
  type DirectoryService,
  type SelfServiceSignUp,
  type AttributeChange,
  type PendingGuest,
  type GuestQuery,
  type GuestPage,
  type DeletedGuest,
  type GuestDetails,
  type GuestDetailsPage,
  type DirectGuest,
} from "./service-contract";
export { normaliseGuestFilter, type GuestFilter, type GuestField, type GuestFilterOp } from "./guest-filter";
export type { AuditEventInput, AuditDatum, AuditLog } from "./audit";
export * from "./service";
export { createMemoryDirectoryStore } from "./testing/memory-store";
export * from "./groups";
export * from "./approvals";
