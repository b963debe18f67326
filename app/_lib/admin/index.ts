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
export { createAdminRoleReader, type AdminRoleReader } from "./roles";
