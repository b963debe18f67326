// The sign-up approval queue: requests of flows with `signUpApproval`, decided by approvers.
export { signUpApprovalJob } from "./lapse-job";
export { createSignUpApprovalService, decisionMessage, MAX_DECISION_MESSAGE, type SignUpApprovalPorts } from "./service";
export {
  SIGN_UP_REQUEST_STATES,
  SignUpApprovalError,
  isSignUpApprovalError,
  type SignUpApprovalProblem,
  type SignUpApprovalService,
  type SignUpDecision,
  type SignUpNotifications,
  type SignUpRequest,
  type SignUpRequestState,
  type SignUpRequestStore,
  type SignUpRequestUnit,
} from "./types";
