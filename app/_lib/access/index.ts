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
export type { RequestTarget, AddRequest } from "./requests";
export type { MyAccessOverview, Requestable } from "./self-service";
export {
  answerProblems,
  localizedText,
  questionsOf,
  MAX_ANSWER_LENGTH,
  type AnswerProblem,
  type AnswerRecord,
  type GivenAnswer,
  type StoredQuestion,
} from "./answers";
export * from "./graph-types";
export type * from "./records";
export type * from "./lifecycle-records";
export type { AccessNotifications, ApprovalNotice, NoticeRecipient, RequestorNotice, RequestorNoticeKind } from "./notifications";
export type { ExternalUserPort } from "./common";
export { provisionThroughInvitations, type IdentityLinker } from "./invitation-port";
export { externalUsersThroughDirectory, linkThroughDirectory } from "./directory-port";
export { addDuration } from "./durations";
export { scheduleProblems, type RequestedSchedule, type ScheduleField, type ScheduleProblem } from "./custom-schedule";
export { STALE_DELIVERY_MS, type LifecycleStepVerbs } from "./lifecycle-steps";
