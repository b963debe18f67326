import type { Actor } from "../directory";

/** What an invitation verb does, as far as who may call it is concerned. */
export type InvitationAction = "invite" | "read" | "revoke" | "resetRedemption";

// Graph application permissions (contract §0.2): User.Invite.All, or the broader write permissions.
const APPLICATION_INVITE = ["User.Invite.All", "User.ReadWrite.All", "Directory.ReadWrite.All"];
const APPLICATION_READ = [...APPLICATION_INVITE, "User.Read.All", "Directory.Read.All"];
// Resetting a redemption takes over an account's sign-in: Graph asks for User.ReadWrite.All for it.
const APPLICATION_RESET = ["User.ReadWrite.All", "Directory.ReadWrite.All"];

/**
 * Entra's roles: Guest Inviters invite, revoke, resend and reset redemptions (Entra names Guest
 * Inviter the least privileged role for a reset), as do User and Global Administrators; Directory
 * Readers and Application Administrators read. Guests never act on invitations
 * (redeeming is the ticket's authority, not a role). Decided before anything is read.
 */
export function mayActOnInvitations(actor: Actor, action: InvitationAction): boolean {
  switch (actor.type) {
    case "system":
      return true;
    case "guest":
      return false;
    case "administrator":
      if (action === "read") return true;
      if (action === "resetRedemption")
        return actor.role === "globalAdministrator" || actor.role === "userAdministrator" || actor.role === "guestInviter";
      return actor.role !== "directoryReader";
    case "application": {
      const needed = action === "read" ? APPLICATION_READ : action === "resetRedemption" ? APPLICATION_RESET : APPLICATION_INVITE;
      return actor.permissions.some((permission) => needed.includes(permission));
    }
  }
}

/** Members are the tenant's administrators: only the system or a Global Administrator invites one (Entra). */
export const mayInviteMember = (actor: Actor) =>
  actor.type === "system" || (actor.type === "administrator" && actor.role === "globalAdministrator");
