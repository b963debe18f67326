/**
 * What each audit event `type` is as a Graph directoryAudit (contract §8, "Audit records"): one
 * table row per known type, and a per-prefix default so a type added later still renders (its
 * activity is the type itself). Filters on derived values (category, activityDisplayName,
 * loggedByService) are translated back through this table into sets of types, so they stay on the index.
 */
export type AuditOperation = "Add" | "Update" | "Delete" | "Assign" | "Unassign" | "Other";
export type AuditTargetKind = "User" | "Group" | "App" | "Policy" | "Directory" | "Role" | "Other";

export interface Activity {
  displayName: string;
  category: string;
  operationType: AuditOperation;
  loggedByService: string;
  /** A guest's creation is logged by the service it came through (`data.createdVia`). */
  serviceByCreatedVia?: Readonly<Record<string, string>>;
}

const CORE = "Core Directory";
const ENTITLEMENT = "Entitlement Management";

export interface PrefixDefaults {
  category: string;
  loggedByService: string;
  target: AuditTargetKind;
}

/** By the part of the type before the dot; also the defaults of unknown types. */
export const PREFIXES: Readonly<Record<string, PrefixDefaults>> = {
  guest: { category: "UserManagement", loggedByService: CORE, target: "User" },
  user: { category: "UserManagement", loggedByService: CORE, target: "User" },
  guests: { category: "UserManagement", loggedByService: CORE, target: "Directory" },
  group: { category: "GroupManagement", loggedByService: CORE, target: "Group" },
  application: { category: "ApplicationManagement", loggedByService: CORE, target: "App" },
  servicePrincipal: { category: "ApplicationManagement", loggedByService: CORE, target: "App" },
  appRoleAssignment: { category: "UserManagement", loggedByService: CORE, target: "User" },
  directoryRole: { category: "RoleManagement", loggedByService: CORE, target: "Role" },
  userFlow: { category: "Policy", loggedByService: CORE, target: "Policy" },
  userFlows: { category: "Policy", loggedByService: CORE, target: "Policy" },
  userFlowAttribute: { category: "Policy", loggedByService: CORE, target: "Policy" },
  signingKey: { category: "KeyManagement", loggedByService: CORE, target: "Directory" },
  tenant: { category: "DirectoryManagement", loggedByService: CORE, target: "Directory" },
  accessPackageCatalog: { category: "EntitlementManagement", loggedByService: ENTITLEMENT, target: "Other" },
  accessPackage: { category: "EntitlementManagement", loggedByService: ENTITLEMENT, target: "Other" },
  accessPackagePolicy: { category: "EntitlementManagement", loggedByService: ENTITLEMENT, target: "Policy" },
  connectedOrganization: { category: "EntitlementManagement", loggedByService: ENTITLEMENT, target: "Other" },
  entitlementSettings: { category: "EntitlementManagement", loggedByService: ENTITLEMENT, target: "Directory" },
  accessPackageAssignment: { category: "EntitlementManagement", loggedByService: ENTITLEMENT, target: "User" },
  accessPackageAssignmentRequest: { category: "EntitlementManagement", loggedByService: ENTITLEMENT, target: "Other" },
};
const OTHER: PrefixDefaults = { category: "Other", loggedByService: CORE, target: "Other" };

const activity = (type: string, displayName: string, operationType: AuditOperation, extra: Partial<Activity> = {}): Activity => {
  const prefix = prefixDefaults(type);
  return { displayName, operationType, category: prefix.category, loggedByService: prefix.loggedByService, ...extra };
};

/** Every type the services write today (app/_lib, grep `type: "`), with Entra's activity names where Entra has one. */
export const ACTIVITIES: Readonly<Record<string, Activity>> = Object.fromEntries(
  (
    [
      [
        "guest.created",
        "Add user",
        "Add",
        {
          loggedByService: "Invited Users",
          serviceByCreatedVia: {
            selfServiceSignUp: "Self-service Sign-up",
            invitation: "Invited Users",
            accessPackage: ENTITLEMENT,
            admin: CORE,
            seed: CORE,
          },
        },
      ],
      ["guest.attributesUpdated", "Update user", "Update"],
      ["guest.signedIn", "User signed in", "Update"],
      ["guest.blocked", "Disable account", "Update"],
      ["guest.unblocked", "Enable account", "Update"],
      ["guest.deleted", "Delete user", "Delete"],
      ["guest.identityLinked", "Redeem external user invite", "Update", { loggedByService: "Invited Users" }],
      ["guest.signInSessionsRevoked", "Revoke sign-in sessions", "Update"],
      ["guest.signUpApproved", "Approve self-service sign-up", "Update"],
      ["guest.signUpRefused", "Refuse self-service sign-up", "Update"],
      ["guest.termsAccepted", "Accept terms of use", "Update"],
      ["guest.sponsorAdded", "Add sponsor to user", "Add"],
      ["guest.sponsorRemoved", "Remove sponsor from user", "Delete"],
      ["guest.managerSet", "Set user manager", "Update"],
      ["guest.managerRemoved", "Remove user manager", "Delete"],
      ["guests.exported", "Export users", "Other"],
      ["user.created", "Add user", "Add"],
      ["user.updated", "Update user", "Update"],
      ["user.deleted", "Delete user", "Delete"],
      ["group.created", "Add group", "Add"],
      ["group.updated", "Update group", "Update"],
      ["group.deleted", "Delete group", "Delete"],
      ["group.membersAdded", "Add member to group", "Add"],
      ["group.memberRemoved", "Remove member from group", "Delete"],
      ["group.ownerAdded", "Add owner to group", "Add"],
      ["group.ownerRemoved", "Remove owner from group", "Delete"],
      ["group.appRoleAssignmentAdded", "Add app role assignment to group", "Assign"],
      ["group.appRoleAssignmentRemoved", "Remove app role assignment from group", "Unassign"],
      ["appRoleAssignment.created", "Add app role assignment to user", "Assign"],
      ["appRoleAssignment.deleted", "Remove app role assignment from user", "Unassign"],
      ["application.created", "Add application", "Add"],
      ["application.registered", "Add application", "Add"],
      ["application.updated", "Update application", "Update"],
      ["application.deleted", "Delete application", "Delete"],
      ["application.secretAdded", "Add service principal credentials", "Add"],
      ["application.secretRemoved", "Remove service principal credentials", "Delete"],
      ["userFlow.created", "Add user flow", "Add"],
      ["userFlow.updated", "Update user flow", "Update"],
      ["userFlow.deleted", "Delete user flow", "Delete"],
      ["userFlows.imported", "Update user flow", "Update"],
      ["userFlowAttribute.created", "Add user flow attribute", "Add"],
      ["userFlowAttribute.updated", "Update user flow attribute", "Update"],
      ["userFlowAttribute.deleted", "Delete user flow attribute", "Delete"],
      ["signingKey.rotated", "Rotate signing key", "Update"],
      ["tenant.renamed", "Update company settings", "Update"],
      ["accessPackageCatalog.created", "Create access package catalog", "Add"],
      ["accessPackageCatalog.updated", "Update access package catalog", "Update"],
      ["accessPackageCatalog.deleted", "Delete access package catalog", "Delete"],
      ["accessPackageCatalog.resourceAdded", "Create access package catalog resource", "Add"],
      ["accessPackageCatalog.resourceRemoved", "Delete access package catalog resource", "Delete"],
      ["accessPackage.created", "Create access package", "Add"],
      ["accessPackage.updated", "Update access package", "Update"],
      ["accessPackage.deleted", "Delete access package", "Delete"],
      ["accessPackage.resourceRoleScopeAdded", "Create access package resource role scope", "Add"],
      ["accessPackage.resourceRoleScopeRemoved", "Delete access package resource role scope", "Delete"],
      ["accessPackagePolicy.created", "Create access package assignment policy", "Add"],
      ["accessPackagePolicy.updated", "Update access package assignment policy", "Update"],
      ["accessPackagePolicy.deleted", "Delete access package assignment policy", "Delete"],
      ["connectedOrganization.created", "Create connected organization", "Add"],
      ["connectedOrganization.updated", "Update connected organization", "Update"],
      ["connectedOrganization.deleted", "Delete connected organization", "Delete"],
      ["connectedOrganization.sponsorAdded", "Add sponsor to connected organization", "Add"],
      ["connectedOrganization.sponsorRemoved", "Remove sponsor from connected organization", "Delete"],
      ["entitlementSettings.updated", "Update entitlement management settings", "Update"],
      ["accessPackageAssignment.delivered", "Create access package assignment", "Assign"],
      ["accessPackageAssignment.removed", "Remove access package assignment", "Unassign"],
      ["accessPackageAssignment.expired", "Access package assignment expired", "Unassign"],
      ["accessPackageAssignment.reprocessed", "Reprocess access package assignment", "Assign"],
      ["accessPackageAssignment.extended", "Extend access package assignment", "Update"],
      ["accessPackageAssignment.updated", "Update access package assignment", "Update"],
      ["accessPackageAssignmentRequest.created", "Create access package assignment request", "Add"],
      ["accessPackageAssignmentRequest.approved", "Approve access package assignment request", "Update"],
      ["accessPackageAssignmentRequest.denied", "Deny access package assignment request", "Update"],
      ["accessPackageAssignmentRequest.canceled", "Cancel access package assignment request", "Update"],
      ["accessPackageAssignmentRequest.deliveryFailed", "Access package assignment request delivery failed", "Update"],
      ["accessPackageAssignmentRequest.reprocessed", "Reprocess access package assignment request", "Update"],
      ["accessPackageAssignmentRequest.escalated", "Escalate access package assignment request", "Update"],
      ["accessPackageAssignmentRequest.started", "Start scheduled access package assignment request", "Update"],
    ] as const satisfies readonly (readonly [string, string, AuditOperation, Partial<Activity>?])[]
  ).map(([type, displayName, operation, extra]) => [type, activity(type, displayName, operation, extra ?? {})]),
);

export const KNOWN_TYPES: readonly string[] = Object.keys(ACTIVITIES);

export function prefixOf(type: string): string {
  const dot = type.indexOf(".");
  return dot < 0 ? type : type.slice(0, dot);
}

export function prefixDefaults(type: string): PrefixDefaults {
  return PREFIXES[prefixOf(type)] ?? OTHER;
}

/** The activity of any type: the table's row, or the prefix's defaults with the type as its name. */
export function activityOf(type: string): Activity {
  const known = ACTIVITIES[type];
  if (known) return known;
  const verb = type.slice(type.indexOf(".") + 1);
  const operationType: AuditOperation = /^(created|added|.*Added|registered)$/.test(verb)
    ? "Add"
    : /^(deleted|removed|.*Removed)$/.test(verb)
      ? "Delete"
      : "Update";
  const prefix = prefixDefaults(type);
  return { displayName: type, category: prefix.category, operationType, loggedByService: prefix.loggedByService };
}

/** The service of one event: for a guest's creation, the one its `createdVia` names. */
export function serviceOf(type: string, data: Record<string, unknown>): string {
  const row = activityOf(type);
  const via = typeof data.createdVia === "string" ? row.serviceByCreatedVia?.[data.createdVia] : undefined;
  return via ?? row.loggedByService;
}

/**
 * The prefixes whose defaults `keep` accepts, and whether the unlisted prefixes' defaults (Other)
 * do too: the part of a derived filter that covers types not in the table.
 */
export function prefixesWhere(keep: (defaults: PrefixDefaults) => boolean): { prefixes: string[]; unlisted: boolean } {
  const prefixes = Object.entries(PREFIXES)
    .filter(([, defaults]) => keep(defaults))
    .map(([prefix]) => prefix);
  return { prefixes, unlisted: keep(OTHER) };
}
