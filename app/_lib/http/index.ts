export { contentSecurityPolicy, securityHeaders, createNonce } from "./security-headers";
export { isSameOriginPost, safeLocalPath } from "./same-origin";
export { clientAddress } from "./client-address";
export { readBoundedBody } from "./bounded-body";

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
