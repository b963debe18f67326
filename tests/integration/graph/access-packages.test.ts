// Entitlement management through the unmodified Graph JS client (issue 11, first slice): a catalog
// enabled for external users, a group and an application's app role added to it through
// resourceRequests, an access package granting both, a connected organization, and a two-stage
// approval policy with localized questions, read back in Graph's shapes; then what Graph refuses
// (each a 400 naming the property, nothing written) — on SQLite and PostgreSQL.
import { GraphError, type Client } from "@microsoft/microsoft-graph-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDatabaseProviders } from "../../helpers/database";
import { createGraphBed, type GraphBed } from "./api-bed";

const EM = "/identityGovernance/entitlementManagement";
const ROLE = "a11ce000-0000-4000-8000-0000000000a1";
const SETUP = ["Group.ReadWrite.All", "Application.ReadWrite.All", "AuditLog.Read.All", "User.Read.All"];

async function refusal(call: Promise<unknown>): Promise<GraphError> {
  const outcome = await call.then(
    () => undefined,
    (error: unknown) => error,
  );
  expect(outcome, "the call should have failed").toBeInstanceOf(GraphError);
  return outcome as GraphError;
}

const stage = (approvers: unknown[], fallback: unknown[] = []) => ({
  durationBeforeAutomaticDenial: "P7D",
  isApproverJustificationRequired: true,
  isEscalationEnabled: false,
  primaryApprovers: approvers,
  fallbackPrimaryApprovers: fallback,
});

describe.each(testDatabaseProviders())("access packages through the Graph client on %s", (provider) => {
  let graph: GraphBed;
  let client: Client;
  let reader: Client;
  let approver: string;
  let group: { id: string };
  let application: { id: string };
  let catalog: { id: string };
  let accessPackage: { id: string };
  let organization: { id: string };
  let policy: { id: string; questions: { id: string }[] };

  const policyBody = (overrides: Record<string, unknown> = {}) => ({
    displayName: "Partners of Fabrikam",
    description: "Two approvals",
    accessPackage: { id: accessPackage.id },
    allowedTargetScope: "specificConnectedOrganizationUsers",
    specificAllowedTargets: [
      { "@odata.type": "#microsoft.graph.connectedOrganizationMembers", connectedOrganizationId: organization.id },
    ],
    expiration: { type: "afterDuration", duration: "P180D" },
    requestorSettings: { enableTargetsToSelfAddAccess: true, enableTargetsToSelfRemoveAccess: true },
    requestApprovalSettings: {
      isApprovalRequiredForAdd: true,
      isRequestorJustificationRequired: true,
      stages: [
        stage(
          [{ "@odata.type": "#microsoft.graph.externalSponsors" }],
          [{ "@odata.type": "#microsoft.graph.singleUser", userId: approver }],
        ),
        stage([{ "@odata.type": "microsoft.graph.groupMembers", groupId: group.id }]),
      ],
    },
    questions: [
      {
        "@odata.type": "#microsoft.graph.accessPackageTextInputQuestion",
        text: "KvK number",
        isRequired: true,
        isSingleLineQuestion: true,
        regexPattern: "^[0-9]{8}$",
        localizations: [
          { languageCode: "nl", text: "KvK-nummer" },
          { languageCode: "fr", text: "Numéro KvK" },
        ],
      },
      {
        "@odata.type": "#microsoft.graph.accessPackageMultipleChoiceQuestion",
        text: "Role",
        isRequired: true,
        isMultipleSelectionAllowed: false,
        choices: [
          { actualValue: "dev", text: "Developer", localizations: [{ languageCode: "nl", text: "Ontwikkelaar" }] },
          { actualValue: "ops", text: "Operations" },
        ],
      },
    ],
    ...overrides,
  });

  beforeAll(async () => {
    graph = await createGraphBed(provider);
    client = graph.client(await graph.appToken(["EntitlementManagement.ReadWrite.All", ...SETUP]));
    reader = graph.client(await graph.appToken(["EntitlementManagement.Read.All"]));
    approver = await graph.bed.guest({ email: "approver@woodgrove.example", displayName: "Approver" });
    group = await client
      .api("/groups")
      .post({ displayName: "Fabrikam partners", mailEnabled: false, mailNickname: "fabrikam", securityEnabled: true });
    application = await client.api("/applications").post({
      displayName: "Partner portal",
      appRoles: [
        {
          id: ROLE,
          allowedMemberTypes: ["User"],
          displayName: "Partner",
          description: "A partner",
          value: "Partner",
          isEnabled: true,
        },
      ],
    });
  });
  afterAll(async () => {
    expect(graph?.bed.errors).toEqual([]);
    await graph?.bed.close();
  });

  it("builds a catalog with a group and an app-role resource, and a package granting both", async () => {
    catalog = await client
      .api(`${EM}/catalogs`)
      .post({ displayName: "Partners", description: "For partners", isExternallyVisible: true });
    expect(catalog).toMatchObject({
      displayName: "Partners",
      description: "For partners",
      catalogType: "userManaged",
      state: "published",
      isExternallyVisible: true,
      createdDateTime: expect.stringMatching(/Z$/),
    });
    for (const [originSystem, originId] of [
      ["AadGroup", group.id],
      ["AadApplication", application.id],
    ])
      expect(
        await client
          .api(`${EM}/resourceRequests`)
          .post({ requestType: "AdminAdd", resource: { originId, originSystem }, catalog: { id: catalog.id } }),
      ).toMatchObject({ requestType: "adminAdd", state: "delivered", resource: { originId, originSystem } });

    const resources = await client.api(`${EM}/catalogs/${catalog.id}/resources`).expand("roles").get();
    const groupResource = resources.value.find((r: { originSystem: string }) => r.originSystem === "AadGroup");
    expect(groupResource).toMatchObject({ originId: group.id, displayName: "Fabrikam partners" });
    expect(groupResource.roles.map((r: { originId: string }) => r.originId).sort()).toEqual(
      [`Member_${group.id}`, `Owner_${group.id}`].sort(),
    );

    // The lookup Microsoft's samples make before granting a group's Member role.
    const roles = await client
      .api(`${EM}/catalogs/${catalog.id}/resourceRoles`)
      .filter(`originSystem eq 'AadGroup' and resource/id eq '${groupResource.id}' and originId eq 'Member_${group.id}'`)
      .expand("resource")
      .get();
    expect(roles.value).toEqual([
      expect.objectContaining({
        displayName: "Member",
        originSystem: "AadGroup",
        resource: expect.objectContaining({ id: groupResource.id }),
      }),
    ]);
    const appRoles = await client
      .api(`${EM}/catalogs/${catalog.id}/resourceRoles`)
      .filter("originSystem eq 'AadApplication'")
      .get();
    expect(appRoles.value).toEqual([
      expect.objectContaining({ originId: ROLE, displayName: "Partner", originSystem: "AadApplication" }),
    ]);

    accessPackage = await client
      .api(`${EM}/accessPackages`)
      .post({ displayName: "Partner portal access", description: "Portal and group", catalog: { id: catalog.id } });
    expect(accessPackage).toMatchObject({ displayName: "Partner portal access", isHidden: false, catalog: { id: catalog.id } });
    // By the role's id, and by origin ids as Microsoft's samples send them.
    await client.api(`${EM}/accessPackages/${accessPackage.id}/resourceRoleScopes`).post({
      role: { id: roles.value[0].id, originSystem: "AadGroup" },
      scope: { originId: group.id, originSystem: "AadGroup", isRootScope: true },
    });
    const appScope = await client.api(`${EM}/accessPackages/${accessPackage.id}/resourceRoleScopes`).post({
      role: {
        originId: ROLE,
        displayName: "Partner",
        originSystem: "AadApplication",
        resource: { originId: application.id, originSystem: "AadApplication" },
      },
      scope: { originId: application.id, originSystem: "AadApplication" },
    });
    expect(appScope).toMatchObject({ role: { originId: ROLE }, scope: { isRootScope: true, originId: application.id } });

    const read = await reader
      .api(`${EM}/accessPackages/${accessPackage.id}`)
      .expand("resourceRoleScopes($expand=role,scope)")
      .get();
    expect(read.resourceRoleScopes).toHaveLength(2);
    expect(read.resourceRoleScopes[0]).toMatchObject({
      role: {
        displayName: "Member",
        originSystem: "AadGroup",
        originId: `Member_${group.id}`,
        resource: { id: groupResource.id, originId: group.id, originSystem: "AadGroup" },
      },
      scope: { displayName: "Root", originId: group.id, originSystem: "AadGroup", isRootScope: true },
    });
    const listed = await reader.api(`${EM}/accessPackages`).filter(`catalog/id eq '${catalog.id}'`).expand("catalog").get();
    expect(listed.value).toEqual([
      expect.objectContaining({ id: accessPackage.id, catalog: expect.objectContaining({ id: catalog.id }) }),
    ]);
  });

  it("creates a connected organization and a two-stage policy with questions, and replaces it with a full PUT", async () => {
    organization = await client.api(`${EM}/connectedOrganizations`).post({
      displayName: "Fabrikam BV",
      description: "Our partner",
      identitySources: [
        { "@odata.type": "#microsoft.graph.domainIdentitySource", domainName: "Fabrikam.example", displayName: "Fabrikam" },
      ],
    });
    expect(organization).toMatchObject({
      state: "configured",
      identitySources: [
        { "@odata.type": "#microsoft.graph.domainIdentitySource", domainName: "fabrikam.example", displayName: "Fabrikam" },
      ],
    });
    await client.api(`${EM}/connectedOrganizations/${organization.id}`).patch({ state: "proposed" });
    expect((await reader.api(`${EM}/connectedOrganizations/${organization.id}`).get()).state).toBe("proposed");

    policy = await client.api(`${EM}/assignmentPolicies`).post(policyBody());
    expect(policy).toMatchObject({
      allowedTargetScope: "specificConnectedOrganizationUsers",
      accessPackage: { id: accessPackage.id },
      expiration: { type: "afterDuration", duration: "P180D", endDateTime: null },
      requestorSettings: { enableTargetsToSelfAddAccess: true, enableTargetsToSelfUpdateAccess: false, onBehalfRequestors: [] },
      requestApprovalSettings: {
        isApprovalRequiredForAdd: true,
        isRequestorJustificationRequired: true,
        stages: [
          {
            durationBeforeAutomaticDenial: "P7D",
            isApproverJustificationRequired: true,
            durationBeforeEscalation: "PT0S",
            primaryApprovers: [{ "@odata.type": "#microsoft.graph.externalSponsors" }],
            fallbackPrimaryApprovers: [{ "@odata.type": "#microsoft.graph.singleUser", userId: approver }],
            escalationApprovers: [],
          },
          { primaryApprovers: [{ "@odata.type": "#microsoft.graph.groupMembers", groupId: group.id }] },
        ],
      },
      questions: [
        {
          "@odata.type": "#microsoft.graph.accessPackageTextInputQuestion",
          id: expect.stringMatching(/^[0-9a-f-]{36}$/),
          sequence: 0,
          regexPattern: "^[0-9]{8}$",
          localizations: [
            { languageCode: "nl", text: "KvK-nummer" },
            { languageCode: "fr", text: "Numéro KvK" },
          ],
        },
        {
          isMultipleSelectionAllowed: false,
          choices: [
            { actualValue: "dev", localizations: [{ languageCode: "nl" }] },
            { actualValue: "ops", localizations: [] },
          ],
        },
      ],
      reviewSettings: null,
      customExtensionStageSettings: [],
    });

    const filtered = await reader
      .api(`${EM}/assignmentPolicies`)
      .filter(`accessPackage/id eq '${accessPackage.id}'`)
      .expand("accessPackage")
      .get();
    expect(filtered.value).toEqual([
      expect.objectContaining({
        id: policy.id,
        accessPackage: expect.objectContaining({ displayName: "Partner portal access" }),
      }),
    ]);

    // A full PUT: what it leaves out goes back to Graph's defaults; question ids it keeps stay.
    const replaced = await client.api(`${EM}/assignmentPolicies/${policy.id}`).put(
      policyBody({
        requestorSettings: undefined,
        requestApprovalSettings: {
          isApprovalRequiredForAdd: true,
          stages: [stage([{ "@odata.type": "#microsoft.graph.internalSponsors" }])],
        },
        questions: [{ ...policyBody().questions[0], id: policy.questions[0]!.id }],
      }),
    );
    expect(replaced.requestApprovalSettings.stages).toHaveLength(1);
    expect(replaced.requestorSettings.enableTargetsToSelfAddAccess).toBe(false);
    expect(replaced.questions.map((q: { id: string }) => q.id)).toEqual([policy.questions[0]!.id]);
    expect((await reader.api(`${EM}/assignmentPolicies/${policy.id}`).get()).requestApprovalSettings.stages).toHaveLength(1);
  });

  it("reads and changes the tenant's lifecycle settings for external users", async () => {
    expect(await reader.api(`${EM}/settings`).get()).toMatchObject({
      externalUserLifecycleAction: "blockSignInAndDelete",
      durationUntilExternalUserDeletedAfterBlocked: "P30D",
    });
    await client
      .api(`${EM}/settings`)
      .patch({ externalUserLifecycleAction: "blockSignIn", durationUntilExternalUserDeletedAfterBlocked: "P60D" });
    expect(await reader.api(`${EM}/settings`).get()).toMatchObject({
      externalUserLifecycleAction: "blockSignIn",
      durationUntilExternalUserDeletedAfterBlocked: "P60D",
    });
  });

  it("answers bad input with Graph's 400s, and writes nothing", async () => {
    const p = graph.bed.db.prisma;
    const before = await Promise.all([
      p.accessPackageAssignmentPolicy.count(),
      p.accessPackageCatalog.count(),
      p.auditEvent.count(),
    ]);
    const expect400 = async (call: Promise<unknown>, message: RegExp) => {
      const error = await refusal(call);
      expect([error.statusCode, error.code]).toEqual([400, "Request_BadRequest"]);
      expect(error.message).toMatch(message);
    };
    const stages4 = [1, 2, 3, 4].map(() => stage([{ "@odata.type": "#microsoft.graph.internalSponsors" }]));
    const policies = client.api(`${EM}/assignmentPolicies`);
    await expect400(
      policies.post(policyBody({ requestApprovalSettings: { isApprovalRequiredForAdd: true, stages: stages4 } })),
      /At most 3 approval stages/,
    );
    await expect400(
      policies.post(policyBody({ requestApprovalSettings: { isApprovalRequiredForAdd: true, stages: [] } })),
      /at least one approval stage/,
    );
    await expect400(
      policies.post(policyBody({ requestApprovalSettings: { isApprovalRequiredForAdd: true, stages: [stage([])] } })),
      /primary approver/,
    );
    await expect400(
      policies.post(policyBody({ questions: [{ ...policyBody().questions[0], regexPattern: "([0-9" }] })),
      /regexPattern/,
    );
    await expect400(
      policies.post(policyBody({ questions: [{ ...policyBody().questions[1], choices: [] }] })),
      /at least one choice/,
    );
    await expect400(policies.post(policyBody({ expiration: { type: "afterDateTime" } })), /endDateTime/);
    await expect400(policies.post(policyBody({ expiration: { type: "afterDuration", duration: "180 days" } })), /duration/);
    await expect400(policies.post(policyBody({ allowedTargetScope: "everyone" })), /allowedTargetScope/);
    await expect400(policies.post(policyBody({ specificAllowedTargets: [] })), /needs at least one target/);
    await expect400(
      policies.post(
        policyBody({
          specificAllowedTargets: [
            { "@odata.type": "#microsoft.graph.connectedOrganizationMembers", connectedOrganizationId: ROLE },
          ],
        }),
      ),
      /connected organization .* does not exist/,
    );
    await expect400(policies.post(policyBody({ guestgateNoSuchSetting: true })), /guestgateNoSuchSetting/);
    await expect400(policies.post(policyBody({ accessPackage: { id: ROLE } })), /access package .* does not exist/);
    // A catalog not enabled for external users takes no policy for people outside the directory.
    const internal = await client.api(`${EM}/catalogs`).post({ displayName: "Internal only", isExternallyVisible: false });
    const internalPackage = await client
      .api(`${EM}/accessPackages`)
      .post({ displayName: "Internal", catalog: { id: internal.id } });
    await expect400(
      policies.post(
        policyBody({
          accessPackage: { id: internalPackage.id },
          allowedTargetScope: "allExternalUsers",
          specificAllowedTargets: [],
        }),
      ),
      /enabled for external users/,
    );
    await expect400(client.api(`${EM}/catalogs/${catalog.id}`).delete(), /still has access packages/);
    await expect400(
      client
        .api(`${EM}/accessPackages/${internalPackage.id}/resourceRoleScopes`)
        .post({ role: { originId: ROLE, originSystem: "AadApplication" } }),
      /not in the access package's catalog/,
    );
    await expect400(
      client.api(`${EM}/connectedOrganizations`).post({
        displayName: "x",
        identitySources: [{ "@odata.type": "#microsoft.graph.domainIdentitySource", domainName: "not a domain" }],
      }),
      /domain/,
    );
    await expect400(
      client.api(`${EM}/settings`).patch({ externalUserLifecycleAction: "deleteAtOnce" }),
      /externalUserLifecycleAction/,
    );
    await expect400(client.api(`${EM}/connectedOrganizations/${organization.id}`).delete(), /policy still names/);
    const unknownGroup = await refusal(
      client
        .api(`${EM}/resourceRequests`)
        .post({ requestType: "adminAdd", resource: { originId: ROLE, originSystem: "AadGroup" }, catalog: { id: catalog.id } }),
    );
    expect([unknownGroup.statusCode, unknownGroup.code]).toEqual([404, "Request_ResourceNotFound"]);
    const twice = await refusal(
      client.api(`${EM}/resourceRequests`).post({
        requestType: "adminAdd",
        resource: { originId: group.id, originSystem: "AadGroup" },
        catalog: { id: catalog.id },
      }),
    );
    expect(twice.message).toMatch(/already in the catalog/);
    expect((await refusal(client.api(`${EM}/catalogs/not-a-guid`).get())).message).toBe(
      "Invalid object identifier 'not-a-guid'.",
    );

    // Only the internal catalog and its package were made (two audited creations).
    const after = await Promise.all([
      p.accessPackageAssignmentPolicy.count(),
      p.accessPackageCatalog.count(),
      p.auditEvent.count(),
    ]);
    expect(after).toEqual([before[0], before[1] + 1, before[2] + 2]);
  });

  it("lets a reader read and refuses it every write; audits every change with the application as actor", async () => {
    const denied = await refusal(reader.api(`${EM}/catalogs`).post({ displayName: "Nope" }));
    expect([denied.statusCode, denied.code]).toEqual([403, "Authorization_RequestDenied"]);
    const page = await reader.api(`${EM}/catalogs`).top(1).get();
    expect(page.value).toHaveLength(1);
    expect(page["@odata.nextLink"]).toMatch(/^https:\/\/.*\$skiptoken=/);
    expect((await reader.api(page["@odata.nextLink"]).get()).value).toHaveLength(1);

    const audits = await client.api("/auditLogs/directoryAudits").filter("category eq 'EntitlementManagement'").top(100).get();
    const names = audits.value.map((a: { activityDisplayName: string }) => a.activityDisplayName);
    for (const name of [
      "Create access package catalog",
      "Create access package catalog resource",
      "Create access package",
      "Create access package resource role scope",
      "Create connected organization",
      "Create access package assignment policy",
      "Update access package assignment policy",
      "Update entitlement management settings",
    ])
      expect(names).toContain(name);
    expect(audits.value[0]).toMatchObject({ loggedByService: "Entitlement Management", initiatedBy: { app: expect.anything() } });
  });

  it("adminAdd of a directory user delivers at once: the group membership and the app role together", async () => {
    const partner = await graph.bed.guest({ email: "partner@fabrikam.example", displayName: "Partner" });
    const direct = await client.api(`${EM}/assignmentPolicies`).post({
      displayName: "Direct assignment",
      accessPackage: { id: accessPackage.id },
      allowedTargetScope: "allDirectoryUsers",
      expiration: { type: "afterDuration", duration: "P30D" },
    });
    const request = await client.api(`${EM}/assignmentRequests`).post({
      requestType: "AdminAdd",
      accessPackageAssignment: { targetId: partner, assignmentPolicyId: direct.id, accessPackageId: accessPackage.id },
      justification: "Project Lindholm",
    });
    expect(request).toMatchObject({
      requestType: "adminAdd",
      state: "delivered",
      status: "Delivered",
      justification: "Project Lindholm",
      target: { objectId: partner, subjectType: "user" },
      schedule: { expiration: { type: "afterDuration", duration: "P30D" } },
    });
    expect((await reader.api(`${EM}/assignmentRequests/${request.id}`).get()).state).toBe("delivered");
    expect((await reader.api(`${EM}/assignmentRequests`).filter("state eq 'delivered'").get()).value).toHaveLength(1);
    const assignments = await reader.api(`${EM}/assignments`).filter(`target/objectId eq '${partner}'`).get();
    expect(assignments.value).toEqual([
      expect.objectContaining({
        state: "delivered",
        accessPackage: { id: accessPackage.id },
        assignmentPolicy: { id: direct.id },
        target: expect.objectContaining({ email: "partner@fabrikam.example" }),
      }),
    ]);
    expect((await reader.api(`${EM}/assignments/${assignments.value[0].id}`).get()).id).toBe(assignments.value[0].id);
    const memberOf = await client.api(`/users/${partner}/memberOf`).get();
    expect(memberOf.value.map((g: { id: string }) => g.id)).toEqual([group.id]);
    const roles = await client.api(`/users/${partner}/appRoleAssignments`).get();
    expect(roles.value).toEqual([expect.objectContaining({ resourceId: application.id, appRoleId: ROLE })]);

    // A second assignment of the same package is refused; so is a policy of another package. Nothing is written.
    const p = graph.bed.db.prisma;
    const before = await Promise.all([p.accessPackageAssignment.count(), p.groupMember.count(), p.appRoleAssignment.count()]);
    const again = await refusal(
      client.api(`${EM}/assignmentRequests`).post({
        requestType: "adminAdd",
        assignment: { targetId: partner, assignmentPolicyId: direct.id, accessPackageId: accessPackage.id },
      }),
    );
    expect([again.statusCode, again.message]).toEqual([400, expect.stringMatching(/already has an assignment/)]);
    const unknown = await refusal(
      client.api(`${EM}/assignmentRequests`).post({
        requestType: "adminAdd",
        assignment: { targetId: ROLE, assignmentPolicyId: direct.id, accessPackageId: accessPackage.id },
      }),
    );
    expect(unknown.message).toMatch(/does not exist/);
    const later = await refusal(
      client.api(`${EM}/assignmentRequests`).post({
        requestType: "userAdd",
        assignment: { assignmentPolicyId: direct.id, accessPackageId: accessPackage.id },
      }),
    );
    // userAdd is a signed-in user's request for themselves: an application has no self.
    expect([later.statusCode, later.message]).toEqual([400, expect.stringMatching(/delegated token/)]);
    expect(await Promise.all([p.accessPackageAssignment.count(), p.groupMember.count(), p.appRoleAssignment.count()])).toEqual(
      before,
    );
    // A package with assignments is not deleted.
    expect((await refusal(client.api(`${EM}/accessPackages/${accessPackage.id}`).delete())).message).toMatch(
      /still has active assignments/,
    );
    await p.accessPackageAssignmentRequest.deleteMany({ where: { accessPackageId: accessPackage.id } });
    await p.accessPackageAssignment.deleteMany({ where: { accessPackageId: accessPackage.id } });
  });

  it("takes the package apart again: role scopes, policy, package, resources, catalog", async () => {
    const read = await client.api(`${EM}/accessPackages/${accessPackage.id}`).expand("resourceRoleScopes").get();
    await refusal(
      client.api(`${EM}/resourceRequests`).post({
        requestType: "adminRemove",
        resource: { originId: group.id, originSystem: "AadGroup" },
        catalog: { id: catalog.id },
      }),
    );
    for (const scope of read.resourceRoleScopes)
      await client.api(`${EM}/accessPackages/${accessPackage.id}/resourceRoleScopes/${scope.id}`).delete();
    await client.api(`${EM}/resourceRequests`).post({
      requestType: "adminRemove",
      resource: { originId: group.id, originSystem: "AadGroup" },
      catalog: { id: catalog.id },
    });
    await client.api(`${EM}/assignmentPolicies/${policy.id}`).delete();
    await client.api(`${EM}/connectedOrganizations/${organization.id}`).delete();
    await client.api(`${EM}/accessPackages/${accessPackage.id}`).delete();
    await client.api(`${EM}/catalogs/${catalog.id}`).delete();
    expect((await refusal(client.api(`${EM}/catalogs/${catalog.id}`).get())).statusCode).toBe(404);
    expect(await graph.bed.db.prisma.accessPackageResource.count({ where: { catalogId: catalog.id } })).toBe(0);
  });
});
