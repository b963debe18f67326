// Access-package requests and their approvals through the unmodified Graph JS client (issue 11's
// integration done-when): an application builds catalog, package, resource role scopes and a
// two-stage policy, files adminAdd for an address not yet in the directory, two approvers approve
// through the stages endpoint with delegated tokens (a second decision of a stage is 409, two at
// once give exactly one decision), and the request, the new guest's assignment, group membership
// and app role are read in Graph's shapes; then userAdd by a signed-in guest whose next ID token
// carries the package's group and role, denial, cancel, adminRemove, reprocess, and the lifecycle
// job with a moved clock — on SQLite and PostgreSQL.
import { GraphError, type Client } from "@microsoft/microsoft-graph-client";
import { decodeJwt } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { entitlementLifecycleJob } from "../../../app/_lib/access";
import { appRoleId } from "../../../app/_lib/oidc";
import { testDatabaseProviders } from "../../helpers/database";
import { basicAuth, obtainCode, REDIRECT, TENANT, tokenRequest } from "../oidc/harness";
import { createGraphBed, type GraphBed } from "./api-bed";

const EM = "/identityGovernance/entitlementManagement";
const DAY = 24 * 3600 * 1000;
const SCOPE = "openid https://graph.microsoft.com/EntitlementManagement.ReadWrite.All";

async function refusal(call: Promise<unknown>): Promise<GraphError> {
  const outcome = await call.then(
    () => undefined,
    (error: unknown) => error,
  );
  expect(outcome, "the call should have failed").toBeInstanceOf(GraphError);
  return outcome as GraphError;
}

describe.each(testDatabaseProviders())("access-package requests and approvals through the Graph client on %s", (provider) => {
  let graph: GraphBed;
  let admin: Client;
  let spa: string;
  let web: { clientId: string; secret: string };
  let sponsor: string;
  let reviewers: string[];
  let outsider: string;
  let group: { id: string };
  let accessPackage: { id: string };
  let policy: { id: string };
  let direct: { id: string };
  let roleValueId: string;
  const as: Record<string, Client> = {};

  /** A delegated Graph token of a signed-in user (authorization code + PKCE through the public client). */
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

  const idTokenOf = async (guestId: string) => {
    const { code, verifier } = await obtainCode(graph.bed, { clientId: web.clientId, guestId, scope: "openid" });
    const response = await tokenRequest(
      graph.bed,
      { grant_type: "authorization_code", code, redirect_uri: REDIRECT, code_verifier: verifier },
      basicAuth(web.clientId, web.secret),
    );
    expect(response.status).toBe(200);
    return decodeJwt(((await response.json()) as { id_token: string }).id_token);
  };

  const stagesOf = async (client: Client, requestId: string) =>
    (await client.api(`${EM}/accessPackageAssignmentApprovals/${requestId}/stages`).get()).value as {
      id: string;
      status: string;
      assignedToMe: boolean;
      reviewResult: string;
      reviewedBy: { id: string } | null;
      justification: string;
    }[];

  const decide = (client: Client, requestId: string, stageId: string, reviewResult: string, justification = "Known partner") =>
    client.api(`${EM}/accessPackageAssignmentApprovals/${requestId}/stages/${stageId}`).patch({ reviewResult, justification });

  const job = () => entitlementLifecycleJob(graph.entitlements);
  const system = { type: "system" as const, name: "job:access-package-lifecycle" };

  beforeAll(async () => {
    graph = await createGraphBed(provider);
    admin = graph.client(
      await graph.appToken([
        "EntitlementManagement.ReadWrite.All",
        "Group.ReadWrite.All",
        "GroupMember.ReadWrite.All",
        "User.Read.All",
        "AppRoleAssignment.ReadWrite.All",
      ]),
    );
    spa = await graph.bed.publicClient({ permissions: ["EntitlementManagement.ReadWrite.All"] });
    web = await graph.bed.confidentialClient({
      grantTypes: ["authorization_code"],
      appRoles: [{ value: "Partner", displayName: "Partner", description: "A partner", allowedMemberTypes: ["User"] }],
    });
    const application = await graph.bed.db.prisma.application.update({
      where: { clientId: web.clientId },
      data: { groupMembershipClaims: "SecurityGroup" },
    });
    roleValueId = appRoleId(web.clientId, { value: "Partner" });

    sponsor = await graph.bed.guest({ email: "sponsor@woodgrove.example", displayName: "Sam Sponsor" });
    reviewers = [
      await graph.bed.guest({ email: "rita@woodgrove.example", displayName: "Rita Reviewer" }),
      await graph.bed.guest({ email: "rob@woodgrove.example", displayName: "Rob Reviewer" }),
    ];
    outsider = await graph.bed.guest({ email: "olle@woodgrove.example", displayName: "Olle Outsider" });
    for (const id of [sponsor, ...reviewers, outsider]) as[id] = await delegated(id);

    const reviewersGroup = await admin
      .api("/groups")
      .post({ displayName: "Reviewers", mailEnabled: false, mailNickname: "reviewers", securityEnabled: true });
    for (const id of reviewers)
      await admin
        .api(`/groups/${reviewersGroup.id}/members/$ref`)
        .post({ "@odata.id": `https://graph.microsoft.com/v1.0/directoryObjects/${id}` });
    group = await admin
      .api("/groups")
      .post({ displayName: "Fabrikam partners", mailEnabled: false, mailNickname: "fabrikam", securityEnabled: true });

    const catalog = await admin.api(`${EM}/catalogs`).post({ displayName: "Partners", isExternallyVisible: true });
    for (const [originSystem, originId] of [
      ["AadGroup", group.id],
      ["AadApplication", application.id],
    ])
      await admin
        .api(`${EM}/resourceRequests`)
        .post({ requestType: "adminAdd", resource: { originId, originSystem }, catalog: { id: catalog.id } });
    accessPackage = await admin.api(`${EM}/accessPackages`).post({ displayName: "Partner portal", catalog: { id: catalog.id } });
    await admin.api(`${EM}/accessPackages/${accessPackage.id}/resourceRoleScopes`).post({
      role: {
        originId: `Member_${group.id}`,
        originSystem: "AadGroup",
        resource: { originId: group.id, originSystem: "AadGroup" },
      },
      scope: { originId: group.id, originSystem: "AadGroup", isRootScope: true },
    });
    await admin.api(`${EM}/accessPackages/${accessPackage.id}/resourceRoleScopes`).post({
      role: {
        originId: roleValueId,
        originSystem: "AadApplication",
        resource: { originId: application.id, originSystem: "AadApplication" },
      },
      scope: { originId: application.id, originSystem: "AadApplication" },
    });
    const organization = await admin.api(`${EM}/connectedOrganizations`).post({
      displayName: "Fabrikam",
      identitySources: [{ "@odata.type": "#microsoft.graph.domainIdentitySource", domainName: "fabrikam.example" }],
    });
    policy = await admin.api(`${EM}/assignmentPolicies`).post({
      displayName: "Fabrikam partners",
      accessPackage: { id: accessPackage.id },
      allowedTargetScope: "specificConnectedOrganizationUsers",
      specificAllowedTargets: [
        { "@odata.type": "#microsoft.graph.connectedOrganizationMembers", connectedOrganizationId: organization.id },
      ],
      expiration: { type: "afterDuration", duration: "P180D" },
      requestorSettings: { enableTargetsToSelfAddAccess: true },
      requestApprovalSettings: {
        isApprovalRequiredForAdd: true,
        isRequestorJustificationRequired: true,
        stages: [
          {
            durationBeforeAutomaticDenial: "P7D",
            isApproverJustificationRequired: true,
            // No sponsors are kept, so the fallback approver decides (as Entra does when the primary name nobody).
            primaryApprovers: [{ "@odata.type": "#microsoft.graph.externalSponsors" }],
            fallbackPrimaryApprovers: [{ "@odata.type": "#microsoft.graph.singleUser", userId: sponsor }],
          },
          {
            durationBeforeAutomaticDenial: "P3D",
            isApproverJustificationRequired: false,
            primaryApprovers: [{ "@odata.type": "#microsoft.graph.groupMembers", groupId: reviewersGroup.id }],
          },
        ],
      },
    });
    direct = await admin.api(`${EM}/assignmentPolicies`).post({
      displayName: "Direct, 30 days",
      accessPackage: { id: accessPackage.id },
      allowedTargetScope: "allDirectoryUsers",
      expiration: { type: "afterDuration", duration: "P30D" },
    });
  });
  afterAll(async () => {
    expect(graph?.bed.errors).toEqual([]);
    await graph?.bed.close();
  });

  it("files adminAdd for an unknown address, approves both stages, and delivers a new guest with the group and app role", async () => {
    const request = await admin.api(`${EM}/assignmentRequests`).post({
      requestType: "AdminAdd",
      accessPackageAssignment: {
        target: { email: "New.Person@Fabrikam.example" },
        assignmentPolicyId: policy.id,
        accessPackageId: accessPackage.id,
      },
      justification: "Joins project Lindholm",
    });
    expect(request).toMatchObject({
      requestType: "adminAdd",
      state: "pendingApproval",
      status: "PendingApproval",
      target: { objectId: null, email: "new.person@fabrikam.example", subjectType: "user" },
      accessPackage: { id: accessPackage.id },
      assignment: null,
    });
    expect(await graph.bed.db.prisma.guest.count({ where: { email: "new.person@fabrikam.example" } })).toBe(0);

    // The sponsor (stage 1's fallback approver) sees the approval; stage 2 has not started.
    const approval = await as[sponsor]!.api(`${EM}/accessPackageAssignmentApprovals/${request.id}`).get();
    expect(approval.id).toBe(request.id);
    expect(approval.stages).toEqual([
      expect.objectContaining({ status: "InProgress", assignedToMe: true, reviewResult: "NotReviewed", reviewedBy: null }),
      expect.objectContaining({ status: "NotStarted", assignedToMe: false, reviewResult: "NotReviewed" }),
    ]);
    const [first, second] = approval.stages as { id: string }[];
    // The sponsor's queue: the approvals waiting for their decision; not the reviewers' yet.
    const queue = await as[sponsor]!.api(`${EM}/accessPackageAssignmentApprovals/filterByCurrentUser(on='approver')`).get();
    expect(queue.value.map((a: { id: string }) => a.id)).toEqual([request.id]);
    expect(
      (await as[reviewers[0]!]!.api(`${EM}/accessPackageAssignmentApprovals/filterByCurrentUser(on='approver')`).get()).value,
    ).toEqual([]);

    // Who may not decide: someone else (not even a reader), an application (delegated only), the next stage's approver now.
    expect((await refusal(as[outsider]!.api(`${EM}/accessPackageAssignmentApprovals/${request.id}`).get())).statusCode).toBe(403);
    expect((await refusal(decide(as[outsider]!, request.id, first!.id, "Approve"))).statusCode).toBe(403);
    expect((await refusal(decide(admin, request.id, first!.id, "Approve"))).statusCode).toBe(403);
    expect((await refusal(decide(as[reviewers[0]!]!, request.id, first!.id, "Approve"))).statusCode).toBe(403);
    expect((await refusal(decide(as[reviewers[0]!]!, request.id, second!.id, "Approve"))).statusCode).toBe(400);
    // Stage 1 wants the approver's justification; a reviewResult other than Approve/Deny is refused.
    expect((await refusal(decide(as[sponsor]!, request.id, first!.id, "Approve", ""))).message).toMatch(/justification/);
    expect((await refusal(decide(as[sponsor]!, request.id, first!.id, "Maybe"))).statusCode).toBe(400);

    // "Approved" is the older docs' spelling of Approve.
    expect(await decide(as[sponsor]!, request.id, first!.id, "Approved", "Known partner")).toBeUndefined();
    const decided = await refusal(decide(as[sponsor]!, request.id, first!.id, "Deny"));
    expect([decided.statusCode, decided.code, decided.message]).toEqual([409, "Conflict", expect.stringMatching(/Sam Sponsor/)]);
    expect((await admin.api(`${EM}/assignmentRequests/${request.id}`).get()).state).toBe("pendingApproval");

    // Stage 2: both reviewers decide at the same moment; exactly one decision counts.
    const stage2 = await stagesOf(as[reviewers[0]!]!, request.id);
    expect(stage2.map((s) => [s.status, s.assignedToMe])).toEqual([
      ["Completed", false],
      ["InProgress", true],
    ]);
    const outcomes = await Promise.allSettled(reviewers.map((id) => decide(as[id]!, request.id, second!.id, "Approve")));
    expect(outcomes.filter((o) => o.status === "fulfilled")).toHaveLength(1);
    const lost = outcomes.find((o) => o.status === "rejected") as PromiseRejectedResult;
    expect((lost.reason as GraphError).statusCode).toBe(409);

    const stages = await stagesOf(admin, request.id);
    expect(stages.map((s) => [s.status, s.reviewResult])).toEqual([
      ["Completed", "Approve"],
      ["Completed", "Approve"],
    ]);
    expect(stages[0]).toMatchObject({ reviewedBy: { id: sponsor }, justification: "Known partner" });
    expect(reviewers).toContain(stages[1]!.reviewedBy!.id);

    // Delivered: a pending guest made by the invitation machinery (no e-mail), with the group and the app role.
    const delivered = await admin.api(`${EM}/assignmentRequests/${request.id}`).get();
    expect(delivered).toMatchObject({
      state: "delivered",
      status: "Delivered",
      completedDateTime: expect.stringMatching(/Z$/),
      target: { email: "new.person@fabrikam.example", objectId: expect.any(String) },
      assignment: { id: expect.any(String) },
    });
    const guestId = delivered.target.objectId as string;
    const guest = await graph.bed.db.prisma.guest.findUniqueOrThrow({ where: { id: guestId } });
    expect([guest.userType, guest.state, guest.createdVia]).toEqual(["Guest", "pendingAcceptance", "accessPackage"]);
    expect(await graph.bed.db.prisma.invitation.count({ where: { guestId } })).toBe(1);
    expect(graph.mails).toEqual([]);
    const assignments = await admin.api(`${EM}/assignments`).filter(`target/objectId eq '${guestId}'`).get();
    expect(assignments.value).toEqual([
      expect.objectContaining({
        id: delivered.assignment.id,
        state: "delivered",
        status: "Delivered",
        assignmentPolicy: { id: policy.id },
        schedule: expect.objectContaining({ expiration: expect.objectContaining({ type: "afterDuration", duration: "P180D" }) }),
        target: expect.objectContaining({ objectId: guestId, email: "new.person@fabrikam.example" }),
      }),
    ]);
    expect((await admin.api(`/users/${guestId}/memberOf`).get()).value.map((g: { id: string }) => g.id)).toEqual([group.id]);
    expect((await admin.api(`/users/${guestId}/appRoleAssignments`).get()).value).toEqual([
      expect.objectContaining({ appRoleId: roleValueId }),
    ]);
    expect((await admin.api(`${EM}/assignmentRequests`).filter("state eq 'pendingApproval'").get()).value).toEqual([]);

    // Every step audited with its real actor.
    const events = await graph.bed.db.prisma.auditEvent.findMany({
      where: { targetId: request.id, type: { startsWith: "accessPackageAssignmentRequest." } },
    });
    const byType = (type: string) => events.filter((e) => e.type === `accessPackageAssignmentRequest.${type}`);
    expect(byType("created").map((e) => e.actorType)).toEqual(["application"]);
    const approvals = byType("approved").map((e) => [e.actorType, e.actorId]);
    expect(approvals).toHaveLength(2);
    expect(approvals).toContainEqual(["guest", sponsor]);
    expect(approvals).toContainEqual(["guest", stages[1]!.reviewedBy!.id]);
    expect(events).toHaveLength(3);
    const deliveredEvent = await graph.bed.db.prisma.auditEvent.findFirstOrThrow({
      where: { type: "accessPackageAssignment.delivered", targetId: guestId },
    });
    expect(reviewers).toContain(deliveredEvent.actorId);
  });

  it("lets a signed-in guest request for themselves; denies, cancels, and delivers into the next ID token", async () => {
    const ana = await graph.bed.guest({ email: "ana@fabrikam.example", displayName: "Ana Berg" });
    const asAna = await delegated(ana);
    const ask = (justification: string) =>
      asAna.api(`${EM}/assignmentRequests`).post({
        requestType: "userAdd",
        assignment: { accessPackageId: accessPackage.id, assignmentPolicyId: policy.id },
        justification,
      });
    // The policy wants the requestor's justification.
    expect((await refusal(ask(""))).message).toMatch(/justification/);
    // A guest may not file for someone else, nor from a domain the policy does not admit.
    const forOther = await refusal(
      asAna.api(`${EM}/assignmentRequests`).post({
        requestType: "adminAdd",
        assignment: { targetId: outsider, accessPackageId: accessPackage.id, assignmentPolicyId: policy.id },
      }),
    );
    expect(forOther.statusCode).toBe(403);
    const notAdmitted = await refusal(
      as[outsider]!.api(`${EM}/assignmentRequests`).post({
        requestType: "userAdd",
        assignment: { accessPackageId: accessPackage.id, assignmentPolicyId: policy.id },
        justification: "Please",
      }),
    );
    expect(notAdmitted.statusCode).toBe(403);

    // Denied at stage 1.
    const denied = await ask("Project Lindholm");
    expect(denied).toMatchObject({
      requestType: "userAdd",
      state: "pendingApproval",
      requestor: { id: ana },
      target: { objectId: ana },
    });
    // A second request while one waits is refused.
    expect((await refusal(ask("Again"))).message).toMatch(/waiting for approval/);
    const [deniedStage] = await stagesOf(as[sponsor]!, denied.id);
    await decide(as[sponsor]!, denied.id, deniedStage!.id, "Deny", "Not this quarter");
    expect(
      (
        await asAna
          .api(`${EM}/assignmentRequests/${denied.id}`)
          .get()
          .catch((e: GraphError) => e)
      ).statusCode,
    ).toBe(403);
    expect((await admin.api(`${EM}/assignmentRequests/${denied.id}`).get()).state).toBe("denied");

    // Canceled by Ana while it waits; then it can no longer be canceled.
    const canceled = await ask("Project Lindholm, again");
    expect(await asAna.api(`${EM}/assignmentRequests/${canceled.id}/cancel`).post({})).toBeUndefined();
    expect((await admin.api(`${EM}/assignmentRequests/${canceled.id}`).get()).state).toBe("canceled");
    expect((await refusal(asAna.api(`${EM}/assignmentRequests/${canceled.id}/cancel`).post({}))).statusCode).toBe(400);
    // Someone else may not cancel another's request; an application may not cancel at all (delegated only).
    const third = await ask("Third time");
    expect((await refusal(as[outsider]!.api(`${EM}/assignmentRequests/${third.id}/cancel`).post({}))).statusCode).toBe(403);
    expect((await refusal(admin.api(`${EM}/assignmentRequests/${third.id}/cancel`).post({}))).statusCode).toBe(403);

    // Ana reads her own requests (not anyone else's), in Graph's states.
    const mine = await asAna.api(`${EM}/assignmentRequests/filterByCurrentUser(on='target')`).get();
    expect(mine.value.map((r: { id: string; state: string }) => [r.id, r.state]).sort()).toEqual(
      [
        [denied.id, "denied"],
        [canceled.id, "canceled"],
        [third.id, "pendingApproval"],
      ].sort(),
    );
    const appOnly = await refusal(admin.api(`${EM}/assignmentRequests/filterByCurrentUser(on='target')`).get());
    expect(appOnly.statusCode).toBe(403);
    const before = await idTokenOf(ana);
    expect(before.groups ?? []).not.toContain(group.id);
    expect(before.roles ?? []).not.toContain("Partner");
    const [one, two] = await stagesOf(as[sponsor]!, third.id);
    await decide(as[sponsor]!, third.id, one!.id, "Approve");
    await decide(as[reviewers[1]!]!, third.id, two!.id, "Approve", "");
    const delivered = await admin.api(`${EM}/assignmentRequests/${third.id}`).get();
    expect(delivered.state).toBe("delivered");
    const after = await idTokenOf(ana);
    expect(after.groups).toContain(group.id);
    expect(after.roles).toContain("Partner");

    // adminRemove takes the access back: the assignment ends, the group and the role go, the next token shows it.
    const removal = await admin.api(`${EM}/assignmentRequests`).post({
      requestType: "adminRemove",
      assignment: { id: delivered.assignment.id },
    });
    expect(removal).toMatchObject({ requestType: "adminRemove", state: "delivered", target: { objectId: ana } });
    expect((await admin.api(`${EM}/assignments/${delivered.assignment.id}`).get()).state).toBe("expired");
    const removed = await idTokenOf(ana);
    expect(removed.groups ?? []).not.toContain(group.id);
    expect(removed.roles ?? []).not.toContain("Partner");
    expect(
      (
        await refusal(
          admin.api(`${EM}/assignmentRequests`).post({ requestType: "adminRemove", assignment: { id: delivered.assignment.id } }),
        )
      ).message,
    ).toMatch(/ended already/);
  });

  it("denies a stage whose time ran out and ends expired assignments, in the lifecycle job (clock moved)", async () => {
    const late = await admin.api(`${EM}/assignmentRequests`).post({
      requestType: "adminAdd",
      assignment: {
        target: { email: "late@fabrikam.example" },
        assignmentPolicyId: policy.id,
        accessPackageId: accessPackage.id,
      },
    });
    const bob = await graph.bed.guest({ email: "bob@contoso.example", displayName: "Bob" });
    const assigned = await admin.api(`${EM}/assignmentRequests`).post({
      requestType: "adminAdd",
      assignment: { targetId: bob, assignmentPolicyId: direct.id, accessPackageId: accessPackage.id },
    });
    expect(assigned.state).toBe("delivered");

    // Six days on: nothing is due yet.
    expect(await job().run({ now: new Date(Date.now() + 6 * DAY), actor: system })).toMatchObject({ denied: 0, expired: 0 });
    // Eight days on, stage 1's P7D has passed; 31 days on, the P30D assignment has ended.
    expect(await job().run({ now: new Date(Date.now() + 8 * DAY), actor: system })).toMatchObject({ denied: 1, expired: 0 });
    expect((await admin.api(`${EM}/assignmentRequests/${late.id}`).get()).state).toBe("denied");
    expect((await stagesOf(admin, late.id)).map((s) => s.status)).toEqual(["Expired", "NotStarted"]);
    expect(await job().run({ now: new Date(Date.now() + 31 * DAY), actor: system })).toMatchObject({ denied: 0, expired: 1 });
    const assignment = await admin.api(`${EM}/assignments/${assigned.assignment.id}`).get();
    expect(assignment).toMatchObject({ state: "expired", expiredDateTime: expect.stringMatching(/Z$/) });
    expect((await admin.api(`/users/${bob}/memberOf`).get()).value).toEqual([]);
    expect((await admin.api(`/users/${bob}/appRoleAssignments`).get()).value).toEqual([]);
    const events = await graph.bed.db.prisma.auditEvent.findMany({
      where: { type: { in: ["accessPackageAssignmentRequest.denied", "accessPackageAssignment.expired"] }, actorType: "system" },
    });
    expect(events.map((e) => [e.type, e.actorId]).sort()).toEqual([
      ["accessPackageAssignment.expired", "job:access-package-lifecycle"],
      ["accessPackageAssignmentRequest.denied", "job:access-package-lifecycle"],
    ]);
    // The approver of a denied request can no longer decide it.
    const [stage] = await stagesOf(admin, late.id);
    const closed = await refusal(decide(as[sponsor]!, late.id, stage!.id, "Approve"));
    expect([closed.statusCode, closed.message]).toEqual([409, expect.stringMatching(/time ran out/)]);
  });

  it("leaves a delivery whose resource is gone deliveryFailed with nothing assigned, and reprocesses it", async () => {
    const doomed = await admin
      .api("/groups")
      .post({ displayName: "Doomed", mailEnabled: false, mailNickname: "doomed", securityEnabled: true });
    const catalog = await admin.api(`${EM}/catalogs`).post({ displayName: "Short-lived" });
    await admin.api(`${EM}/resourceRequests`).post({
      requestType: "adminAdd",
      resource: { originId: doomed.id, originSystem: "AadGroup" },
      catalog: { id: catalog.id },
    });
    const pkg = await admin.api(`${EM}/accessPackages`).post({ displayName: "Doomed access", catalog: { id: catalog.id } });
    const scope = await admin.api(`${EM}/accessPackages/${pkg.id}/resourceRoleScopes`).post({
      role: {
        originId: `Member_${doomed.id}`,
        originSystem: "AadGroup",
        resource: { originId: doomed.id, originSystem: "AadGroup" },
      },
      scope: { originId: doomed.id, originSystem: "AadGroup" },
    });
    const open = await admin.api(`${EM}/assignmentPolicies`).post({
      displayName: "Open",
      accessPackage: { id: pkg.id },
      allowedTargetScope: "allDirectoryUsers",
    });
    await admin.api(`/groups/${doomed.id}`).delete();
    const carl = await graph.bed.guest({ email: "carl@contoso.example", displayName: "Carl" });
    const failed = await admin.api(`${EM}/assignmentRequests`).post({
      requestType: "adminAdd",
      assignment: { targetId: carl, assignmentPolicyId: open.id, accessPackageId: pkg.id },
    });
    expect(failed).toMatchObject({ state: "deliveryFailed", status: "DeliveryFailed", assignment: null });
    expect(await graph.bed.db.prisma.accessPackageAssignment.count({ where: { accessPackageId: pkg.id } })).toBe(0);
    expect(
      (await graph.bed.db.prisma.accessPackageAssignmentRequest.findUniqueOrThrow({ where: { id: failed.id } })).failureReason,
    ).toMatch(/no longer in the directory/);
    // An application cannot cancel (delegated only), nor would a failed request be cancellable.
    expect((await refusal(admin.api(`${EM}/assignmentRequests/${failed.id}/cancel`).post({}))).statusCode).toBe(403);
    await admin.api(`${EM}/accessPackages/${pkg.id}/resourceRoleScopes/${scope.id}`).delete();
    expect(await admin.api(`${EM}/assignmentRequests/${failed.id}/reprocess`).post({})).toBeUndefined();
    expect((await admin.api(`${EM}/assignmentRequests/${failed.id}`).get()).state).toBe("delivered");
    expect((await refusal(admin.api(`${EM}/assignmentRequests/${failed.id}/reprocess`).post({}))).message).toMatch(
      /cannot be reprocessed/,
    );
  });

  it("of two approvers deciding the same stage at once, exactly one decision counts (ten times over)", async () => {
    const single = await admin.api(`${EM}/assignmentPolicies`).post({
      displayName: "One stage, the reviewers",
      accessPackage: { id: accessPackage.id },
      allowedTargetScope: "allExternalUsers",
      requestorSettings: { enableTargetsToSelfAddAccess: true },
      requestApprovalSettings: {
        isApprovalRequiredForAdd: true,
        stages: [
          {
            primaryApprovers: [{ "@odata.type": "#microsoft.graph.singleUser", userId: reviewers[0] }],
            fallbackPrimaryApprovers: [],
          },
          { primaryApprovers: [{ "@odata.type": "#microsoft.graph.singleUser", userId: sponsor }] },
        ],
      },
    });
    const tenantId = TENANT;
    for (let round = 0; round < 10; round++) {
      const request = await admin.api(`${EM}/assignmentRequests`).post({
        requestType: "adminAdd",
        assignment: {
          target: { email: `race${round}@tailspin.example` },
          assignmentPolicyId: single.id,
          accessPackageId: accessPackage.id,
        },
      });
      const [stage] = await stagesOf(admin, request.id);
      // The same approver twice at once (two browser tabs): the conditional write lets one through.
      const outcomes = await Promise.allSettled(
        ["Approve", "Deny"].map((reviewResult) =>
          graph.entitlements.decideStage(
            { actor: { type: "guest", guestId: reviewers[0]! }, tenantId },
            { requestId: request.id, stageId: stage!.id, reviewResult: reviewResult as "Approve" | "Deny", justification: "" },
          ),
        ),
      );
      expect(outcomes.map((o) => o.status).sort()).toEqual(["fulfilled", "rejected"]);
      const lost = outcomes.find((o) => o.status === "rejected") as PromiseRejectedResult;
      expect((lost.reason as { code: string }).code).toBe("decided");
      const audits = await graph.bed.db.prisma.auditEvent.count({
        where: {
          targetId: request.id,
          type: { in: ["accessPackageAssignmentRequest.approved", "accessPackageAssignmentRequest.denied"] },
        },
      });
      expect(audits).toBe(1);
    }
    // The approver files for themselves: they may not approve their own request.
    const own = await as[reviewers[0]!]!.api(`${EM}/assignmentRequests`).post({
      requestType: "userAdd",
      assignment: { accessPackageId: accessPackage.id, assignmentPolicyId: single.id },
    });
    const [ownStage] = await stagesOf(as[reviewers[0]!]!, own.id);
    const self = await refusal(decide(as[reviewers[0]!]!, own.id, ownStage!.id, "Approve"));
    expect([self.statusCode, self.code]).toEqual([403, "Authorization_RequestDenied"]);
    // A request of allExternalUsers from a domain no organisation has proposed one (contract §7.3), once.
    const proposed = await admin.api(`${EM}/connectedOrganizations`).filter("state eq 'proposed'").get();
    expect(proposed.value).toEqual([
      expect.objectContaining({
        displayName: "tailspin.example",
        identitySources: [expect.objectContaining({ domainName: "tailspin.example" })],
      }),
    ]);
  });
});
