import { ADMINISTRATOR_ROLES, type Actor, type AdministratorRole, type AuditEventInput } from "../directory";

export interface RoleMember {
  id: string;
  email?: string;
  displayName?: string;
  state: string;
  roles: AdministratorRole[];
}

/** Members and their directory roles, as the roles page manages them. */
export interface DirectoryRoleAdminStore {
  /** Every Member of the tenant holding at least one role, by address. */
  members(tenantId: string): Promise<RoleMember[]>;
  findMemberByEmail(tenantId: string, email: string): Promise<{ id: string; roles: AdministratorRole[] } | undefined>;
  createMember(tenantId: string, id: string, email: string, audit: AuditEventInput): Promise<void>;
  assign(tenantId: string, memberId: string, role: AdministratorRole, audit: AuditEventInput): Promise<void>;
  /** Removes the role unless that would leave no active Global Administrator; false when refused. */
  remove(
    tenantId: string,
    memberId: string,
    role: AdministratorRole,
    audit: AuditEventInput,
  ): Promise<"removed" | "absent" | "lastGlobalAdministrator">;
}

export type RoleChangeProblem = "forbidden" | "invalidEmail" | "invalidRole" | "notFound" | "lastGlobalAdministrator";

export class RoleChangeError extends Error {
  override readonly name = "RoleChangeError";
  constructor(readonly code: RoleChangeProblem) {
    super(`the role change was refused: ${code}`);
  }
}

/**
 * Whether `error` is a RoleChangeError, by name: the registry of services lives on globalThis and
 * may have been built from another bundle's copy of this module, where `instanceof` fails.
 */
export function isRoleChangeError(error: unknown): error is RoleChangeError {
  return error instanceof Error && error.name === "RoleChangeError" && typeof (error as RoleChangeError).code === "string";
}

export interface DirectoryRoleService {
  members(actor: Actor, tenantId: string): Promise<RoleMember[]>;
  /** Gives a Member (created when no Member has the address) a role; audited `directoryRole.assigned`. */
  assign(actor: Actor, tenantId: string, email: string, role: string): Promise<{ memberId: string; created: boolean }>;
  /** Takes a role away; the last Global Administrator keeps theirs. Audited `directoryRole.removed`. */
  remove(actor: Actor, tenantId: string, memberId: string, role: string): Promise<void>;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Only Global Administrators (and the system) assign roles: Entra's Privileged Role Administrator is not modelled. */
function mayAssign(actor: Actor): boolean {
  return actor.type === "system" || (actor.type === "administrator" && actor.role === "globalAdministrator");
}

export function createDirectoryRoleService(deps: { store: DirectoryRoleAdminStore; newId: () => string }): DirectoryRoleService {
  const { store } = deps;
  const check = (actor: Actor) => {
    if (!mayAssign(actor)) throw new RoleChangeError("forbidden");
  };
  const parseRole = (role: string): AdministratorRole => {
    if (!(ADMINISTRATOR_ROLES as readonly string[]).includes(role)) throw new RoleChangeError("invalidRole");
    return role as AdministratorRole;
  };
  return {
    async members(actor, tenantId) {
      check(actor);
      return store.members(tenantId);
    },
    async assign(actor, tenantId, rawEmail, rawRole) {
      check(actor);
      const role = parseRole(rawRole);
      const email = rawEmail.trim().toLowerCase();
      if (email.length > 320 || !EMAIL.test(email)) throw new RoleChangeError("invalidEmail");
      let member = await store.findMemberByEmail(tenantId, email);
      let created = false;
      if (!member) {
        // A Guest with this address is never promoted: the Member is a user of its own (and the
        // portal's sign-in matches Members only).
        const id = deps.newId();
        await store.createMember(tenantId, id, email, {
          tenantId,
          type: "guest.created",
          actor,
          target: { type: "guest", id },
          data: { createdVia: "admin", userType: "Member" },
        });
        member = { id, roles: [] };
        created = true;
      }
      if (!member.roles.includes(role))
        await store.assign(tenantId, member.id, role, {
          tenantId,
          type: "directoryRole.assigned",
          actor,
          target: { type: "guest", id: member.id },
          data: { role },
        });
      return { memberId: member.id, created };
    },
    async remove(actor, tenantId, memberId, rawRole) {
      check(actor);
      const role = parseRole(rawRole);
      const outcome = await store.remove(tenantId, memberId, role, {
        tenantId,
        type: "directoryRole.removed",
        actor,
        target: { type: "guest", id: memberId },
        data: { role },
      });
      if (outcome === "absent") throw new RoleChangeError("notFound");
      if (outcome === "lastGlobalAdministrator") throw new RoleChangeError("lastGlobalAdministrator");
    },
  };
}
