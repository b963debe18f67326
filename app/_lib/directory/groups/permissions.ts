import type { Actor, AdministratorRole } from "../actor";

/** What a group or app-role-assignment verb does, as far as who may call it is concerned. */
export type GroupAction =
  | "readGroups"
  | "writeGroups"
  | "writeMembers"
  | "readMemberships"
  | "readAssignments"
  | "writeAssignments"
  // A user's sponsors and manager (sponsors.ts): reading and changing the user.
  | "readUsers"
  | "writeUsers";

// Graph application permissions per action, least privileged first (contract §0.2).
const APPLICATION: Record<GroupAction, readonly string[]> = {
  readGroups: [
    "Group.Read.All",
    "Group.ReadWrite.All",
    "GroupMember.Read.All",
    "GroupMember.ReadWrite.All",
    "Directory.Read.All",
    "Directory.ReadWrite.All",
  ],
  writeGroups: ["Group.ReadWrite.All", "Directory.ReadWrite.All"],
  writeMembers: ["GroupMember.ReadWrite.All", "Group.ReadWrite.All", "Directory.ReadWrite.All"],
  // getMemberObjects/getMemberGroups answer the groups overage claim: Graph lets user readers and
  // group readers call them.
  readMemberships: [
    "User.Read.All",
    "User.ReadWrite.All",
    "GroupMember.Read.All",
    "GroupMember.ReadWrite.All",
    "Group.Read.All",
    "Group.ReadWrite.All",
    "Directory.Read.All",
    "Directory.ReadWrite.All",
  ],
  readAssignments: [
    "User.Read.All",
    "User.ReadWrite.All",
    "AppRoleAssignment.ReadWrite.All",
    "Directory.Read.All",
    "Directory.ReadWrite.All",
  ],
  writeAssignments: ["AppRoleAssignment.ReadWrite.All"],
  readUsers: ["User.Read.All", "User.ReadWrite.All", "Directory.Read.All", "Directory.ReadWrite.All"],
  writeUsers: ["User.ReadWrite.All", "Directory.ReadWrite.All"],
};

const READERS: readonly AdministratorRole[] = ["globalAdministrator", "userAdministrator", "guestInviter", "directoryReader"];
const WRITERS: readonly AdministratorRole[] = ["globalAdministrator", "userAdministrator"];

/** The same split as the Graph routes' ACCESS (app/_lib/graph/permissions.ts); guests never. */
export function mayManageGroups(actor: Actor, action: GroupAction): boolean {
  switch (actor.type) {
    case "system":
      return true;
    case "administrator":
      return (action.startsWith("read") ? READERS : WRITERS).includes(actor.role);
    case "application":
      return actor.permissions.some((permission) => APPLICATION[action].includes(permission));
    case "guest":
      return false;
  }
}
