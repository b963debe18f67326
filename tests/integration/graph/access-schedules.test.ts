// A requestor's own start and end dates, extensions that need approval, the caller's own packages
// and assignments, and an administrator's schedule change — through the unmodified Graph JS
// client on SQLite and PostgreSQL: userAdd with `schedule` where the policy's
// allowCustomAssignmentSchedule allows it (validated: not past, end after start, not past the
// policy's expiration), waiting `scheduled` after approval until the lifecycle job (clock moved)
// delivers it with the chosen end; userExtend under isApprovalRequiredForUpdate waiting for the
// stage and moving the end only once approved; accessPackages and assignments
// filterByCurrentUser; adminUpdate of an assignment's end.
import { GraphError, type Client } from "@microsoft/microsoft-graph-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { entitlementLifecycleJob } from "../../../app/_lib/access";
import { testDatabaseProviders } from "../../helpers/database";
import { obtainCode, REDIRECT, tokenRequest } from "../oidc/harness";
import { createGraphBed, type GraphBed } from "./api-bed";

const EM = "/identityGovernance/entitlementManagement";
const DAY = 24 * 3600 * 1000;
const SCOPE = "openid https://graph.microsoft.com/EntitlementManagement.ReadWrite.All";
const system = { type: "system" as const, name: "job:access-package-lifecycle" };

async function refusal(call: Promise<unknown>): Promise<GraphError> {
  const outcome = await call.then(
    () => undefined,
    (error: unknown) => error,
  );
  expect(outcome, "the call should have failed").toBeInstanceOf(GraphError);
  return outcome as GraphError;
}

describe.each(testDatabaseProviders())("requestor schedules, extension approval and own lists on %s", (provider) => {
  let graph: GraphBed;
  let admin: Client;
  let spa: string;
  let group: { id: string };
  let accessPackage: { id: string };
  let custom: { id: string };
  let fixed: { id: string };
  let extendable: { id: string };
  let approver: string;
  const as: Record<string, Client> = {};

  const delegated = async (guestId: string) => {
    const { code, verifier } = await obtainCode(graph.bed, { clientId: spa, guestId, scope: SCOPE });
    const response = await tokenRequest(graph.bed, {
      grant_type: "authorization_code",
      code,
      redirect_uri: REDIRECT,
      client_id: spa,
      code_verifier: verifier,
    });
    expect(response.status).toBe(200);
    return graph.client(((await response.json()) as { access_token: string }).access_token);
  };
  const person = async (email: string) => {
    const id = await graph.bed.guest({ email, displayName: email.split("@")[0] });
    as[id] = await delegated(id);
    return id;
  };
  const userAdd = (who: string, policyId: string, schedule?: unknown) =>
    as[who]!.api(`${EM}/assignmentRequests`).post({
      requestType: "userAdd",
      assignment: { accessPackageId: accessPackage.id, assignmentPolicyId: policyId },
      justification: "Project Lindholm",
      ...(schedule === undefined ? {} : { schedule }),
    });
  const approveStage = async (requestId: string) => {
    const [stage] = (await as[approver]!.api(`${EM}/accessPackageAssignmentApprovals/${requestId}/stages`).get()).value as {
      id: string;
    }[];
    await as[approver]!.api(`${EM}/accessPackageAssignmentApprovals/${requestId}/stages/${stage!.id}`).patch({
      reviewResult: "Approve",
      justification: "Fine",
    });
  };
  const members = async () => (await admin.api(`/groups/${group.id}/members`).get()).value.map((m: { id: string }) => m.id);
  const job = () => entitlementLifecycleJob(graph.entitlements);

  beforeAll(async () => {
    graph = await createGraphBed(provider);
    admin = graph.client(await graph.appToken(["EntitlementManagement.ReadWrite.All", "Group.ReadWrite.All", "User.Read.All"]));
    spa = await graph.bed.publicClient({ permissions: ["EntitlementManagement.ReadWrite.All"] });
    approver = await person("approver@woodgrove.example");
    group = await admin
      .api("/groups")
      .post({ displayName: "Lindholm", mailEnabled: false, mailNickname: "lindholm", securityEnabled: true });
    const catalog = await admin.api(`${EM}/catalogs`).post({ displayName: "Projects", isExternallyVisible: true });
    await admin
      .api(`${EM}/resourceRequests`)
      .post({ requestType: "adminAdd", resource: { originId: group.id, originSystem: "AadGroup" }, catalog: { id: catalog.id } });
    accessPackage = await admin.api(`${EM}/accessPackages`).post({ displayName: "Lindholm", catalog: { id: catalog.id } });
    await admin.api(`${EM}/accessPackages/${accessPackage.id}/resourceRoleScopes`).post({
      role: {
        originId: `Member_${group.id}`,
        originSystem: "AadGroup",
        resource: { originId: group.id, originSystem: "AadGroup" },
      },
      scope: { originId: group.id, originSystem: "AadGroup", isRootScope: true },
    });
    const stage = {
      durationBeforeAutomaticDenial: "P14D",
      primaryApprovers: [{ "@odata.type": "#microsoft.graph.singleUser", userId: approver }],
    };
    custom = await admin.api(`${EM}/assignmentPolicies`).post({
      displayName: "Own dates, approved",
      accessPackage: { id: accessPackage.id },
      allowedTargetScope: "allDirectoryUsers",
      expiration: { type: "afterDuration", duration: "P90D" },
      requestorSettings: { enableTargetsToSelfAddAccess: true, allowCustomAssignmentSchedule: true },
      requestApprovalSettings: { isApprovalRequiredForAdd: true, stages: [stage] },
    });
    fixed = await admin.api(`${EM}/assignmentPolicies`).post({
      displayName: "Policy dates only",
      accessPackage: { id: accessPackage.id },
      allowedTargetScope: "allDirectoryUsers",
      expiration: { type: "afterDuration", duration: "P30D" },
      requestorSettings: { enableTargetsToSelfAddAccess: true },
    });
    extendable = await admin.api(`${EM}/assignmentPolicies`).post({
      displayName: "Extensions approved",
      accessPackage: { id: accessPackage.id },
      allowedTargetScope: "allDirectoryUsers",
      expiration: { type: "afterDuration", duration: "P30D" },
      requestorSettings: { enableTargetsToSelfAddAccess: true, enableTargetsToSelfUpdateAccess: true },
      requestApprovalSettings: { isApprovalRequiredForAdd: false, isApprovalRequiredForUpdate: true, stages: [stage] },
    });
  });
  afterAll(async () => {
    expect(graph?.bed.errors).toEqual([]);
    await graph?.bed.close();
  });

  it("refuses a schedule the policy does not allow, a start in the past, an end before the start or past the policy", async () => {
    const ana = await person("ana@partner.example");
    const soon = new Date(Date.now() + 2 * DAY);
    const refused = async (policyId: string, schedule: unknown) => (await refusal(userAdd(ana, policyId, schedule))).message;
    expect(await refused(fixed.id, { startDateTime: soon.toISOString() })).toMatch(/allowCustomAssignmentSchedule/);
    expect(await refused(custom.id, { startDateTime: new Date(Date.now() - 3 * DAY).toISOString() })).toMatch(/past/);
    expect(
      await refused(custom.id, {
        startDateTime: soon.toISOString(),
        expiration: { type: "afterDateTime", endDateTime: new Date(Date.now() + DAY).toISOString() },
      }),
    ).toMatch(/after the start/);
    expect(
      await refused(custom.id, {
        startDateTime: soon.toISOString(),
        expiration: { type: "afterDateTime", endDateTime: new Date(soon.getTime() + 91 * DAY).toISOString() },
      }),
    ).toMatch(/policy's expiration/);
    expect(await graph.bed.db.prisma.accessPackageAssignmentRequest.count({ where: { targetGuestId: ana } })).toBe(0);
  });

  it("waits scheduled after approval until the start, then the job delivers it with the chosen end", async () => {
    const bo = await person("bo@partner.example");
    const start = new Date(Date.now() + 3 * DAY);
    const end = new Date(start.getTime() + 10 * DAY);
    const filed = await userAdd(bo, custom.id, {
      startDateTime: start.toISOString(),
      expiration: { type: "afterDateTime", endDateTime: end.toISOString() },
    });
    expect(filed).toMatchObject({
      state: "pendingApproval",
      schedule: { startDateTime: start.toISOString(), expiration: { type: "afterDateTime", endDateTime: end.toISOString() } },
    });
    await approveStage(filed.id);
    expect((await admin.api(`${EM}/assignmentRequests/${filed.id}`).get()).state).toBe("scheduled");
    expect(await members()).not.toContain(bo);
    // A scheduled request is still a waiting one: no second request of the package meanwhile.
    expect((await refusal(userAdd(bo, fixed.id))).message).toMatch(/waiting/);

    // Before the start nothing happens; once it has come, the job delivers.
    expect(await job().run({ now: new Date(start.getTime() - DAY), actor: system })).toMatchObject({ started: 0 });
    expect(await job().run({ now: new Date(start.getTime() + 60_000), actor: system })).toMatchObject({ started: 1 });
    const delivered = await admin.api(`${EM}/assignmentRequests/${filed.id}`).get();
    expect(delivered.state).toBe("delivered");
    expect(await members()).toContain(bo);
    const assignment = await admin.api(`${EM}/assignments/${delivered.assignment.id}`).get();
    expect(assignment.schedule.expiration).toEqual({ type: "afterDateTime", endDateTime: end.toISOString(), duration: null });
    const row = await graph.bed.db.prisma.accessPackageAssignment.findUniqueOrThrow({ where: { id: assignment.id } });
    expect(row.expiresAt!.toISOString()).toBe(end.toISOString());

    // The chosen end ends it (the expiry job), not the policy's 90 days.
    await job().run({ now: new Date(end.getTime() + 60_000), actor: system });
    expect((await admin.api(`${EM}/assignments/${assignment.id}`).get()).state).toBe("expired");
    expect(await members()).not.toContain(bo);
  });

  it("holds an extension for approval under isApprovalRequiredForUpdate and moves the end only once approved", async () => {
    const cy = await person("cy@partner.example");
    const added = await userAdd(cy, extendable.id);
    expect(added.state).toBe("delivered");
    const assignmentId = added.assignment.id as string;
    const before = await graph.bed.db.prisma.accessPackageAssignment.findUniqueOrThrow({ where: { id: assignmentId } });
    await new Promise((resolve) => setTimeout(resolve, 20));

    const extension = await as[cy]!.api(`${EM}/assignmentRequests`).post({
      requestType: "UserExtend",
      assignment: { id: assignmentId },
      justification: "Another month",
    });
    expect(extension).toMatchObject({ requestType: "userExtend", state: "pendingApproval", assignment: { id: assignmentId } });
    const waiting = await graph.bed.db.prisma.accessPackageAssignment.findUniqueOrThrow({ where: { id: assignmentId } });
    expect(waiting.expiresAt).toEqual(before.expiresAt);
    // One extension at a time.
    const again = await refusal(
      as[cy]!.api(`${EM}/assignmentRequests`).post({ requestType: "userExtend", assignment: { id: assignmentId } }),
    );
    expect(again.message).toMatch(/waiting for approval/);

    await approveStage(extension.id);
    expect((await admin.api(`${EM}/assignmentRequests/${extension.id}`).get()).state).toBe("delivered");
    const after = await graph.bed.db.prisma.accessPackageAssignment.findUniqueOrThrow({ where: { id: assignmentId } });
    expect(after.expiresAt!.getTime()).toBeGreaterThan(before.expiresAt!.getTime());
    const audits = await graph.bed.db.prisma.auditEvent.findMany({
      where: { type: "accessPackageAssignment.extended", targetId: cy },
    });
    expect(audits.map((a) => a.actorId)).toEqual([approver]);
  });

  it("lists the caller's own requestable packages and assignments, and lets an administrator change an assignment's end", async () => {
    const di = await person("di@partner.example");
    const offered = await as[di]!.api(`${EM}/accessPackages/filterByCurrentUser(on='allowedRequestor')`).get();
    expect(offered.value.map((p: { id: string }) => p.id)).toEqual([accessPackage.id]);
    expect(offered.value[0]).toMatchObject({ displayName: "Lindholm", catalog: { id: expect.any(String) } });
    // An application has no current user.
    expect((await refusal(admin.api(`${EM}/accessPackages/filterByCurrentUser(on='allowedRequestor')`).get())).statusCode).toBe(
      403,
    );

    expect((await as[di]!.api(`${EM}/assignments/filterByCurrentUser(on='target')`).get()).value).toEqual([]);
    const added = await userAdd(di, fixed.id);
    const own = await as[di]!.api(`${EM}/assignments/filterByCurrentUser(on='target')`).get();
    expect(own.value.map((a: { id: string }) => a.id)).toEqual([added.assignment.id]);
    expect(own.value[0]).toMatchObject({ state: "delivered", target: { objectId: di } });
    // Another signed-in user sees none of di's; a state filter narrows.
    const others = await as[approver]!.api(`${EM}/assignments/filterByCurrentUser(on='target')`).get();
    expect(others.value.map((a: { id: string }) => a.id)).not.toContain(added.assignment.id);
    const expiredOnly = await as[di]!.api(`${EM}/assignments/filterByCurrentUser(on='target')`)
      .filter("state eq 'expired'")
      .get();
    expect(expiredOnly.value).toEqual([]);

    const end = new Date(Date.now() + 5 * DAY);
    const update = await admin.api(`${EM}/assignmentRequests`).post({
      requestType: "adminUpdate",
      assignment: { id: added.assignment.id },
      schedule: { expiration: { type: "afterDateTime", endDateTime: end.toISOString() } },
    });
    expect(update).toMatchObject({ requestType: "adminUpdate", state: "delivered" });
    const changed = await admin.api(`${EM}/assignments/${added.assignment.id}`).get();
    expect(changed.schedule.expiration).toEqual({ type: "afterDateTime", endDateTime: end.toISOString(), duration: null });
    expect(
      (
        await refusal(
          admin.api(`${EM}/assignmentRequests`).post({
            requestType: "adminUpdate",
            assignment: { id: added.assignment.id },
            schedule: { expiration: { type: "afterDateTime", endDateTime: new Date(Date.now() - DAY).toISOString() } },
          }),
        )
      ).message,
    ).toMatch(/future/);
    // A guest may not change an assignment's schedule.
    expect(
      (
        await refusal(
          as[di]!.api(`${EM}/assignmentRequests`).post({
            requestType: "adminUpdate",
            assignment: { id: added.assignment.id },
            schedule: { expiration: { type: "noExpiration" } },
          }),
        )
      ).statusCode,
    ).toBe(403);
    const audits = await graph.bed.db.prisma.auditEvent.count({
      where: { type: "accessPackageAssignment.updated", targetId: di },
    });
    expect(audits).toBe(1);
  });
});
