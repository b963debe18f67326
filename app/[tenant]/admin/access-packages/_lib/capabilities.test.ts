import { describe, expect, it } from "vitest";
import { ENTITLEMENT_ACCESS } from "../../../../_lib/access";
import { can, roleFor } from "../../../../_lib/admin";
import { ADMINISTRATOR_ROLES, mayConfigure } from "../../../../_lib/directory";

describe("the portal's access-package capabilities", () => {
  it("let every administrator open the approval queue: any of them can be named a stage approver", () => {
    for (const role of ADMINISTRATOR_ROLES) expect(can([role], "access.approve"), role).toBe(true);
  });

  it("grant reading and changing entitlement management to exactly the roles the service lets read and write", () => {
    for (const role of ADMINISTRATOR_ROLES) {
      const actor = { type: "administrator" as const, id: "a", role };
      expect(can([role], "access.read"), role).toBe(mayConfigure(actor, false, ENTITLEMENT_ACCESS));
      expect(can([role], "access.write"), role).toBe(mayConfigure(actor, true, ENTITLEMENT_ACCESS));
    }
    expect(can(["guestInviter"], "access.read")).toBe(false);
    expect(can(["directoryReader"], "access.write")).toBe(false);
  });

  it("acts on the queue under the strongest role held, so a reader who also invites still reads every request", () => {
    expect(roleFor(["guestInviter", "directoryReader"], "access.read")).toBe("directoryReader");
    expect(roleFor(["userAdministrator", "globalAdministrator"], "access.write")).toBe("globalAdministrator");
  });
});
