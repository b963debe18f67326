// The journeys module: user-flow definitions (what a self-service flow asks and releases), the
// journey engine, and one folder per journey kind (sign-up, profile) registered in kinds.ts.
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
export { termsClaims, tokenClaimsFor, type TokenClaims } from "./user-flows/token-claims";
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
export { mayAssignApplications, type UserFlowAssignment } from "./user-flows/application-assignment";
export {
  UserFlowEditError,
  type UserFlowEditing,
  type UserFlowEditErrorCode,
  type EditedUserFlow,
  type FlowDefinition,
  type AttributeEntry,
  type CustomAttribute,
  type CustomAttributeDataType,
  type UserFlowTenantConfiguration,
} from "./user-flows/editing";
export type {
  UserFlowStore,
  UserFlowUnit,
  UserFlowRow,
  UserFlowEditStore,
  UserFlowEditUnit,
  UserFlowRecord,
  CustomAttributeRow,
} from "./user-flows/store";
export * from "./otp";
export * from "./sign-up-protection";
export { JOURNEY_RETRY_HEADER } from "./endpoints/http";
export * from "./engine";
export { defaultJourneyKinds } from "./kinds";
export { signUpKind, SIGN_UP_KIND } from "./signup/kind";
export { EMAIL_OTP_ISSUER } from "./signup/identify";
export { accessDeniedDescription, APPROVAL_PENDING_DESCRIPTION, INVITATION_ONLY_DESCRIPTION } from "./signup/invite-only";
export { offeredProviders } from "./signup/steps/choose-provider";
export { profileKind, PROFILE_KIND } from "./profile/kind";
export { redemptionKind, REDEMPTION_KIND, invitationContinuePath } from "./redemption/kind";
export { adminSignInKind, ADMIN_SIGN_IN_KIND } from "./admin-sign-in/kind";
export { adminUserFlow } from "./admin-sign-in/flow";
export { myAccessKind, MY_ACCESS_KIND } from "./my-access/kind";
export { myAccessClientId, myAccessPath, myAccessUserFlow } from "./my-access/flow";
export { createJourneyEndpoints, type JourneyEndpoints, type JourneyEndpointServices } from "./endpoints";
export { createJourneyService, type JourneyService } from "./service";
export * from "./funnel";
export * from "./api-connectors";
export * from "./custom-extensions";
