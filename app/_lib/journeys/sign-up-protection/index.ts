export { signUpAddressRefusal, type AddressRefusal } from "./address-rules";
export { isDisposableDomain } from "./disposable";
export { createSignUpLimiter, type SignUpLimiter, type SignUpLimiterDeps } from "./limits";
