/**
 * The OpenID Connect provider of each tenant (OIDC Core, Discovery, RP-Initiated Logout; OAuth 2.0
 * with PKCE, RFC 9207, RFC 9068, RFC 7009, RFC 7662; RFC 9700). Framework-free: app/_lib/server.ts
 * wires it with Prisma repositories, route handlers call its endpoints.
 */
export { createOidcProvider, type OidcProvider } from "./provider";
export type { OidcDeps } from "./context";
export type * from "./ports";
export { systemClock } from "./ports";
export { OAuthError, ERROR_PAGE_CODES, isErrorPageCode, type ErrorPageCode, type OAuthErrorCode } from "./errors";
export {
  InteractionError,
  isInteractionError,
  type InteractionDetails,
  type CompleteInteractionInput,
  type CompletedInteraction,
  type InteractionErrorCode,
} from "./interaction/interaction";
export type { InteractionReason } from "./authorize/context";
export {
  createApplicationAdmin,
  RegistrationError,
  isRegistrationError,
  validateRegistration,
  type RegisterApplicationInput,
  type IssuedSecret,
} from "./clients/register";
export {
  createOidcAdministration,
  mayAdministerApplications,
  AdministrationError,
  type OidcAdministration,
} from "./clients/administration";
export type { AuditedBy } from "./clients/register";
export {
  createApplicationDirectory,
  ApplicationDirectoryError,
  isApplicationDirectoryError,
  type ApplicationDirectory,
  type ApplicationView,
  type ApplicationChanges,
  type ApplicationKey,
  type AppRoleView,
  type IssuedPassword,
} from "./clients/application-directory";
export type {
  ApplicationDirectoryStore,
  ApplicationFields,
  ApplicationFilter,
  StoredApplication,
  RedirectPlatform,
} from "./clients/application-directory-store";
export { redirectUriProblem, redirectUriProblemCode, type RedirectUriProblem } from "./clients/redirect-uri";
export { readCookie, serializeCookie, type Cookie } from "./web/cookies";
export type { PlainAnswer } from "./web/responses";
export { KeyEncryptionError, encryptPrivateKey as sealWithKek, decryptPrivateKey as openWithKek } from "./keys/kek";
export { MANAGEMENT_PERMISSIONS, LIFETIMES } from "./constants";
export { authenticationEventsClientId, EXTENSION_TOKEN_LIFETIME } from "./tokens/extension-token";
export { tenantUrls, type TenantUrls } from "./urls";
export { createMemoryRepositories } from "./testing/memory-repositories";
export { appRoleId } from "./clients/app-roles";
export {
  APPLICATION_NAME_LOCALES,
  applicationNameFor,
  parseLocalizedNames,
  type LocalizedNames,
} from "./clients/localized-names";
export { GROUPS_CLAIM_LIMIT } from "./tokens/claims";
export { createTtlCache, type TtlCache } from "./cache/ttl-cache";
