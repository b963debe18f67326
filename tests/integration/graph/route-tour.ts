// A tour of every route of the Graph API through the unmodified @microsoft/microsoft-graph-client,
// each with the answer it must give, in the tenant the client's token belongs to (woodgrove, the
// shipped tenants file). Run in process (every-route.test.ts here) and against next start over
// https (tests/e2e/graph/every-route.test.ts). It returns the routes it took, so that a route added
// to GRAPH_ROUTES without a step here fails both.
import { GraphError, ResponseType, type Client } from "@microsoft/microsoft-graph-client";
import { expect } from "vitest";

const ROLE = "70ab0000-0000-4000-8000-0000000000a1";
const REDIRECT = "https://partners.woodgrove.example/signed-in";

interface Tour {
  /** Takes a route (its method and GRAPH_ROUTES path template) through call, and records it. */
  step<T>(method: string, template: string, call: () => Promise<T>): Promise<T>;
  taken(): Set<string>;
}

function tour(): Tour {
  const taken = new Set<string>();
  return {
    async step(method, template, call) {
      taken.add(`${method} ${template}`);
      return call();
    },
    taken: () => taken,
  };
}

async function graphError(call: Promise<unknown>): Promise<GraphError> {
  const outcome = await call.then(
    () => undefined,
    (error: unknown) => error,
  );
  expect(outcome, "the call should have failed").toBeInstanceOf(GraphError);
  return outcome as GraphError;
}

/** Takes every route once; serviceRoot: `{origin}/{tenant}/graph/v1.0` of the client's server. */
export async function tourEveryRoute(client: Client, serviceRoot: string): Promise<Set<string>> {
  const t = tour();
  const ref = (id: string) => ({ "@odata.id": `${serviceRoot}/directoryObjects/${id}` });

  // Users.
  const user = await t.step("POST", "users", () =>
    client.api("/users").post({
      displayName: "Tour Guest",
      mail: "tour.guest@partner.example",
      identities: [{ signInType: "federated", issuer: "https://idp.partner.example", issuerAssignedId: "tour-1" }],
    }),
  );
  expect(user).toMatchObject({ displayName: "Tour Guest", mail: "tour.guest@partner.example" });
  const users = await t.step("GET", "users", () => client.api("/users").filter("mail eq 'tour.guest@partner.example'").get());
  expect(users.value.map((u: { id: string }) => u.id)).toEqual([user.id]);
  const count = await t.step("GET", "users/$count", () =>
    client.api("/users/$count").header("ConsistencyLevel", "eventual").responseType(ResponseType.TEXT).get(),
  );
  expect(Number(count)).toBeGreaterThanOrEqual(1);
  expect((await t.step("GET", "users/{id}", () => client.api(`/users/${user.id}`).get())).id).toBe(user.id);
  await t.step("PATCH", "users/{id}", () => client.api(`/users/${user.id}`).patch({ jobTitle: "Buyer" }));
  expect((await client.api(`/users/${user.id}`).select("jobTitle").get()).jobTitle).toBe("Buyer");
  expect(
    await t.step("POST", "users/{id}/revokeSignInSessions", () => client.api(`/users/${user.id}/revokeSignInSessions`).post({})),
  ).toMatchObject({ value: true });
  // Guestgate's approval queue: a guest created directly never asked, so it has no request to read or decide
  // (tests/integration/graph/sign-up-requests.test.ts decides real ones).
  const request = `/users/${user.id}/guestgateSignUpRequest`;
  for (const [method, template, call] of [
    ["GET", "users/{id}/guestgateSignUpRequest", () => client.api(request).get()],
    ["POST", "users/{id}/guestgateSignUpRequest/approve", () => client.api(`${request}/approve`).post({})],
    ["POST", "users/{id}/guestgateSignUpRequest/refuse", () => client.api(`${request}/refuse`).post({ message: "No." })],
  ] as const)
    expect((await graphError(t.step(method, template, call))).statusCode).toBe(404);
  // /me is the signed-in administrator (delegated tokens); an application's token has none.
  expect((await graphError(t.step("GET", "me", () => client.api("/me").get()))).statusCode).toBe(400);

  // Applications (by object id and by the appId alternate key), with an app role.
  const application = await t.step("POST", "applications", () =>
    client.api("/applications").post({
      displayName: "Tour portal",
      web: { redirectUris: [REDIRECT] },
      appRoles: [
        { id: ROLE, allowedMemberTypes: ["User"], displayName: "Reader", description: "", value: "Tour.Read", isEnabled: true },
      ],
    }),
  );
  const byAppId = `/applications(appId='${application.appId}')`;
  const listed = await t.step("GET", "applications", () => client.api("/applications").get());
  expect(listed.value.map((a: { id: string }) => a.id)).toContain(application.id);
  expect((await t.step("GET", "applications/{id}", () => client.api(`/applications/${application.id}`).get())).appId).toBe(
    application.appId,
  );
  await t.step("PATCH", "applications/{id}", () =>
    client.api(`/applications/${application.id}`).patch({ displayName: "Tour partner portal" }),
  );
  expect((await t.step("GET", "applications(appId='{appId}')", () => client.api(byAppId).get())).displayName).toBe(
    "Tour partner portal",
  );
  await t.step("PATCH", "applications(appId='{appId}')", () =>
    client.api(byAppId).patch({ groupMembershipClaims: "SecurityGroup" }),
  );
  const secret = await t.step("POST", "applications/{id}/addPassword", () =>
    client.api(`/applications/${application.id}/addPassword`).post({ passwordCredential: { displayName: "one" } }),
  );
  expect(secret.secretText).toEqual(expect.any(String));
  await t.step("POST", "applications/{id}/removePassword", () =>
    client.api(`/applications/${application.id}/removePassword`).post({ keyId: secret.keyId }),
  );
  const another = await t.step("POST", "applications(appId='{appId}')/addPassword", () =>
    client.api(`${byAppId}/addPassword`).post({ passwordCredential: { displayName: "two" } }),
  );
  await t.step("POST", "applications(appId='{appId}')/removePassword", () =>
    client.api(`${byAppId}/removePassword`).post({ keyId: another.keyId }),
  );
  expect((await client.api(byAppId).get()).passwordCredentials).toEqual([]);

  // Invitations: a pending guest for an address, redeemed at one of this tenant's applications.
  const invitation = await t.step("POST", "invitations", () =>
    client.api("/invitations").post({ invitedUserEmailAddress: "tour.invitee@partner.example", inviteRedirectUrl: REDIRECT }),
  );
  expect(invitation).toMatchObject({ status: "PendingAcceptance", inviteRedeemUrl: expect.stringMatching(/^https:\/\//) });

  // Groups, members, owners, nesting and membership reads.
  const groupBody = (name: string) => ({ displayName: name, mailEnabled: false, mailNickname: name, securityEnabled: true });
  const group = await t.step("POST", "groups", () => client.api("/groups").post(groupBody("tour-partners")));
  const inner = await client.api("/groups").post(groupBody("tour-inner"));
  expect((await t.step("GET", "groups", () => client.api("/groups").get())).value.map((g: { id: string }) => g.id)).toEqual(
    expect.arrayContaining([group.id, inner.id]),
  );
  expect((await t.step("GET", "groups/{id}", () => client.api(`/groups/${group.id}`).get())).displayName).toBe("tour-partners");
  await t.step("PATCH", "groups/{id}", () => client.api(`/groups/${group.id}`).patch({ description: "Partners on tour" }));
  await t.step("POST", "groups/{id}/members/$ref", () => client.api(`/groups/${inner.id}/members/$ref`).post(ref(user.id)));
  await client.api(`/groups/${group.id}/members/$ref`).post(ref(inner.id));
  expect(
    (await t.step("GET", "groups/{id}/members", () => client.api(`/groups/${group.id}/members`).get())).value.map(
      (m: { id: string }) => m.id,
    ),
  ).toEqual([inner.id]);
  expect(
    (await t.step("GET", "groups/{id}/transitiveMembers", () => client.api(`/groups/${group.id}/transitiveMembers`).get())).value
      .map((m: { id: string }) => m.id)
      .sort(),
  ).toEqual([inner.id, user.id].sort());
  await t.step("POST", "groups/{id}/owners/$ref", () => client.api(`/groups/${group.id}/owners/$ref`).post(ref(user.id)));
  expect(
    (await t.step("GET", "groups/{id}/owners", () => client.api(`/groups/${group.id}/owners`).get())).value.map(
      (o: { id: string }) => o.id,
    ),
  ).toEqual([user.id]);
  await t.step("DELETE", "groups/{id}/owners/{ownerId}/$ref", () =>
    client.api(`/groups/${group.id}/owners/${user.id}/$ref`).delete(),
  );
  expect(
    (await t.step("GET", "users/{id}/memberOf", () => client.api(`/users/${user.id}/memberOf`).get())).value.map(
      (g: { id: string }) => g.id,
    ),
  ).toEqual([inner.id]);
  expect(
    (await t.step("GET", "users/{id}/transitiveMemberOf", () => client.api(`/users/${user.id}/transitiveMemberOf`).get())).value
      .map((g: { id: string }) => g.id)
      .sort(),
  ).toEqual([group.id, inner.id].sort());
  for (const action of ["getMemberObjects", "getMemberGroups"] as const) {
    const answer = await t.step("POST", `users/{id}/${action}`, () =>
      client.api(`/users/${user.id}/${action}`).post({ securityEnabledOnly: false }),
    );
    expect([...answer.value].sort()).toEqual([group.id, inner.id].sort());
  }

  // Sponsors and a manager: another user of the tenant, added, read and removed.
  const sponsor = await client.api("/users").post({
    displayName: "Tour Sponsor",
    mail: "tour.sponsor@partner.example",
    identities: [{ signInType: "federated", issuer: "https://idp.partner.example", issuerAssignedId: "tour-sponsor" }],
  });
  await t.step("POST", "users/{id}/sponsors/$ref", () => client.api(`/users/${user.id}/sponsors/$ref`).post(ref(sponsor.id)));
  expect(
    (await t.step("GET", "users/{id}/sponsors", () => client.api(`/users/${user.id}/sponsors`).get())).value.map(
      (s: { id: string }) => s.id,
    ),
  ).toEqual([sponsor.id]);
  await t.step("DELETE", "users/{id}/sponsors/{sponsorId}/$ref", () =>
    client.api(`/users/${user.id}/sponsors/${sponsor.id}/$ref`).delete(),
  );
  await t.step("PUT", "users/{id}/manager/$ref", () => client.api(`/users/${user.id}/manager/$ref`).put(ref(sponsor.id)));
  expect((await t.step("GET", "users/{id}/manager", () => client.api(`/users/${user.id}/manager`).get())).id).toBe(sponsor.id);
  await t.step("DELETE", "users/{id}/manager/$ref", () => client.api(`/users/${user.id}/manager/$ref`).delete());
  await client.api(`/users/${sponsor.id}`).delete();

  // App-role assignments, to a user and to a group.
  const toUser = await t.step("POST", "users/{id}/appRoleAssignments", () =>
    client
      .api(`/users/${user.id}/appRoleAssignments`)
      .post({ principalId: user.id, resourceId: application.id, appRoleId: ROLE }),
  );
  expect(
    (await t.step("GET", "users/{id}/appRoleAssignments", () => client.api(`/users/${user.id}/appRoleAssignments`).get())).value,
  ).toEqual([expect.objectContaining({ id: toUser.id, appRoleId: ROLE })]);
  await t.step("DELETE", "users/{id}/appRoleAssignments/{assignmentId}", () =>
    client.api(`/users/${user.id}/appRoleAssignments/${toUser.id}`).delete(),
  );
  const toGroup = await t.step("POST", "groups/{id}/appRoleAssignments", () =>
    client
      .api(`/groups/${group.id}/appRoleAssignments`)
      .post({ principalId: group.id, resourceId: application.id, appRoleId: ROLE }),
  );
  expect(
    (await t.step("GET", "groups/{id}/appRoleAssignments", () => client.api(`/groups/${group.id}/appRoleAssignments`).get()))
      .value,
  ).toEqual([expect.objectContaining({ id: toGroup.id, principalType: "Group" })]);
  await t.step("DELETE", "groups/{id}/appRoleAssignments/{assignmentId}", () =>
    client.api(`/groups/${group.id}/appRoleAssignments/${toGroup.id}`).delete(),
  );

  // Entitlement management: a catalog with the tour's group and application, a package granting
  // both, a connected organization and a policy; taken apart again at once.
  const em = "/identityGovernance/entitlementManagement";
  const emPath = "identityGovernance/entitlementManagement";
  const catalog = await t.step("POST", `${emPath}/catalogs`, () =>
    client.api(`${em}/catalogs`).post({ displayName: "Tour catalog", isExternallyVisible: true }),
  );
  expect(catalog).toMatchObject({ state: "published", isExternallyVisible: true });
  expect(
    (await t.step("GET", `${emPath}/catalogs`, () => client.api(`${em}/catalogs`).get())).value.map((c: { id: string }) => c.id),
  ).toContain(catalog.id);
  await t.step("PATCH", `${emPath}/catalogs/{id}`, () =>
    client.api(`${em}/catalogs/${catalog.id}`).patch({ description: "On tour" }),
  );
  expect(
    (await t.step("GET", `${emPath}/catalogs/{id}`, () => client.api(`${em}/catalogs/${catalog.id}`).get())).description,
  ).toBe("On tour");
  for (const [originSystem, originId] of [
    ["AadGroup", group.id],
    ["AadApplication", application.id],
  ])
    await t.step("POST", `${emPath}/resourceRequests`, () =>
      client
        .api(`${em}/resourceRequests`)
        .post({ requestType: "adminAdd", resource: { originId, originSystem }, catalog: { id: catalog.id } }),
    );
  expect(
    (await t.step("GET", `${emPath}/catalogs/{id}/resources`, () => client.api(`${em}/catalogs/${catalog.id}/resources`).get()))
      .value,
  ).toHaveLength(2);
  const memberRole = (
    await t.step("GET", `${emPath}/catalogs/{id}/resourceRoles`, () =>
      client.api(`${em}/catalogs/${catalog.id}/resourceRoles`).filter(`originId eq 'Member_${group.id}'`).get(),
    )
  ).value[0];
  expect(memberRole).toMatchObject({ displayName: "Member", originSystem: "AadGroup" });
  const accessPackage = await t.step("POST", `${emPath}/accessPackages`, () =>
    client.api(`${em}/accessPackages`).post({ displayName: "Tour package", catalog: { id: catalog.id } }),
  );
  expect(
    (await t.step("GET", `${emPath}/accessPackages`, () => client.api(`${em}/accessPackages`).get())).value.map(
      (p: { id: string }) => p.id,
    ),
  ).toContain(accessPackage.id);
  await t.step("PATCH", `${emPath}/accessPackages/{id}`, () =>
    client.api(`${em}/accessPackages/${accessPackage.id}`).patch({ isHidden: true }),
  );
  const roleScope = await t.step("POST", `${emPath}/accessPackages/{id}/resourceRoleScopes`, () =>
    client.api(`${em}/accessPackages/${accessPackage.id}/resourceRoleScopes`).post({ role: { id: memberRole.id } }),
  );
  const expanded = await t.step("GET", `${emPath}/accessPackages/{id}`, () =>
    client.api(`${em}/accessPackages/${accessPackage.id}`).expand("resourceRoleScopes($expand=role,scope)").get(),
  );
  expect(expanded).toMatchObject({ isHidden: true, resourceRoleScopes: [{ id: roleScope.id, scope: { isRootScope: true } }] });
  const organization = await t.step("POST", `${emPath}/connectedOrganizations`, () =>
    client.api(`${em}/connectedOrganizations`).post({
      displayName: "Tour partner",
      identitySources: [{ "@odata.type": "#microsoft.graph.domainIdentitySource", domainName: "tour-partner.example" }],
    }),
  );
  expect(
    (await t.step("GET", `${emPath}/connectedOrganizations`, () => client.api(`${em}/connectedOrganizations`).get())).value.map(
      (o: { id: string }) => o.id,
    ),
  ).toContain(organization.id);
  for (const kind of ["internalSponsors", "externalSponsors"]) {
    const sponsors = `${emPath}/connectedOrganizations/{id}/${kind}`;
    const at = `${em}/connectedOrganizations/${organization.id}/${kind}`;
    await t.step("POST", `${sponsors}/$ref`, () => client.api(`${at}/$ref`).post(ref(user.id)));
    expect((await t.step("GET", sponsors, () => client.api(at).get())).value.map((s: { id: string }) => s.id)).toEqual([user.id]);
    await t.step("DELETE", `${sponsors}/{sponsorId}/$ref`, () => client.api(`${at}/${user.id}/$ref`).delete());
  }
  await t.step("PATCH", `${emPath}/connectedOrganizations/{id}`, () =>
    client.api(`${em}/connectedOrganizations/${organization.id}`).patch({ state: "proposed" }),
  );
  expect(
    (
      await t.step("GET", `${emPath}/connectedOrganizations/{id}`, () =>
        client.api(`${em}/connectedOrganizations/${organization.id}`).get(),
      )
    ).state,
  ).toBe("proposed");
  const policyBody = {
    displayName: "Tour policy",
    accessPackage: { id: accessPackage.id },
    allowedTargetScope: "allExternalUsers",
    requestApprovalSettings: {
      isApprovalRequiredForAdd: true,
      stages: [{ primaryApprovers: [{ "@odata.type": "#microsoft.graph.singleUser", userId: user.id }] }],
    },
  };
  const policy = await t.step("POST", `${emPath}/assignmentPolicies`, () =>
    client.api(`${em}/assignmentPolicies`).post(policyBody),
  );
  expect(
    (
      await t.step("GET", `${emPath}/assignmentPolicies`, () =>
        client.api(`${em}/assignmentPolicies`).filter(`accessPackage/id eq '${accessPackage.id}'`).get(),
      )
    ).value.map((p: { id: string }) => p.id),
  ).toEqual([policy.id]);
  const replaced = await t.step("PUT", `${emPath}/assignmentPolicies/{id}`, () =>
    client.api(`${em}/assignmentPolicies/${policy.id}`).put({ ...policyBody, requestApprovalSettings: null }),
  );
  expect(replaced.requestApprovalSettings).toMatchObject({ isApprovalRequiredForAdd: false, stages: [] });
  expect(
    (await t.step("GET", `${emPath}/assignmentPolicies/{id}`, () => client.api(`${em}/assignmentPolicies/${policy.id}`).get()))
      .displayName,
  ).toBe("Tour policy");
  const settings = await t.step("GET", `${emPath}/settings`, () => client.api(`${em}/settings`).get());
  await t.step("PATCH", `${emPath}/settings`, () =>
    client.api(`${em}/settings`).patch({ durationUntilExternalUserDeletedAfterBlocked: "P45D" }),
  );
  expect((await client.api(`${em}/settings`).get()).durationUntilExternalUserDeletedAfterBlocked).toBe("P45D");
  await client.api(`${em}/settings`).patch({
    externalUserLifecycleAction: settings.externalUserLifecycleAction,
    durationUntilExternalUserDeletedAfterBlocked: settings.durationUntilExternalUserDeletedAfterBlocked,
  });
  await t.step("DELETE", `${emPath}/assignmentPolicies/{id}`, () => client.api(`${em}/assignmentPolicies/${policy.id}`).delete());
  await t.step("DELETE", `${emPath}/connectedOrganizations/{id}`, () =>
    client.api(`${em}/connectedOrganizations/${organization.id}`).delete(),
  );
  await t.step("DELETE", `${emPath}/accessPackages/{id}/resourceRoleScopes/{rrsId}`, () =>
    client.api(`${em}/accessPackages/${accessPackage.id}/resourceRoleScopes/${roleScope.id}`).delete(),
  );
  await t.step("DELETE", `${emPath}/accessPackages/{id}`, () => client.api(`${em}/accessPackages/${accessPackage.id}`).delete());
  await t.step("DELETE", `${emPath}/catalogs/{id}`, () => client.api(`${em}/catalogs/${catalog.id}`).delete());
  expect((await graphError(client.api(`${em}/catalogs/${catalog.id}`).get())).statusCode).toBe(404);

  // A direct assignment (adminAdd) delivers at once, in a catalog of its own (a package with
  // assignments, even ended ones, stays).
  const kept = await client.api(`${em}/catalogs`).post({ displayName: "Tour assignments" });
  await client
    .api(`${em}/resourceRequests`)
    .post({ requestType: "adminAdd", resource: { originId: group.id, originSystem: "AadGroup" }, catalog: { id: kept.id } });
  const keptPackage = await client.api(`${em}/accessPackages`).post({ displayName: "Tour assigned", catalog: { id: kept.id } });
  await client
    .api(`${em}/accessPackages/${keptPackage.id}/resourceRoleScopes`)
    .post({ role: { originId: `Member_${group.id}` } });
  const keptPolicy = await client
    .api(`${em}/assignmentPolicies`)
    .post({ displayName: "Direct", accessPackage: { id: keptPackage.id }, allowedTargetScope: "allDirectoryUsers" });
  const assignmentRequest = await t.step("POST", `${emPath}/assignmentRequests`, () =>
    client.api(`${em}/assignmentRequests`).post({
      requestType: "adminAdd",
      assignment: { targetId: user.id, assignmentPolicyId: keptPolicy.id, accessPackageId: keptPackage.id },
    }),
  );
  expect(assignmentRequest).toMatchObject({ state: "delivered", target: { objectId: user.id } });
  expect(
    (await t.step("GET", `${emPath}/assignmentRequests`, () => client.api(`${em}/assignmentRequests`).get())).value.map(
      (r: { id: string }) => r.id,
    ),
  ).toContain(assignmentRequest.id);
  expect(
    (
      await t.step("GET", `${emPath}/assignmentRequests/{id}`, () =>
        client.api(`${em}/assignmentRequests/${assignmentRequest.id}`).get(),
      )
    ).status,
  ).toBe("Delivered");
  const assigned = await t.step("GET", `${emPath}/assignments`, () =>
    client.api(`${em}/assignments`).filter(`accessPackage/id eq '${keptPackage.id}'`).get(),
  );
  expect(assigned.value).toEqual([
    expect.objectContaining({ state: "delivered", target: expect.objectContaining({ id: user.id }) }),
  ]);
  expect(
    (await t.step("GET", `${emPath}/assignments/{id}`, () => client.api(`${em}/assignments/${assigned.value[0].id}`).get())).id,
  ).toBe(assigned.value[0].id);
  // Only a request whose delivery failed is reprocessed; this one was delivered.
  expect(
    (
      await graphError(
        t.step("POST", `${emPath}/assignmentRequests/{id}/reprocess`, () =>
          client.api(`${em}/assignmentRequests/${assignmentRequest.id}/reprocess`).post({}),
        ),
      )
    ).statusCode,
  ).toBe(400);
  // Reprocessing a delivered assignment gives back a grant that went missing.
  await client.api(`/groups/${group.id}/members/${user.id}/$ref`).delete();
  expect(
    await t.step("POST", `${emPath}/assignments/{id}/reprocess`, () =>
      client.api(`${em}/assignments/${assigned.value[0].id}/reprocess`).post({}),
    ),
  ).toBeUndefined();
  expect((await client.api(`/users/${user.id}/memberOf`).get()).value.map((g: { id: string }) => g.id)).toContain(group.id);
  // adminRemove ends the assignment (and takes its group membership back).
  const removal = await client.api(`${em}/assignmentRequests`).post({
    requestType: "adminRemove",
    assignment: { id: assigned.value[0].id },
  });
  expect(removal).toMatchObject({ requestType: "adminRemove", state: "delivered" });
  expect((await client.api(`${em}/assignments/${assigned.value[0].id}`).get()).state).toBe("expired");

  // A request for someone not yet in the directory waits for its approver: readers see the
  // approval and its stages; deciding and cancelling are delegated only, so the application's token is refused.
  const approved = await client.api(`${em}/assignmentPolicies`).post({
    displayName: "Approved by the tour guest",
    accessPackage: { id: keptPackage.id },
    allowedTargetScope: "allExternalUsers",
    requestApprovalSettings: {
      isApprovalRequiredForAdd: true,
      stages: [{ primaryApprovers: [{ "@odata.type": "#microsoft.graph.singleUser", userId: user.id }] }],
    },
  });
  const pending = await client.api(`${em}/assignmentRequests`).post({
    requestType: "adminAdd",
    assignment: {
      target: { email: `tour.${Date.now()}@tailspin.example` },
      assignmentPolicyId: approved.id,
      accessPackageId: keptPackage.id,
    },
  });
  expect(pending).toMatchObject({ state: "pendingApproval", target: { objectId: null } });
  const approvals = `${emPath}/accessPackageAssignmentApprovals`;
  const approval = await t.step("GET", `${approvals}/{id}`, () =>
    client.api(`${em}/accessPackageAssignmentApprovals/${pending.id}`).get(),
  );
  expect(approval).toMatchObject({ id: pending.id, stages: [{ status: "InProgress", assignedToMe: false }] });
  const stageId = approval.stages[0].id as string;
  expect(
    (
      await t.step("GET", `${approvals}/{id}/stages`, () =>
        client.api(`${em}/accessPackageAssignmentApprovals/${pending.id}/stages`).get(),
      )
    ).value.map((s: { id: string }) => s.id),
  ).toEqual([stageId]);
  expect(
    (
      await t.step("GET", `${approvals}/{id}/stages/{stageId}`, () =>
        client.api(`${em}/accessPackageAssignmentApprovals/${pending.id}/stages/${stageId}`).get(),
      )
    ).reviewResult,
  ).toBe("NotReviewed");
  expect(
    (
      await graphError(
        t.step("PATCH", `${approvals}/{id}/stages/{stageId}`, () =>
          client
            .api(`${em}/accessPackageAssignmentApprovals/${pending.id}/stages/${stageId}`)
            .patch({ reviewResult: "Approve", justification: "" }),
        ),
      )
    ).statusCode,
  ).toBe(403);
  // filterByCurrentUser needs a signed-in user: an application's token is refused.
  for (const [template, url] of [
    [
      `${emPath}/assignmentRequests/filterByCurrentUser(on='target')`,
      `${em}/assignmentRequests/filterByCurrentUser(on='target')`,
    ],
    [
      `${approvals}/filterByCurrentUser(on='approver')`,
      `${em}/accessPackageAssignmentApprovals/filterByCurrentUser(on='approver')`,
    ],
    [
      `${emPath}/accessPackages/filterByCurrentUser(on='allowedRequestor')`,
      `${em}/accessPackages/filterByCurrentUser(on='allowedRequestor')`,
    ],
    [`${emPath}/assignments/filterByCurrentUser(on='target')`, `${em}/assignments/filterByCurrentUser(on='target')`],
  ])
    expect((await graphError(t.step("GET", template!, () => client.api(url!).get()))).statusCode).toBe(403);
  expect(
    (
      await graphError(
        t.step("POST", `${emPath}/assignmentRequests/{id}/cancel`, () =>
          client.api(`${em}/assignmentRequests/${pending.id}/cancel`).post({}),
        ),
      )
    ).statusCode,
  ).toBe(403);

  // User flows: providers, attribute assignments and their order, languages and pages.
  const flow = await t.step("POST", "identity/b2xUserFlows", () =>
    client.api("/identity/b2xUserFlows").post({ id: "Tour", userFlowType: "signUpOrSignIn", userFlowTypeVersion: 1 }),
  );
  const flowPath = `/identity/b2xUserFlows/${flow.id}`;
  expect(
    (await t.step("GET", "identity/b2xUserFlows", () => client.api("/identity/b2xUserFlows").get())).value.map(
      (f: { id: string }) => f.id,
    ),
  ).toContain(flow.id);
  expect((await t.step("GET", "identity/b2xUserFlows/{id}", () => client.api(flowPath).get())).id).toBe(flow.id);
  await t.step("PATCH", "identity/b2xUserFlows/{id}", () =>
    client.api(flowPath).patch({ identityProviders: [{ id: "EmailOtpSignup-OAUTH" }] }),
  );
  // The shipped tenants offer the passcode only: offering it twice and taking the last way in
  // away are both refused.
  const providers = `${flowPath}/identityProviders`;
  const twice = await graphError(
    t.step("POST", "identity/b2xUserFlows/{id}/identityProviders/$ref", () =>
      client
        .api(`${providers}/$ref`)
        .post({ "@odata.id": "https://graph.microsoft.com/v1.0/identity/identityProviders/EmailOtpSignup-OAUTH" }),
    ),
  );
  expect([twice.statusCode, twice.message]).toEqual([400, expect.stringMatching(/already an identity provider/)]);
  expect(
    (await t.step("GET", "identity/b2xUserFlows/{id}/identityProviders", () => client.api(providers).get())).value.map(
      (p: { id: string }) => p.id,
    ),
  ).toEqual(["EmailOtpSignup-OAUTH"]);
  const lastOne = await graphError(
    t.step("DELETE", "identity/b2xUserFlows/{id}/identityProviders/{idpId}/$ref", () =>
      client.api(`${providers}/EmailOtpSignup-OAUTH/$ref`).delete(),
    ),
  );
  expect(lastOne.statusCode).toBe(400);
  expect(lastOne.message).toMatch(/at least one identity provider/);
  const assignments = `${flowPath}/userAttributeAssignments`;
  for (const id of ["givenName", "city"])
    await t.step("POST", "identity/b2xUserFlows/{id}/userAttributeAssignments", () =>
      client.api(assignments).post({ isOptional: false, userInputType: "TextBox", userAttribute: { id } }),
    );
  expect(
    (await t.step("GET", "identity/b2xUserFlows/{id}/userAttributeAssignments", () => client.api(assignments).get())).value.map(
      (a: { id: string }) => a.id,
    ),
  ).toEqual(["givenName", "city"]);
  await t.step("POST", "identity/b2xUserFlows/{id}/userAttributeAssignments/setOrder", () =>
    client.api(`${assignments}/setOrder`).post({ newAssignmentOrder: { order: ["city", "givenName"] } }),
  );
  expect(
    (
      await t.step("GET", "identity/b2xUserFlows/{id}/userAttributeAssignments/getOrder", () =>
        client.api(`${assignments}/getOrder`).get(),
      )
    ).order,
  ).toEqual(["city", "givenName"]);
  await t.step("PATCH", "identity/b2xUserFlows/{id}/userAttributeAssignments/{attrId}", () =>
    client.api(`${assignments}/city`).patch({ isOptional: true }),
  );
  expect(
    (
      await t.step("GET", "identity/b2xUserFlows/{id}/userAttributeAssignments/{attrId}", () =>
        client.api(`${assignments}/city`).get(),
      )
    ).isOptional,
  ).toBe(true);
  await t.step("DELETE", "identity/b2xUserFlows/{id}/userAttributeAssignments/{attrId}", () =>
    client.api(`${assignments}/city`).delete(),
  );
  const languages = await t.step("GET", "identity/b2xUserFlows/{id}/languages", () => client.api(`${flowPath}/languages`).get());
  expect(languages.value.map((l: { id: string }) => l.id)).toContain("en");
  expect(
    (await t.step("GET", "identity/b2xUserFlows/{id}/languages/{lang}", () => client.api(`${flowPath}/languages/en`).get())).id,
  ).toBe("en");
  const defaults = await t.step("GET", "identity/b2xUserFlows/{id}/languages/{lang}/defaultPages", () =>
    client.api(`${flowPath}/languages/en/defaultPages`).get(),
  );
  const pageId: string = defaults.value[0].id;
  const defaultPage = await t.step("GET", "identity/b2xUserFlows/{id}/languages/{lang}/defaultPages/{pageId}/$value", () =>
    client.api(`${flowPath}/languages/en/defaultPages/${pageId}/$value`).responseType(ResponseType.TEXT).get(),
  );
  expect(JSON.parse(defaultPage as string).LocalizedStrings.length).toBeGreaterThan(0);
  const overridePage = `${flowPath}/languages/en/overridesPages/${pageId}/$value`;
  await t.step("PUT", "identity/b2xUserFlows/{id}/languages/{lang}/overridesPages/{pageId}/$value", () =>
    client
      .api(overridePage)
      .header("Content-Type", "application/json")
      .put(
        JSON.stringify({ LocalizedStrings: [{ ElementType: "UxElement", StringId: "heading", Value: "About you, partner" }] }),
      ),
  );
  expect(
    (
      await t.step("GET", "identity/b2xUserFlows/{id}/languages/{lang}/overridesPages", () =>
        client.api(`${flowPath}/languages/en/overridesPages`).get(),
      )
    ).value.map((p: { id: string }) => p.id),
  ).toEqual([pageId]);
  const override = await t.step("GET", "identity/b2xUserFlows/{id}/languages/{lang}/overridesPages/{pageId}/$value", () =>
    client.api(overridePage).responseType(ResponseType.TEXT).get(),
  );
  expect(override as string).toContain("About you, partner");

  // The attribute catalog: a custom attribute's life.
  const attribute = await t.step("POST", "identity/userFlowAttributes", () =>
    client.api("/identity/userFlowAttributes").post({ displayName: "TourCode", description: "Tour code", dataType: "string" }),
  );
  expect(
    (await t.step("GET", "identity/userFlowAttributes", () => client.api("/identity/userFlowAttributes").get())).value.map(
      (a: { id: string }) => a.id,
    ),
  ).toContain(attribute.id);
  expect(
    (
      await t.step("GET", "identity/userFlowAttributes/{id}", () =>
        client.api(`/identity/userFlowAttributes/${attribute.id}`).get(),
      )
    ).userFlowAttributeType,
  ).toBe("custom");
  await t.step("PATCH", "identity/userFlowAttributes/{id}", () =>
    client.api(`/identity/userFlowAttributes/${attribute.id}`).patch({ description: "The code of the tour" }),
  );
  await t.step("DELETE", "identity/userFlowAttributes/{id}", () =>
    client.api(`/identity/userFlowAttributes/${attribute.id}`).delete(),
  );

  // API connectors, attached to the flow at both sign-up steps and detached again.
  const connector = await t.step("POST", "identity/apiConnectors", () =>
    client.api("/identity/apiConnectors").post({
      displayName: "Tour check",
      targetUrl: "https://hooks.partner.example/api/check",
      authenticationConfiguration: { "@odata.type": "#microsoft.graph.basicAuthentication", username: "gg", password: "s3cr3t" },
    }),
  );
  expect(connector.authenticationConfiguration.password).toBe("******");
  const connectorPath = `/identity/apiConnectors/${connector.id}`;
  expect(
    (await t.step("GET", "identity/apiConnectors", () => client.api("/identity/apiConnectors").get())).value.map(
      (c: { id: string }) => c.id,
    ),
  ).toContain(connector.id);
  await t.step("PATCH", "identity/apiConnectors/{id}", () => client.api(connectorPath).patch({ displayName: "Tour check 2" }));
  expect((await t.step("GET", "identity/apiConnectors/{id}", () => client.api(connectorPath).get())).displayName).toBe(
    "Tour check 2",
  );
  const refused = await graphError(
    t.step("POST", "identity/apiConnectors/{id}/uploadClientCertificate", () =>
      client.api(`${connectorPath}/uploadClientCertificate`).post({ pkcs12Value: "bm90IGEgYnVuZGxl", password: "x" }),
    ),
  );
  expect(refused.statusCode).toBe(400);
  await t.step("PUT", "identity/b2xUserFlows/{id}/apiConnectorConfiguration/{step}/$ref", () =>
    client
      .api(`${flowPath}/apiConnectorConfiguration/postAttributeCollection/$ref`)
      .put({ "@odata.id": `https://graph.microsoft.com/v1.0/identity/apiConnectors/${connector.id}` }),
  );
  expect(
    (
      await t.step("GET", "identity/b2xUserFlows/{id}/apiConnectorConfiguration/{step}", () =>
        client.api(`${flowPath}/apiConnectorConfiguration/postAttributeCollection`).get(),
      )
    ).id,
  ).toBe(connector.id);
  await client.api(`${flowPath}/apiConnectorConfiguration/postAttributeCollection/$ref`).put({});
  expect((await graphError(client.api(`${flowPath}/apiConnectorConfiguration/postAttributeCollection`).get())).statusCode).toBe(
    404,
  );
  await t.step("DELETE", "identity/apiConnectors/{id}", () => client.api(connectorPath).delete());

  // Custom authentication extensions: one on the flow's submit event, one for token issuance
  // attached to the application by a listener; each taken apart again.
  const target = { "@odata.type": "#microsoft.graph.httpRequestEndpoint", targetUrl: "https://hooks.partner.example/api/ext" };
  const auth = {
    "@odata.type": "#microsoft.graph.azureAdTokenAuthentication",
    resourceId: "api://hooks.partner.example/7e21a0b6-5d7f-4e21-a0b6-c8d4e2f19a77",
  };
  const submitExtension = await t.step("POST", "identity/customAuthenticationExtensions", () =>
    client.api("/identity/customAuthenticationExtensions").post({
      "@odata.type": "#microsoft.graph.onAttributeCollectionSubmitCustomExtension",
      displayName: "Tour submit",
      endpointConfiguration: target,
      authenticationConfiguration: auth,
      clientConfiguration: { timeoutInMilliseconds: 2000, maximumRetries: 1 },
    }),
  );
  expect(submitExtension).toMatchObject({
    "@odata.type": "#microsoft.graph.onAttributeCollectionSubmitCustomExtension",
    clientConfiguration: { timeoutInMilliseconds: 2000, maximumRetries: 1 },
    behaviorOnError: null,
  });
  const extensionPath = `/identity/customAuthenticationExtensions/${submitExtension.id}`;
  expect(
    (
      await t.step("GET", "identity/customAuthenticationExtensions", () =>
        client.api("/identity/customAuthenticationExtensions").get(),
      )
    ).value.map((e: { id: string }) => e.id),
  ).toContain(submitExtension.id);
  await t.step("PATCH", "identity/customAuthenticationExtensions/{id}", () =>
    client.api(extensionPath).patch({ displayName: "Tour submit 2" }),
  );
  expect(
    (await t.step("GET", "identity/customAuthenticationExtensions/{id}", () => client.api(extensionPath).get())).displayName,
  ).toBe("Tour submit 2");
  expect(
    (
      await t.step("POST", "identity/customAuthenticationExtensions/{id}/validateAuthenticationConfiguration", () =>
        client.api(`${extensionPath}/validateAuthenticationConfiguration`).post({}),
      )
    ).errors,
  ).toEqual([]);
  await t.step("PUT", "identity/b2xUserFlows/{id}/guestgateCustomAuthenticationExtensions/{event}/$ref", () =>
    client
      .api(`${flowPath}/guestgateCustomAuthenticationExtensions/onAttributeCollectionSubmit/$ref`)
      .put({ "@odata.id": `https://graph.microsoft.com/v1.0/identity/customAuthenticationExtensions/${submitExtension.id}` }),
  );
  expect((await client.api(flowPath).get()).guestgateCustomAuthenticationExtensions).toEqual({
    onAttributeCollectionSubmit: { id: submitExtension.id },
  });
  await client.api(`${flowPath}/guestgateCustomAuthenticationExtensions/onAttributeCollectionSubmit/$ref`).put({});
  expect((await client.api(flowPath).get()).guestgateCustomAuthenticationExtensions).toEqual({});
  await t.step("DELETE", "identity/customAuthenticationExtensions/{id}", () => client.api(extensionPath).delete());

  const claimsExtension = await client.api("/identity/customAuthenticationExtensions").post({
    "@odata.type": "#microsoft.graph.onTokenIssuanceStartCustomExtension",
    displayName: "Tour claims",
    endpointConfiguration: target,
    authenticationConfiguration: auth,
    claimsForTokenConfiguration: [{ claimIdInApiResponse: "CustomerTier" }],
  });
  expect(claimsExtension.claimsForTokenConfiguration).toEqual([{ claimIdInApiResponse: "CustomerTier" }]);
  const listener = await t.step("POST", "identity/authenticationEventListeners", () =>
    client.api("/identity/authenticationEventListeners").post({
      "@odata.type": "#microsoft.graph.onTokenIssuanceStartListener",
      conditions: { applications: { includeApplications: [{ appId: application.appId }] } },
      handler: {
        "@odata.type": "#microsoft.graph.onTokenIssuanceStartCustomExtensionHandler",
        customExtension: { id: claimsExtension.id },
      },
    }),
  );
  const listenerPath = `/identity/authenticationEventListeners/${listener.id}`;
  expect(
    (
      await t.step("GET", "identity/authenticationEventListeners", () =>
        client.api("/identity/authenticationEventListeners").get(),
      )
    ).value.map((l: { id: string }) => l.id),
  ).toContain(listener.id);
  await t.step("PATCH", "identity/authenticationEventListeners/{id}", () =>
    client.api(listenerPath).patch({ conditions: { applications: { includeApplications: [] } } }),
  );
  expect(
    (await t.step("GET", "identity/authenticationEventListeners/{id}", () => client.api(listenerPath).get())).conditions,
  ).toEqual({ applications: { includeAllApplications: false, includeApplications: [] } });
  // In use by a listener: the extension cannot go first.
  expect(
    (await graphError(client.api(`/identity/customAuthenticationExtensions/${claimsExtension.id}`).delete())).statusCode,
  ).toBe(400);
  await t.step("DELETE", "identity/authenticationEventListeners/{id}", () => client.api(listenerPath).delete());
  await client.api(`/identity/customAuthenticationExtensions/${claimsExtension.id}`).delete();

  // The audit log of all of the above.
  const audits = await t.step("GET", "auditLogs/directoryAudits", () => client.api("/auditLogs/directoryAudits").top(50).get());
  expect(audits.value.length).toBeGreaterThan(10);
  const first = audits.value[0] as { id: string };
  expect(
    (await t.step("GET", "auditLogs/directoryAudits/{id}", () => client.api(`/auditLogs/directoryAudits/${first.id}`).get())).id,
  ).toBe(first.id);

  // What was made is taken apart again.
  await t.step("DELETE", "groups/{id}/members/{memberId}/$ref", () =>
    client.api(`/groups/${inner.id}/members/${user.id}/$ref`).delete(),
  );
  await t.step("DELETE", "groups/{id}", () => client.api(`/groups/${inner.id}`).delete());
  await client.api(`/groups/${group.id}`).delete();
  await t.step("DELETE", "identity/b2xUserFlows/{id}", () => client.api(flowPath).delete());
  await t.step("DELETE", "users/{id}", () => client.api(`/users/${user.id}`).delete());
  expect((await graphError(client.api(`/users/${user.id}`).get())).statusCode).toBe(404);
  const spare = await client.api("/applications").post({ displayName: "Tour spare" });
  await t.step("DELETE", "applications(appId='{appId}')", () => client.api(`/applications(appId='${spare.appId}')`).delete());
  await t.step("DELETE", "applications/{id}", () => client.api(`/applications/${application.id}`).delete());
  expect((await graphError(client.api(byAppId).get())).statusCode).toBe(404);

  return t.taken();
}
