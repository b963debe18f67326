/**
 * Who is acting. Every verb that reads or changes the directory takes one, checks what it may do
 * and writes it into the audit event it records (docs/ARCHITECTURE.md, "Services and actors"): repositories never decide who
 * did something.
 */
export type Actor = GuestActor | AdministratorActor | ApplicationActor | SystemActor;

/**
 * What the surface knew of the caller beyond its id, recorded with its audit events (Graph
 * directoryAudits initiatedBy displayName and ipAddress). Optional: a verb never depends on it.
 */
export interface ActorDetails {
  displayName?: string | null;
  ipAddress?: string | null;
}

/** A guest acting on their own record (self-service sign-up, profile edit, leaving). */
export interface GuestActor extends ActorDetails {
  type: "guest";
  guestId: string;
}

/**
 * The tenant's administrator roles, named after the Entra directory roles they stand for
 * (Global Administrator, User Administrator, Guest Inviter, Application Administrator, Directory
 * Readers), strongest first.
 */
export const ADMINISTRATOR_ROLES = [
  "globalAdministrator",
  "userAdministrator",
  "applicationAdministrator",
  "guestInviter",
  "directoryReader",
] as const;
export type AdministratorRole = (typeof ADMINISTRATOR_ROLES)[number];

export interface AdministratorActor extends ActorDetails {
  type: "administrator";
  /** A stable id of the administrator (their guest/member id or e-mail address). */
  id: string;
  role: AdministratorRole;
}

/** An application calling with its own client-credentials token: Graph application permissions (`roles`). */
export interface ApplicationActor extends ActorDetails {
  type: "application";
  clientId: string;
  permissions: readonly string[];
}

/** The operator's CLI or a background job. */
export interface SystemActor {
  type: "system";
  /** What acts: `cli`, `job:<name>`, `seed`. */
  name: string;
}

/** The actor columns of an audit event. */
export function auditActor(actor: Actor): { actorType: Actor["type"]; actorId: string } {
  switch (actor.type) {
    case "guest":
      return { actorType: "guest", actorId: actor.guestId };
    case "administrator":
      return { actorType: "administrator", actorId: actor.id };
    case "application":
      return { actorType: "application", actorId: actor.clientId };
    case "system":
      return { actorType: "system", actorId: actor.name };
  }
}

/** Who may read or change a piece of configuration, by Graph permission and by directory role. */
export interface ConfigurationAccess {
  read: readonly string[];
  write: readonly string[];
  /** Directory roles beyond the default (global administrators write, directory readers read). */
  roles?: { read: readonly AdministratorRole[]; write: readonly AdministratorRole[] };
}

const DEFAULT_CONFIGURATION_ROLES = { read: ["globalAdministrator", "directoryReader"], write: ["globalAdministrator"] } as const;

/**
 * Who may read or change a tenant's configuration (user flows, applications, keys): the system,
 * administrators holding a role the configuration names (by default global administrators, and
 * directory readers to read), and applications holding one of the named Graph application
 * permissions. Guests never.
 */
export function mayConfigure(actor: Actor, write: boolean, permissions: ConfigurationAccess): boolean {
  switch (actor.type) {
    case "system":
      return true;
    case "administrator": {
      const roles: { read: readonly AdministratorRole[]; write: readonly AdministratorRole[] } =
        permissions.roles ?? DEFAULT_CONFIGURATION_ROLES;
      return roles.write.includes(actor.role) || (!write && roles.read.includes(actor.role));
    }
    case "application": {
      const held = (names: readonly string[]) => names.some((name) => actor.permissions.includes(name));
      return held(permissions.write) || (!write && held(permissions.read));
    }
    case "guest":
      return false;
  }
}
