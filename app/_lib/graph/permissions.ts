import type { AdministratorRole } from "../directory";
import type { GraphAccess } from "./context";

/**
 * Who may call what, per resource (contract §0.2): the least privileged Graph application
 * permission first, then the ones that include it; for delegated callers, Entra's directory roles.
 */
const ALL_ROLES: readonly AdministratorRole[] = [
  "globalAdministrator",
  "userAdministrator",
  "applicationAdministrator",
  "guestInviter",
  "directoryReader",
];
const USER_WRITERS: readonly AdministratorRole[] = ["globalAdministrator", "userAdministrator"];
const GLOBAL: readonly AdministratorRole[] = ["globalAdministrator"];
const READERS_OF_CONFIGURATION: readonly AdministratorRole[] = ["globalAdministrator", "directoryReader"];
const APPLICATION_WRITERS: readonly AdministratorRole[] = ["globalAdministrator", "applicationAdministrator"];

const access = (permissions: readonly string[], roles: readonly AdministratorRole[]): GraphAccess => ({ permissions, roles });

export const ACCESS = {
  usersRead: access(["User.Read.All", "User.ReadWrite.All", "Directory.Read.All", "Directory.ReadWrite.All"], ALL_ROLES),
  usersWrite: access(["User.ReadWrite.All", "Directory.ReadWrite.All"], USER_WRITERS),
  invite: access(["User.Invite.All", "User.ReadWrite.All", "Directory.ReadWrite.All"], [...USER_WRITERS, "guestInviter"]),
  applicationsRead: access(
    ["Application.Read.All", "Application.ReadWrite.All", "Directory.Read.All"],
    [...APPLICATION_WRITERS, "directoryReader"],
  ),
  applicationsWrite: access(["Application.ReadWrite.All"], APPLICATION_WRITERS),
  userFlowsRead: access(["IdentityUserFlow.Read.All", "IdentityUserFlow.ReadWrite.All"], READERS_OF_CONFIGURATION),
  userFlowsWrite: access(["IdentityUserFlow.ReadWrite.All"], GLOBAL),
  apiConnectorsRead: access(["APIConnectors.Read.All", "APIConnectors.ReadWrite.All"], READERS_OF_CONFIGURATION),
  apiConnectorsWrite: access(["APIConnectors.ReadWrite.All"], GLOBAL),
  customExtensionsRead: access(
    ["CustomAuthenticationExtension.Read.All", "CustomAuthenticationExtension.ReadWrite.All"],
    READERS_OF_CONFIGURATION,
  ),
  customExtensionsWrite: access(["CustomAuthenticationExtension.ReadWrite.All"], GLOBAL),
  eventListenersRead: access(["EventListener.Read.All", "EventListener.ReadWrite.All"], READERS_OF_CONFIGURATION),
  eventListenersWrite: access(["EventListener.ReadWrite.All"], GLOBAL),
  groupsRead: access(
    ["Group.Read.All", "Group.ReadWrite.All", "GroupMember.Read.All", "GroupMember.ReadWrite.All", "Directory.Read.All"],
    ALL_ROLES,
  ),
  groupsWrite: access(["Group.ReadWrite.All", "Directory.ReadWrite.All"], USER_WRITERS),
  // getMemberObjects/getMemberGroups: the groups overage claim's endpoint (user or group readers).
  memberships: access(
    [
      "User.Read.All",
      "User.ReadWrite.All",
      "GroupMember.Read.All",
      "GroupMember.ReadWrite.All",
      "Group.Read.All",
      "Group.ReadWrite.All",
      "Directory.Read.All",
      "Directory.ReadWrite.All",
    ],
    ALL_ROLES,
  ),
  groupMembersWrite: access(["GroupMember.ReadWrite.All", "Group.ReadWrite.All", "Directory.ReadWrite.All"], USER_WRITERS),
  appRoleAssignmentsRead: access(
    ["User.Read.All", "User.ReadWrite.All", "AppRoleAssignment.ReadWrite.All", "Directory.Read.All"],
    ALL_ROLES,
  ),
  appRoleAssignmentsWrite: access(["AppRoleAssignment.ReadWrite.All"], USER_WRITERS),
  auditRead: access(["AuditLog.Read.All"], READERS_OF_CONFIGURATION),
  // identityGovernance/entitlementManagement (contract §0.2); the access module's ENTITLEMENT_ACCESS says the same.
  entitlementsRead: access(
    ["EntitlementManagement.Read.All", "EntitlementManagement.ReadWrite.All"],
    [...USER_WRITERS, "directoryReader"],
  ),
  entitlementsWrite: access(["EntitlementManagement.ReadWrite.All"], USER_WRITERS),
  // Filing a request: administrators and applications for anyone (adminAdd/adminRemove), a
  // signed-in user for themselves (userAdd); the access module decides which.
  entitlementsRequest: { ...access(["EntitlementManagement.ReadWrite.All"], USER_WRITERS), signedInUsers: true },
  // Entra: cancel and an approval decision are delegated only (contract §0.2); the requestor or an
  // administrator cancels, a stage's approver decides.
  entitlementsCancel: {
    ...access(["EntitlementManagement.ReadWrite.All"], USER_WRITERS),
    signedInUsers: true,
    delegatedOnly: true,
  },
  entitlementsApprovalRead: {
    ...access(["EntitlementManagement.Read.All", "EntitlementManagement.ReadWrite.All"], [...USER_WRITERS, "directoryReader"]),
    signedInUsers: true,
  },
  // filterByCurrentUser: the caller's own requests and approvals; delegated only (an application has no "current user").
  entitlementsCurrentUser: {
    ...access(["EntitlementManagement.Read.All", "EntitlementManagement.ReadWrite.All"], [...USER_WRITERS, "directoryReader"]),
    signedInUsers: true,
    delegatedOnly: true,
  },
  entitlementsDecide: {
    ...access(["EntitlementManagement.ReadWrite.All"], USER_WRITERS),
    signedInUsers: true,
    delegatedOnly: true,
  },
} as const satisfies Record<string, GraphAccess>;
