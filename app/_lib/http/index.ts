export { contentSecurityPolicy, securityHeaders, createNonce } from "./security-headers";
export {
  navigationHeaders,
  navigationRequestOf,
  cookieValue,
  type NavigationHeaders,
  type NavigationRequest,
} from "./navigation-headers";
export { isSameOriginPost, safeLocalPath } from "./same-origin";
export { clientAddress, UNKNOWN_CLIENT } from "./client-address";
export { isLoopbackAddress, normaliseAddress } from "./ip-address";
export { parseTrustedProxies, NO_TRUSTED_PROXIES, TrustedProxiesError, type TrustedProxies } from "./trusted-proxies";
export { readBoundedBody } from "./bounded-body";
export { readBoundedForm, type BoundedForm } from "./bounded-form";

/** Request headers the proxy sets for pages; anything a client sends under these names is overwritten. */
export const NONCE_HEADER = "x-nonce";
export const PATH_HEADER = "x-guestgate-path";
export {
  errorPageOnFailure,
  unexpectedFailure,
  UNEXPECTED_ERROR_CODE,
  type ErrorPageOnFailureDeps,
} from "./error-page-on-failure";
export { notFoundDocument, notFoundResponse, type NotFoundDocument } from "./not-found-document";
