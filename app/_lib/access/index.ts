// Entitlement management: catalogs, access packages and their policies (docs/ARCHITECTURE.md, "Access packages").
export { createEntitlementService, type EntitlementService } from "./service";
export { EntitlementError, isEntitlementError, type EntitlementErrorCode } from "./errors";
export { ENTITLEMENT_ACCESS } from "./permissions";
export { MAX_APPROVAL_STAGES } from "./policy-settings";
export { entitlementLifecycleJob } from "./lifecycle-job";
export type { Call, EntitlementPorts } from "./common";
export type { ListArgs } from "./catalogs";
export type { ApprovalView } from "./approvals";
export type { ApprovalDetails } from "./approval-details";
export type { RequestTarget } from "./requests";
export * from "./graph-types";
export type * from "./records";
export { provisionThroughInvitations } from "./invitation-port";
