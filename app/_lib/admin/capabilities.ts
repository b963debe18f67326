import type { AdministratorRole } from "../directory";

/**
 * What a page or action of the admin portal needs. Each is granted by directory roles with Entra's
 * meaning (contract: Global Administrator does everything; User Administrator manages guests and
 * groups; Application Administrator manages applications; Guest Inviter invites and reads guests;
 * Directory Readers read; entitlement management as ENTITLEMENT_ACCESS says: Global and User
 * Administrators write, Directory Readers read). API connectors and custom authentication extensions
 * (`extensions.*`) follow their services' Graph rules: Global Administrators change them, Directory
 * Readers read them. Checked on the server for every page and every action.
 */
export const ADMIN_CAPABILITIES = [
  "overview.read",
  "guests.read",
  "guests.write",
  "guests.invite",
  "applications.read",
  "applications.write",
  "userFlows.read",
  "userFlows.write",
  "extensions.read",
  "extensions.write",
  "groups.read",
  "groups.write",
  "audit.read",
  "settings.write",
  "roles.assign",
  "access.read",
  "access.write",
  "access.approve",
] as const;
export type AdminCapability = (typeof ADMIN_CAPABILITIES)[number];

const READ: readonly AdminCapability[] = ["overview.read", "guests.read", "groups.read"];
// Any administrator may be named a stage approver of an access package: the queue is theirs to
// open, and the entitlement service decides whose decision a stage takes.
const APPROVE: readonly AdminCapability[] = ["access.approve"];

const GRANTS: Record<AdministratorRole, readonly AdminCapability[]> = {
  globalAdministrator: ADMIN_CAPABILITIES,
  userAdministrator: [
    ...READ,
    ...APPROVE,
    "guests.write",
    "guests.invite",
    "groups.write",
    "userFlows.read",
    "audit.read",
    "access.read",
    "access.write",
  ],
  applicationAdministrator: [...READ, ...APPROVE, "applications.read", "applications.write", "userFlows.read"],
  guestInviter: ["overview.read", "guests.read", "guests.invite", ...APPROVE],
  directoryReader: [...READ, ...APPROVE, "applications.read", "userFlows.read", "extensions.read", "audit.read", "access.read"],
};

/** Whether any of the roles grants the capability. */
export function can(roles: readonly AdministratorRole[], capability: AdminCapability): boolean {
  return roles.some((role) => GRANTS[role].includes(capability));
}

/** Everything the roles grant, for drawing the navigation (the pages check again). */
export function capabilitiesOf(roles: readonly AdministratorRole[]): ReadonlySet<AdminCapability> {
  return new Set(roles.flatMap((role) => GRANTS[role]));
}

/**
 * The role to act under for a capability: the strongest held role that grants it (a member who is
 * both User and Application Administrator acts as the one the action needs), or undefined.
 */
export function roleFor(roles: readonly AdministratorRole[], capability: AdminCapability): AdministratorRole | undefined {
  return ADMINISTRATOR_ROLE_ORDER.find((role) => roles.includes(role) && GRANTS[role].includes(capability));
}

const ADMINISTRATOR_ROLE_ORDER = Object.keys(GRANTS) as AdministratorRole[];
