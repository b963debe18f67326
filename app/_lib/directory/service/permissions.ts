import type { Actor, AdministratorRole } from "../actor";

/** What a directory verb does, as far as who may call it is concerned. */
export type DirectoryAction =
  | "read"
  | "list"
  | "updateAttributes"
  | "block"
  | "unblock"
  | "delete"
  | "createPending"
  | "linkIdentity"
  | "create"
  | "revokeSessions"
  | "resetRedemption";

/** Graph application permissions (client-credentials `roles`) that let an application read or write guests. */
const APPLICATION_READ = ["User.Read.All", "User.ReadWrite.All", "Directory.Read.All", "Directory.ReadWrite.All"];
const APPLICATION_WRITE = ["User.ReadWrite.All", "Directory.ReadWrite.All"];
const APPLICATION_INVITE = [...APPLICATION_WRITE, "User.Invite.All"];

const WRITER_ACTIONS: readonly DirectoryAction[] = [
  "read",
  "list",
  "updateAttributes",
  "block",
  "unblock",
  "delete",
  "createPending",
  "linkIdentity",
  "create",
  "revokeSessions",
  "resetRedemption",
];

/** Entra's built-in roles, narrowed to guests: readers read, inviters also create pending guests. */
const ADMINISTRATOR_ACTIONS: Record<AdministratorRole, readonly DirectoryAction[]> = {
  globalAdministrator: WRITER_ACTIONS,
  userAdministrator: WRITER_ACTIONS,
  applicationAdministrator: ["read", "list"],
  // A reset keeps the address: the new invitation redeems only with proof of it (Entra: Guest Inviter may reset).
  guestInviter: ["read", "list", "createPending", "resetRedemption"],
  directoryReader: ["read", "list"],
};

/**
 * Self-service: a guest reads, edits and deletes their own record, and nothing else; an invitee
 * redeeming their invitation links their first identity (the verb allows it only while pending).
 */
const GUEST_ACTIONS: readonly DirectoryAction[] = ["read", "updateAttributes", "delete", "linkIdentity"];

/**
 * Whether the actor may do this to the guest `guestId` (undefined for verbs on no one guest: list,
 * createPending). Decided before anything is read, so a refusal says nothing about whether the
 * guest exists.
 */
export function mayAct(actor: Actor, action: DirectoryAction, guestId?: string): boolean {
  switch (actor.type) {
    case "system":
      return true;
    case "administrator":
      return ADMINISTRATOR_ACTIONS[actor.role]?.includes(action) ?? false;
    case "guest":
      return guestId !== undefined && guestId === actor.guestId && GUEST_ACTIONS.includes(action);
    case "application": {
      const needed =
        action === "read" || action === "list"
          ? APPLICATION_READ
          : action === "createPending"
            ? APPLICATION_INVITE
            : APPLICATION_WRITE;
      return actor.permissions.some((permission) => needed.includes(permission));
    }
  }
}
