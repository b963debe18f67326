import { describe, expect, it } from "vitest";
import type { Actor } from "../actor";
import { mayManageGroups, type GroupAction } from "./permissions";

const app = (...permissions: string[]): Actor => ({ type: "application", clientId: "c", permissions });
const ACTIONS: GroupAction[] = [
  "readGroups",
  "writeGroups",
  "writeMembers",
  "readMemberships",
  "readAssignments",
  "writeAssignments",
];
const allowed = (actor: Actor) => ACTIONS.filter((action) => mayManageGroups(actor, action));

describe("who may manage groups and app-role assignments (contract §0.2)", () => {
  it("gives each Graph permission exactly its actions", () => {
    expect(allowed(app("Group.Read.All"))).toEqual(["readGroups", "readMemberships"]);
    expect(allowed(app("Group.ReadWrite.All"))).toEqual(["readGroups", "writeGroups", "writeMembers", "readMemberships"]);
    expect(allowed(app("GroupMember.ReadWrite.All"))).toEqual(["readGroups", "writeMembers", "readMemberships"]);
    expect(allowed(app("AppRoleAssignment.ReadWrite.All"))).toEqual(["readAssignments", "writeAssignments"]);
    // The groups overage claim's endpoint is open to user readers too.
    expect(allowed(app("User.Read.All"))).toEqual(["readMemberships", "readAssignments"]);
    expect(allowed(app("User.Invite.All"))).toEqual([]);
  });

  it("lets every administrator role read and user administrators write; never a guest", () => {
    expect(allowed({ type: "administrator", id: "a", role: "directoryReader" })).toEqual([
      "readGroups",
      "readMemberships",
      "readAssignments",
    ]);
    expect(allowed({ type: "administrator", id: "a", role: "userAdministrator" })).toEqual(ACTIONS);
    expect(allowed({ type: "guest", guestId: "g" })).toEqual([]);
    expect(allowed({ type: "system", name: "cli" })).toEqual(ACTIONS);
  });
});
