export {
  createPasscodeService,
  type PasscodeService,
  type PasscodeServiceDeps,
  type PasscodeDelivery,
  type PasscodeRequest,
  type PasscodeRequestResult,
  type PasscodeVerification,
  type PasscodeVerificationResult,
} from "./service";
export { normaliseEmailAddress } from "./email-address";
export { deriveOtpHashKey, generatePasscode, PASSCODE_LENGTH } from "./passcode";
export { passcodePolicy, DEFAULT_PASSCODE_POLICY, type PasscodePolicy } from "./policy";
export {
  createInMemoryRateLimitStore,
  takeRateLimit,
  countRateLimit,
  type RateLimitStore,
  type RateLimitRule,
  type RateLimitDecision,
} from "./rate-limit";
export { createInMemoryOtpRepository } from "./memory-repository";
export type { OtpRepository, OtpRecord, NewOtp, AttemptConditions } from "./repository";
export { passcodeProblem, PASSCODE_SEND_FAILED, type PasscodeProblem } from "./problems";
