import { describe, expect, it } from "vitest";
import { EntitlementError } from "./errors";
import { policyBody } from "./graph-types";
import { policySettings } from "./policy-settings";
import type { EntitlementReads } from "./records";

const PACKAGE = "0a0a0000-0000-4000-8000-000000000001";
const USER = "0a0a0000-0000-4000-8000-000000000002";
const ORG = "0a0a0000-0000-4000-8000-000000000003";

// Only the lookups policySettings makes: one user and one connected organization exist.
const reads = {
  userExists: async (_tenant: string, id: string) => id === USER,
  groupExists: async () => false,
  findConnectedOrganization: async (_tenant: string, id: string) => (id === ORG ? ({ id } as never) : null),
} as unknown as EntitlementReads;

const approver = { "@odata.type": "#microsoft.graph.singleUser", userId: USER };
const body = (extra: Record<string, unknown>) =>
  policyBody.parse({ displayName: "P", accessPackage: { id: PACKAGE }, allowedTargetScope: "allMemberUsers", ...extra });
const settle = (extra: Record<string, unknown>, external = true) =>
  policySettings(reads, "t", body(extra), { isExternallyVisible: external });
const refusedOn = async (extra: Record<string, unknown>, external = true) => {
  const error = await settle(extra, external).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(EntitlementError);
  return (error as EntitlementError).field;
};

describe("an assignment policy's settings (contract §7.2)", () => {
  it("fills in Graph's defaults, so a read shows every property", async () => {
    const settings = await settle({
      requestApprovalSettings: { isApprovalRequiredForAdd: true, stages: [{ primaryApprovers: [approver] }] },
    });
    expect(settings.expiration).toEqual({ type: "notSpecified", endDateTime: null, duration: null });
    expect(settings.requestApprovalSettings).toMatchObject({
      stages: [{ durationBeforeAutomaticDenial: "P14D", durationBeforeEscalation: "PT0S", fallbackPrimaryApprovers: [] }],
    });
    expect(settings.requestorSettings).toMatchObject({ enableTargetsToSelfAddAccess: false, onBehalfRequestors: [] });
  });

  it("takes one to three stages, each with a primary approver", async () => {
    const stages = (n: number) => Array.from({ length: n }, () => ({ primaryApprovers: [approver] }));
    await expect(
      settle({ requestApprovalSettings: { isApprovalRequiredForAdd: true, stages: stages(3) } }),
    ).resolves.toBeDefined();
    expect(await refusedOn({ requestApprovalSettings: { isApprovalRequiredForAdd: true, stages: stages(4) } })).toBe(
      "requestApprovalSettings.stages",
    );
    expect(await refusedOn({ requestApprovalSettings: { isApprovalRequiredForAdd: true } })).toBe(
      "requestApprovalSettings.stages",
    );
    expect(await refusedOn({ requestApprovalSettings: { stages: [{ primaryApprovers: [] }] } })).toBe(
      "requestApprovalSettings.stages[0].primaryApprovers",
    );
  });

  it("refuses approvers and targets of no one in this tenant", async () => {
    const stranger = { "@odata.type": "#microsoft.graph.singleUser", userId: PACKAGE };
    expect(await refusedOn({ requestApprovalSettings: { stages: [{ primaryApprovers: [stranger] }] } })).toBe("userId");
    const organization = (id: string) => ({
      allowedTargetScope: "specificConnectedOrganizationUsers",
      specificAllowedTargets: [{ "@odata.type": "#microsoft.graph.connectedOrganizationMembers", connectedOrganizationId: id }],
    });
    await expect(settle(organization(ORG))).resolves.toBeDefined();
    expect(await refusedOn(organization(PACKAGE))).toBe("connectedOrganizationId");
  });

  it("lets people outside the directory request only in a catalog enabled for external users", async () => {
    await expect(settle({ allowedTargetScope: "allExternalUsers" })).resolves.toBeDefined();
    expect(await refusedOn({ allowedTargetScope: "allExternalUsers" }, false)).toBe("allowedTargetScope");
    expect(await refusedOn({ allowedTargetScope: "allMemberUsers", specificAllowedTargets: [approver] })).toBe(
      "specificAllowedTargets",
    );
  });

  it("checks questions: a pattern that compiles, choices that exist and differ, ids once", async () => {
    const text = { "@odata.type": "#microsoft.graph.accessPackageTextInputQuestion", text: "KvK" };
    const choice = { "@odata.type": "#microsoft.graph.accessPackageMultipleChoiceQuestion", text: "Role" };
    const [q] = (await settle({ questions: [{ ...text, regexPattern: "^[0-9]{8}$" }] })).questions as { id: string }[];
    expect(q!.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(await refusedOn({ questions: [{ ...text, regexPattern: "([0-9" }] })).toBe("questions[0].regexPattern");
    expect(await refusedOn({ questions: [{ ...choice, choices: [] }] })).toBe("questions[0].choices");
    const twice = [
      { actualValue: "a", text: "A" },
      { actualValue: "a", text: "B" },
    ];
    expect(await refusedOn({ questions: [{ ...choice, choices: twice }] })).toBe("questions[0].choices");
    expect(
      await refusedOn({
        questions: [
          { ...text, id: PACKAGE },
          { ...text, id: PACKAGE },
        ],
      }),
    ).toBe("questions[1].id");
  });

  it("needs the date or the duration an expiration's type names", async () => {
    expect(await refusedOn({ expiration: { type: "afterDateTime" } })).toBe("expiration.endDateTime");
    expect(await refusedOn({ expiration: { type: "afterDuration" } })).toBe("expiration.duration");
    expect(() => body({ expiration: { type: "afterDuration", duration: "180 days" } })).toThrow();
  });
});
