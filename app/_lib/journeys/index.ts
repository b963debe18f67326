// The journeys module. Today: user-flow definitions (what a self-service sign-up flow asks and
// releases); the journey engine that runs them joins it (ARCHITECTURE §4).
export type { UserFlow, FlowAttribute } from "./user-flows/types";
export { userFlowSchema, userFlowsFileSchema, type UserFlowsFileOptions } from "./user-flows/schema";
export { parseUserFlowsFile, type UserFlowsFileResult } from "./user-flows/parse-file";
export { userFlowAccess, userFlowForApplication, type UserFlowAccess } from "./user-flows/access";
export { attributesFor, editableAttributesFor, type AttributeSelection } from "./user-flows/visible-attributes";
export {
  buildAttributeSchema,
  parseAttributeSubmission,
  attributeProblems,
  type AttributeSchemaOptions,
  type AttributeValues,
  type AttributeSubmissionResult,
} from "./user-flows/attribute-schema";
export { hintAttributesFor, type AttributeHint, type DisplayText, type HintOptions } from "./user-flows/hints";
export { missingRequiredAttributes } from "./user-flows/progressive";
export { tokenClaimsFor, type TokenClaims } from "./user-flows/token-claims";
export { overrideFor, overridesFor } from "./user-flows/overrides";
export {
  createUserFlowService,
  mayManageUserFlows,
  UserFlowPermissionError,
  type UserFlowService,
  type UserFlowPorts,
  type FlowLookup,
  type StoredUserFlow,
  type UserFlowImport,
} from "./user-flows/service";
export type { UserFlowStore, UserFlowUnit, UserFlowRow } from "./user-flows/store";
export * from "./otp";
export * from "./engine";
