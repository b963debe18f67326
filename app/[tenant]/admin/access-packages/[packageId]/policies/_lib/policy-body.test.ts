import { describe, expect, it } from "vitest";
import type { AdministratorActor } from "../../../../../../_lib/directory";
import { policyBodyOf } from "./policy-body";
import { blankValues, valuesOf } from "./policy-fields";

const ADMIN = { type: "administrator", id: "a", role: "globalAdministrator", displayName: "A" } as AdministratorActor;
const PACKAGE = "3f1e2d4c-5b6a-4978-8a9b-0c1d2e3f4a5b";
const GROUP = "5a1b9f7e-2c44-4e0b-8d6f-3b2a1c0d9e02";

// Only forms that name no user by address: those are looked up in the directory, which these do not reach.
const form = (changes: Record<string, string>) => ({ ...blankValues(), displayName: "Partners", ...changes });

describe("the policy form as Graph's assignment-policy body", () => {
  it("asks the requestor's manager and sponsors when ticked, and keeps them through the form again", async () => {
    const outcome = await policyBodyOf(
      ADMIN,
      "woodgrove",
      PACKAGE,
      form({ stage1Manager: "on", stage1Sponsors: "on", stage1Group: GROUP, stage1Fallback: "", stage1Days: "7" }),
    );
    // A manager or sponsors may be nobody (anyone not yet in the directory): a fallback is needed.
    expect(outcome).toEqual({ problems: { stage1Fallback: "fallbackNeeded" } });

    const groupOnly = await policyBodyOf(ADMIN, "woodgrove", PACKAGE, form({ stage1Group: GROUP }));
    expect("body" in groupOnly && groupOnly.body.requestApprovalSettings?.stages?.[0]?.primaryApprovers).toEqual([
      { "@odata.type": "#microsoft.graph.groupMembers", groupId: GROUP },
    ]);
  });

  it("refuses a stage with no approver of any kind", async () => {
    expect(await policyBodyOf(ADMIN, "woodgrove", PACKAGE, form({}))).toEqual({ problems: { stage1Approvers: "approvers" } });
  });

  it("sets a chosen schedule and the approval of extensions, the latter only where there are stages", async () => {
    const approved = await policyBodyOf(
      ADMIN,
      "woodgrove",
      PACKAGE,
      form({ stage1Group: GROUP, customSchedule: "on", selfExtend: "on", approveExtensions: "on" }),
    );
    if (!("body" in approved)) throw new Error(JSON.stringify(approved));
    expect(approved.body.requestorSettings).toMatchObject({
      allowCustomAssignmentSchedule: true,
      enableTargetsToSelfUpdateAccess: true,
    });
    expect(approved.body.requestApprovalSettings).toMatchObject({
      isApprovalRequiredForAdd: true,
      isApprovalRequiredForUpdate: true,
    });
    const again = valuesOf(
      { displayName: "Partners", description: "", allowedTargetScope: "allExternalUsers", settings: approved.body as never },
      new Map(),
    );
    expect(again).toMatchObject({ customSchedule: "on", approveExtensions: "on", selfExtend: "on" });

    const none = await policyBodyOf(
      ADMIN,
      "woodgrove",
      PACKAGE,
      form({ stages: "0", selfExtend: "on", approveExtensions: "on" }),
    );
    if (!("body" in none)) throw new Error(JSON.stringify(none));
    expect(none.body.requestApprovalSettings).toMatchObject({
      isApprovalRequiredForAdd: false,
      isApprovalRequiredForUpdate: false,
    });
    expect(none.body.requestorSettings).toMatchObject({ allowCustomAssignmentSchedule: false });
  });
});
