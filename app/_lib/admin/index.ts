export { ADMIN_CAPABILITIES, can, capabilitiesOf, roleFor, type AdminCapability } from "./capabilities";
export {
  createAdminSessionService,
  DEFAULT_ADMIN_SESSION_POLICY,
  type AdminMembers,
  type AdminSession,
  type AdminSessionDeps,
  type AdminSessionPolicy,
  type AdminSessionRecord,
  type AdminSessionService,
  type AdminSessionStore,
} from "./sessions";
export { portalClientId, portalRedirectUri, portalTenantOf, PORTAL_SCOPE } from "./portal";
export {
  createAdminSignInService,
  type AdminSignInEvent,
  type AdminSignInService,
  type AdminSignInStore,
  type AdminSignInRefusal,
} from "./sign-in";
export {
  createTenantSettingsService,
  TenantSettingsError,
  type StoredTenantSettings,
  type TenantSettings,
  type TenantSettingsService,
  type TenantSettingsStore,
} from "./settings";
export {
  createDirectoryRoleService,
  RoleChangeError,
  isRoleChangeError,
  type DirectoryRoleAdminStore,
  type DirectoryRoleService,
  type RoleChangeProblem,
  type RoleMember,
} from "./roles";
export { createAdminCeremonies, type AdminCeremonies, type AdminCeremonyKind, type AdminCeremonyStore } from "./ceremonies";
export {
  createPasskeyService,
  PasskeyError,
  isPasskeyError,
  relyingPartyOf,
  type PasskeyProblem,
  type PasskeyRecord,
  type PasskeyService,
  type PasskeyStore,
  type RelyingParty,
} from "./passkeys";
export { createAdminRoleReader, type AdminRoleReader } from "./role-reader";
