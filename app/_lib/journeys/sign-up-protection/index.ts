export { signUpAddressRefusal, type AddressRefusal } from "./address-rules";
export { isDisposableDomain } from "./disposable";
export { createSignUpLimiter, type SignUpCounts, type SignUpLimiter, type SignUpLimiterDeps } from "./limits";
export {
  createProofOfWork,
  type ProofOfWork,
  type ProofOfWorkDeps,
  type ProofOfWorkRefusal,
  type ProofOfWorkStep,
} from "./proof-of-work";
export { proofOfWorkAsked, reachedProofOfWorkThreshold } from "./proof-of-work-policy";
