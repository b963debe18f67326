import type { Actor, AdministratorRole } from "../directory";
import type { AdminMembers } from "./sessions";

/** Reading who holds which directory role, for the portal's pages (the audit log names actors with their role). */
export interface AdminRoleReader {
  rolesOf(actor: Actor, tenantId: string, memberId: string): Promise<AdministratorRole[]>;
}

/** Any administrator of the tenant (and the system) may see who administers it; guests and applications may not. */
export function createAdminRoleReader(members: Pick<AdminMembers, "rolesOf">): AdminRoleReader {
  return {
    async rolesOf(actor, tenantId, memberId) {
      if (actor.type !== "administrator" && actor.type !== "system")
        throw new Error(`${actor.type} may not read directory roles`);
      return members.rolesOf(tenantId, memberId);
    },
  };
}
