export {
  createPrismaClient,
  databaseProvider,
  providerOf,
  checkReadiness,
  isUniqueViolation,
  type PrismaClient,
  type DatabaseProvider,
  type Readiness,
} from "./client";
export { createOidcRepositories } from "./oidc-repositories";
export { createApplicationDirectoryStore } from "./application-directory-store";
export { createDirectoryStore, searchKeyOf } from "./directory-store";
export { createDirectoryRoleStore } from "./directory-role-store";
export { createActorNames } from "./actor-names";
export { createGroupStore } from "./group-store";
export { createEntitlementStore } from "./entitlement-store";
export { auditLogOn, auditRow } from "./audit-log";
export { createAuditReadStore } from "./audit-read-store";
export { createJourneyRepository, createOtpRepository, createRateLimitStore } from "./journey-repositories";
export { createRedisRateLimitStore, openRedis, type RedisClient } from "./redis-rate-limits";
export { createTakenResultStore } from "./taken-results";
export { createUserFlowStore } from "./user-flow-store";
export { createApiConnectorStore } from "./api-connector-store";
export { createCustomExtensionStore } from "./custom-extension-store";
export { approverAddresses, createSignUpRequestStore } from "./sign-up-request-store";
export { configuredOrganizationsOfDomain } from "./connected-organization-domains";
export { createJobLeaseStore } from "./job-lease-store";
export { createAdminSessionStore } from "./admin-session-store";
export { createInvitationStore } from "./invitation-store";
export { createInvitationBulkStore } from "./invitation-bulk-store";
export {
  createAdminCeremonyStore,
  createAdminSignInStore,
  createDirectoryRoleAdminStore,
  createPasskeyStore,
  createTenantSettingsStore,
} from "./admin-portal-store";
export { createFunnelStore } from "./funnel-store";
export { renameTenantRows, TenantRenameError, TENANT_SCOPED_MODELS, type TenantScopedModel } from "./tenant-rename";
export { createExpiringStores, type ExpiringStoreOptions } from "./expiring-stores";
// Row types and the Prisma namespace (input types, error classes) are the same for both providers.
export { Prisma } from "../../../prisma/generated/client/sqlite/client";
export type { Guest, Identity, AttributeValue, AuditEvent } from "../../../prisma/generated/client/sqlite/client";

/** Allowed values of the String columns SQLite cannot make enums of. */
export const GUEST_USER_TYPES = ["Guest", "Member"] as const;
/** `pendingAcceptance`: invited, no identity linked yet; `pendingApproval`: awaiting an approver. Neither may sign in. */
export const GUEST_STATES = ["active", "blocked", "pendingAcceptance", "pendingApproval"] as const;
export const GUEST_CREATED_VIA = ["selfServiceSignUp", "invitation", "accessPackage", "seed", "admin"] as const;
export type GuestUserType = (typeof GUEST_USER_TYPES)[number];
export type GuestState = (typeof GUEST_STATES)[number];
export type GuestCreatedVia = (typeof GUEST_CREATED_VIA)[number];
