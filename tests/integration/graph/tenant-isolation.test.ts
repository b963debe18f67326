// Tenant isolation for every Graph route (issue 8): tenant B holds one object of every kind the API
// serves; tenant A's application, holding every permission, names B's ids on every route that
// takes one, and every collection A lists is searched for them. Each answer is a Graph-shaped 404
// (or 400 where the body names B's object), and afterwards B's rows are exactly what they were.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GRAPH_ROUTES } from "../../../app/_lib/graph";
import { MANAGEMENT_PERMISSIONS } from "../../../app/_lib/oidc";
import { createTenantDirectory, loadTenantsConfig } from "../../../app/_lib/tenant";
import { testDatabaseProviders } from "../../helpers/database";
import { BASE, obtainCode, OTHER_TENANT, REDIRECT, TENANT, tokenRequest } from "../oidc/harness";
import { createGraphBed, type GraphBed } from "./api-bed";

const tenants = createTenantDirectory(loadTenantsConfig("tenants.json"));
const ROLE = "b0b00000-0000-4000-8000-00000000000b";

interface ObjectsOfB {
  user: string;
  group: string;
  application: string;
  appId: string;
  keyId: string;
  userAssignment: string;
  groupAssignment: string;
  flow: string;
  attribute: string;
  audit: string;
  connector: string;
  extension: string;
  submitExtension: string;
  listener: string;
  catalog: string;
  accessPackage: string;
  roleScope: string;
  policy: string;
  organization: string;
  request: string;
  assignment: string;
  /** A request of B waiting for approval, and its stage. */
  pending: string;
  stage: string;
}

const EM = "identityGovernance/entitlementManagement";

/** The value for a path parameter: B's object of the kind the route's path names. */
function parameter(path: string, name: string, b: ObjectsOfB): string {
  switch (name) {
    case "id":
      if (path.startsWith(`${EM}/catalogs`)) return b.catalog;
      if (path.startsWith(`${EM}/accessPackages`)) return b.accessPackage;
      if (path.startsWith(`${EM}/assignmentPolicies`)) return b.policy;
      if (path.startsWith(`${EM}/connectedOrganizations`)) return b.organization;
      if (path.startsWith(`${EM}/assignmentRequests`)) return b.request;
      if (path.startsWith(`${EM}/assignments`)) return b.assignment;
      if (path.startsWith(`${EM}/accessPackageAssignmentApprovals`)) return b.pending;
      if (path.startsWith("users")) return b.user;
      if (path.startsWith("groups")) return b.group;
      if (path.startsWith("applications")) return b.application;
      if (path.startsWith("identity/b2xUserFlows")) return b.flow;
      if (path.startsWith("identity/userFlowAttributes")) return b.attribute;
      if (path.startsWith("identity/apiConnectors")) return b.connector;
      if (path.startsWith("identity/customAuthenticationExtensions")) return b.extension;
      if (path.startsWith("identity/authenticationEventListeners")) return b.listener;
      if (path.startsWith("auditLogs")) return b.audit;
      break;
    case "appId":
      return b.appId;
    case "memberId":
    case "ownerId":
    case "sponsorId":
      return b.user;
    case "assignmentId":
      return path.startsWith("users") ? b.userAssignment : b.groupAssignment;
    case "idpId":
      return "EmailOtpSignup-OAUTH";
    case "attrId":
      return "givenName";
    case "lang":
      return "en";
    case "pageId":
      return "api.signup";
    case "step":
      return "postAttributeCollection";
    case "event":
      return "onAttributeCollectionSubmit";
    case "rrsId":
      return b.roleScope;
    case "stageId":
      return b.stage;
  }
  throw new Error(`no object of B for {${name}} in ${path}`);
}

/** A body the route would accept for an object of its own tenant, so that only the lookup can refuse it. */
function bodyFor(method: string, path: string, b: ObjectsOfB, userOfA: string): unknown {
  const route = `${method} ${path}`;
  const reference = (id: string) => ({ "@odata.id": `${BASE}/${TENANT}/graph/v1.0/directoryObjects/${id}` });
  const bodies: Record<string, unknown> = {
    "PATCH users/{id}": { displayName: "Taken over" },
    "PATCH groups/{id}": { displayName: "Taken over" },
    "POST groups/{id}/members/$ref": reference(userOfA),
    "POST groups/{id}/owners/$ref": reference(userOfA),
    "POST users/{id}/sponsors/$ref": reference(userOfA),
    [`POST ${EM}/connectedOrganizations/{id}/internalSponsors/$ref`]: reference(userOfA),
    [`POST ${EM}/connectedOrganizations/{id}/externalSponsors/$ref`]: reference(userOfA),
    "PUT users/{id}/manager/$ref": reference(userOfA),
    "POST users/{id}/getMemberObjects": { securityEnabledOnly: false },
    "POST users/{id}/getMemberGroups": { securityEnabledOnly: false },
    "POST users/{id}/appRoleAssignments": { principalId: b.user, resourceId: b.application, appRoleId: ROLE },
    "POST groups/{id}/appRoleAssignments": { principalId: b.group, resourceId: b.application, appRoleId: ROLE },
    "PATCH applications/{id}": { displayName: "Taken over" },
    "PATCH applications(appId='{appId}')": { displayName: "Taken over" },
    "POST applications/{id}/addPassword": { passwordCredential: { displayName: "taken" } },
    "POST applications(appId='{appId}')/addPassword": { passwordCredential: { displayName: "taken" } },
    "POST applications/{id}/removePassword": { keyId: b.keyId },
    "POST applications(appId='{appId}')/removePassword": { keyId: b.keyId },
    "PATCH identity/b2xUserFlows/{id}": { identityProviders: [{ id: "EmailOtpSignup-OAUTH" }] },
    "POST identity/b2xUserFlows/{id}/identityProviders/$ref": {
      "@odata.id": "https://graph.microsoft.com/v1.0/identity/identityProviders/Google-OAUTH",
    },
    "POST identity/b2xUserFlows/{id}/userAttributeAssignments": {
      isOptional: true,
      userInputType: "TextBox",
      userAttribute: { id: "city" },
    },
    "POST identity/b2xUserFlows/{id}/userAttributeAssignments/setOrder": {
      newAssignmentOrder: { order: ["givenName"] },
    },
    "PATCH identity/b2xUserFlows/{id}/userAttributeAssignments/{attrId}": { isOptional: true },
    "PATCH identity/userFlowAttributes/{id}": { description: "Taken over" },
    "PATCH identity/apiConnectors/{id}": { displayName: "Taken over" },
    "POST identity/apiConnectors/{id}/uploadClientCertificate": { pkcs12Value: "eA==", password: "x" },
    "PUT identity/b2xUserFlows/{id}/apiConnectorConfiguration/{step}/$ref": {
      "@odata.id": `https://graph.microsoft.com/v1.0/identity/apiConnectors/${b.connector}`,
    },
    "PATCH identity/customAuthenticationExtensions/{id}": { displayName: "Taken over" },
    "PATCH identity/authenticationEventListeners/{id}": {
      conditions: { applications: { includeApplications: [{ appId: b.appId }] } },
    },
    "PUT identity/b2xUserFlows/{id}/guestgateCustomAuthenticationExtensions/{event}/$ref": {
      "@odata.id": `https://graph.microsoft.com/v1.0/identity/customAuthenticationExtensions/${b.submitExtension}`,
    },
    [`PATCH ${EM}/catalogs/{id}`]: { displayName: "Taken over" },
    [`PATCH ${EM}/accessPackages/{id}`]: { displayName: "Taken over" },
    [`POST ${EM}/accessPackages/{id}/resourceRoleScopes`]: { role: { originId: `Member_${b.group}` } },
    [`PUT ${EM}/assignmentPolicies/{id}`]: {
      displayName: "Taken over",
      accessPackage: { id: b.accessPackage },
      allowedTargetScope: "allMemberUsers",
    },
    [`PATCH ${EM}/connectedOrganizations/{id}`]: { displayName: "Taken over" },
    [`PATCH ${EM}/accessPackageAssignmentApprovals/{id}/stages/{stageId}`]: { reviewResult: "Approve", justification: "x" },
  };
  return bodies[route];
}

describe.each(testDatabaseProviders())("Graph tenant isolation on %s", (provider) => {
  let graph: GraphBed;
  let tokenOfA: string;
  /** A's signed-in member's delegated token: the routes open to delegated callers only are tried with it. */
  let delegatedOfA: string;
  let b: ObjectsOfB;
  let userOfA: string;
  let before: unknown;

  /** Every row of tenant B the API can reach, with its last change. */
  const rowsOfB = async () => {
    const p = graph.bed.db.prisma;
    const where = { tenantId: OTHER_TENANT };
    return {
      guests: await p.guest.findMany({ where, orderBy: { id: "asc" } }),
      groups: await p.group.findMany({ where, orderBy: { id: "asc" } }),
      members: await p.groupMember.count({ where: { group: where } }),
      sponsors: await p.userSponsor.findMany({ where, orderBy: { guestId: "asc" } }),
      managers: await p.userManager.findMany({ where, orderBy: { guestId: "asc" } }),
      assignments: await p.appRoleAssignment.findMany({ where, orderBy: { id: "asc" } }),
      applications: await p.application.findMany({ where, orderBy: { id: "asc" } }),
      secrets: await p.clientSecret.count({ where: { application: where } }),
      flows: await p.userFlow.findMany({ where, orderBy: { id: "asc" } }),
      attributes: await p.customAttribute.findMany({ where, orderBy: { id: "asc" } }),
      connectors: await p.apiConnector.findMany({ where, orderBy: { id: "asc" } }),
      extensions: await p.customAuthenticationExtension.findMany({ where, orderBy: { id: "asc" } }),
      listeners: await p.authenticationEventListener.findMany({ where, orderBy: { id: "asc" } }),
      audit: await p.auditEvent.count({ where }),
      catalogs: await p.accessPackageCatalog.findMany({ where, orderBy: { id: "asc" } }),
      resources: await p.accessPackageResource.count({ where }),
      packages: await p.accessPackage.findMany({ where, orderBy: { id: "asc" } }),
      roleScopes: await p.accessPackageResourceRoleScope.count({ where }),
      policies: await p.accessPackageAssignmentPolicy.findMany({ where, orderBy: { id: "asc" } }),
      organizations: await p.connectedOrganization.findMany({ where, orderBy: { id: "asc" } }),
      entitlementSettings: await p.entitlementManagementSettings.findMany({ where }),
      requests: await p.accessPackageAssignmentRequest.findMany({ where, orderBy: { id: "asc" } }),
      assignmentsOfPackages: await p.accessPackageAssignment.findMany({ where, orderBy: { id: "asc" } }),
      approvalStages: await p.accessPackageApprovalStage.findMany({ where, orderBy: { id: "asc" } }),
      externalUsers: await p.accessPackageExternalUser.findMany({ where, orderBy: { guestId: "asc" } }),
    };
  };

  const asB = async (method: string, path: string, token: string, body?: unknown) => {
    const response = await graph.call(method, `v1.0/${path}`, token, body, { tenant: OTHER_TENANT });
    expect(response.status, `${method} ${path} in B`).toBeLessThan(300);
    return response.status === 204 ? {} : ((await response.json()) as Record<string, unknown>);
  };

  beforeAll(async () => {
    graph = await createGraphBed(provider, { userFlowTenants: tenants });
    tokenOfA = await graph.appToken([...MANAGEMENT_PERMISSIONS]);
    const tokenOfB = await graph.appToken([...MANAGEMENT_PERMISSIONS], OTHER_TENANT);
    userOfA = await graph.bed.guest({ email: "a-guest@partner.example" });
    const spa = await graph.bed.publicClient({ permissions: ["EntitlementManagement.ReadWrite.All"] });
    const { code, verifier } = await obtainCode(graph.bed, {
      clientId: spa,
      guestId: userOfA,
      scope: "openid https://graph.microsoft.com/EntitlementManagement.ReadWrite.All",
    });
    const delegated = await tokenRequest(graph.bed, {
      grant_type: "authorization_code",
      code,
      redirect_uri: REDIRECT,
      client_id: spa,
      code_verifier: verifier,
    });
    delegatedOfA = ((await delegated.json()) as { access_token: string }).access_token;

    const user = await graph.bed.db.prisma.guest.create({
      data: {
        tenantId: OTHER_TENANT,
        userType: "Guest",
        createdVia: "selfServiceSignUp",
        email: "b-guest@partner.example",
        emailVerified: true,
        displayName: "Guest of B",
        state: "active",
      },
    });
    const group = await asB("POST", "groups", tokenOfB, {
      displayName: "Partners of B",
      mailEnabled: false,
      mailNickname: "partners-b",
      securityEnabled: true,
    });
    await asB("POST", `groups/${group.id}/members/$ref`, tokenOfB, {
      "@odata.id": `${BASE}/${OTHER_TENANT}/graph/v1.0/directoryObjects/${user.id}`,
    });
    // B's user has a sponsor and a manager: A's calls that name them must leave both in place.
    const sponsorOfB = await graph.bed.db.prisma.guest.create({
      data: { tenantId: OTHER_TENANT, userType: "Member", createdVia: "seed", email: "b-sponsor@bank.example" },
    });
    const userRef = { "@odata.id": `${BASE}/${OTHER_TENANT}/graph/v1.0/users/${sponsorOfB.id}` };
    await asB("POST", `users/${user.id}/sponsors/$ref`, tokenOfB, userRef);
    await asB("PUT", `users/${user.id}/manager/$ref`, tokenOfB, userRef);
    const application = await asB("POST", "applications", tokenOfB, {
      displayName: "Application of B",
      appRoles: [
        { id: ROLE, allowedMemberTypes: ["User"], displayName: "Reader", description: "", value: "B.Read", isEnabled: true },
      ],
    });
    const password = await asB("POST", `applications/${application.id}/addPassword`, tokenOfB, { passwordCredential: {} });
    const userAssignment = await asB("POST", `users/${user.id}/appRoleAssignments`, tokenOfB, {
      principalId: user.id,
      resourceId: application.id,
      appRoleId: ROLE,
    });
    const groupAssignment = await asB("POST", `groups/${group.id}/appRoleAssignments`, tokenOfB, {
      principalId: group.id,
      resourceId: application.id,
      appRoleId: ROLE,
    });
    const flow = await asB("POST", "identity/b2xUserFlows", tokenOfB, { id: "OnlyInB" });
    await asB("POST", `identity/b2xUserFlows/${flow.id}/userAttributeAssignments`, tokenOfB, {
      isOptional: false,
      userInputType: "TextBox",
      userAttribute: { id: "givenName" },
    });
    const attribute = await asB("POST", "identity/userFlowAttributes", tokenOfB, {
      displayName: "OnlyInB",
      description: "B's own",
      dataType: "string",
    });
    const connector = await asB("POST", "identity/apiConnectors", tokenOfB, {
      displayName: "Connector of B",
      targetUrl: "https://hooks.b.example/api",
      authenticationConfiguration: {
        "@odata.type": "#microsoft.graph.basicAuthentication",
        username: "b",
        password: "secret-of-b",
      },
    });
    await asB("PUT", `identity/b2xUserFlows/${flow.id}/apiConnectorConfiguration/postAttributeCollection/$ref`, tokenOfB, {
      "@odata.id": `https://graph.microsoft.com/v1.0/identity/apiConnectors/${connector.id}`,
    });
    const extension = await asB("POST", "identity/customAuthenticationExtensions", tokenOfB, {
      "@odata.type": "#microsoft.graph.onTokenIssuanceStartCustomExtension",
      displayName: "Claims of B",
      endpointConfiguration: {
        "@odata.type": "#microsoft.graph.httpRequestEndpoint",
        targetUrl: "https://hooks.b.example/claims",
      },
      authenticationConfiguration: {
        "@odata.type": "#microsoft.graph.azureAdTokenAuthentication",
        resourceId: "api://hooks.b.example/0b0b0b0b-0000-4000-8000-00000000000b",
      },
      claimsForTokenConfiguration: [{ claimIdInApiResponse: "TierOfB" }],
    });
    const listener = await asB("POST", "identity/authenticationEventListeners", tokenOfB, {
      "@odata.type": "#microsoft.graph.onTokenIssuanceStartListener",
      conditions: { applications: { includeApplications: [{ appId: application.appId }] } },
      handler: {
        "@odata.type": "#microsoft.graph.onTokenIssuanceStartCustomExtensionHandler",
        customExtension: { id: extension.id },
      },
    });
    const submitExtension = await asB("POST", "identity/customAuthenticationExtensions", tokenOfB, {
      "@odata.type": "#microsoft.graph.onAttributeCollectionSubmitCustomExtension",
      displayName: "Checks of B",
      endpointConfiguration: { targetUrl: "https://hooks.b.example/check" },
      authenticationConfiguration: { resourceId: "api://hooks.b.example/0b0b0b0b-0000-4000-8000-00000000000b" },
    });
    await asB(
      "PUT",
      `identity/b2xUserFlows/${flow.id}/guestgateCustomAuthenticationExtensions/onAttributeCollectionSubmit/$ref`,
      tokenOfB,
      { "@odata.id": `https://graph.microsoft.com/v1.0/identity/customAuthenticationExtensions/${submitExtension.id}` },
    );
    const catalog = await asB("POST", `${EM}/catalogs`, tokenOfB, { displayName: "Catalog of B" });
    await asB("POST", `${EM}/resourceRequests`, tokenOfB, {
      requestType: "adminAdd",
      resource: { originId: group.id, originSystem: "AadGroup" },
      catalog: { id: catalog.id },
    });
    const accessPackage = await asB("POST", `${EM}/accessPackages`, tokenOfB, {
      displayName: "Package of B",
      catalog: { id: catalog.id },
    });
    const roleScope = await asB("POST", `${EM}/accessPackages/${accessPackage.id}/resourceRoleScopes`, tokenOfB, {
      role: { originId: `Member_${group.id}` },
    });
    const organization = await asB("POST", `${EM}/connectedOrganizations`, tokenOfB, {
      displayName: "Organization of B",
      identitySources: [{ "@odata.type": "#microsoft.graph.domainIdentitySource", domainName: "only-in-b.example" }],
    });
    const policy = await asB("POST", `${EM}/assignmentPolicies`, tokenOfB, {
      displayName: "Policy of B",
      accessPackage: { id: accessPackage.id },
      allowedTargetScope: "specificConnectedOrganizationUsers",
      specificAllowedTargets: [
        { "@odata.type": "#microsoft.graph.connectedOrganizationMembers", connectedOrganizationId: organization.id },
      ],
    });
    await asB("PATCH", `${EM}/settings`, tokenOfB, { durationUntilExternalUserDeletedAfterBlocked: "P99D" });
    const direct = await asB("POST", `${EM}/assignmentPolicies`, tokenOfB, {
      displayName: "Direct of B",
      accessPackage: { id: accessPackage.id },
      allowedTargetScope: "allDirectoryUsers",
    });
    const assignmentRequest = await asB("POST", `${EM}/assignmentRequests`, tokenOfB, {
      requestType: "adminAdd",
      assignment: { targetId: user.id, assignmentPolicyId: direct.id, accessPackageId: accessPackage.id },
    });
    const assignment = await graph.bed.db.prisma.accessPackageAssignment.findFirstOrThrow({ where: { tenantId: OTHER_TENANT } });
    const approved = await asB("POST", `${EM}/assignmentPolicies`, tokenOfB, {
      displayName: "Approved in B",
      accessPackage: { id: accessPackage.id },
      allowedTargetScope: "allExternalUsers",
      requestApprovalSettings: {
        isApprovalRequiredForAdd: true,
        stages: [{ primaryApprovers: [{ "@odata.type": "#microsoft.graph.singleUser", userId: user.id }] }],
      },
    });
    const pending = await asB("POST", `${EM}/assignmentRequests`, tokenOfB, {
      requestType: "adminAdd",
      assignment: {
        target: { email: "waiting@only-in-b.example" },
        assignmentPolicyId: approved.id,
        accessPackageId: accessPackage.id,
      },
    });
    const stage = await graph.bed.db.prisma.accessPackageApprovalStage.findFirstOrThrow({
      where: { requestId: pending.id as string },
    });
    const audit = await graph.bed.db.prisma.auditEvent.findFirstOrThrow({ where: { tenantId: OTHER_TENANT } });
    b = {
      user: user.id,
      group: group.id as string,
      application: application.id as string,
      appId: application.appId as string,
      keyId: password.keyId as string,
      userAssignment: userAssignment.id as string,
      groupAssignment: groupAssignment.id as string,
      flow: flow.id as string,
      attribute: attribute.id as string,
      audit: audit.id,
      connector: connector.id as string,
      extension: extension.id as string,
      submitExtension: submitExtension.id as string,
      listener: listener.id as string,
      catalog: catalog.id as string,
      accessPackage: accessPackage.id as string,
      roleScope: roleScope.id as string,
      policy: policy.id as string,
      organization: organization.id as string,
      request: assignmentRequest.id as string,
      assignment: assignment.id,
      pending: pending.id as string,
      stage: stage.id,
    };
    before = await rowsOfB();
  });
  afterAll(async () => {
    if (before) expect(await rowsOfB()).toEqual(before);
    expect(graph?.bed.errors).toEqual([]);
    await graph?.bed.close();
  });

  it("A cannot attach B's extensions to its own flow or listener", async () => {
    const created = await graph.call("POST", "v1.0/identity/b2xUserFlows", tokenOfA, { id: "OnlyInA" });
    expect(created.status).toBe(201);
    const flow = (await created.json()) as { id: string };
    const attach = await graph.call(
      "PUT",
      `v1.0/identity/b2xUserFlows/${flow.id}/guestgateCustomAuthenticationExtensions/onAttributeCollectionSubmit/$ref`,
      tokenOfA,
      { "@odata.id": `https://graph.microsoft.com/v1.0/identity/customAuthenticationExtensions/${b.submitExtension}` },
    );
    expect(attach.status).toBe(404);
    const listener = await graph.call("POST", "v1.0/identity/authenticationEventListeners", tokenOfA, {
      "@odata.type": "#microsoft.graph.onTokenIssuanceStartListener",
      conditions: { applications: { includeApplications: [{ appId: b.appId }] } },
      handler: { customExtension: { id: b.extension } },
    });
    expect(listener.status).toBe(400);
    expect(JSON.stringify(await listener.json())).not.toContain("of B");
  });

  const withParameters = GRAPH_ROUTES.filter((route) => route.path.includes("{"));

  it.each(withParameters.map((route) => ({ route, name: `${route.method} ${route.path}` })))(
    "$name with B's ids from A: not found, and nothing of B changes",
    async ({ route }) => {
      const path = route.path.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(parameter(route.path, name, b)));
      const body = route.body ? (bodyFor(route.method, route.path, b, userOfA) ?? {}) : undefined;
      const token = route.access.delegatedOnly ? delegatedOfA : tokenOfA;
      const response = await graph.call(route.method, `v1.0/${path}`, token, body);
      const answer = (await response.json()) as { error?: { code: string; message: string } };
      // A custom attribute's id carries its tenant's extension application id (contract §4.3): B's
      // is not even an attribute id in A, and is refused as such.
      const expected = route.path.startsWith("identity/userFlowAttributes/") ? 400 : 404;
      expect(response.status, `${route.method} ${path}: ${JSON.stringify(answer)}`).toBe(expected);
      expect(answer.error).toMatchObject({ code: expect.any(String), message: expect.any(String) });
      expect(JSON.stringify(answer)).not.toContain("of B");
    },
  );

  it.each(GRAPH_ROUTES.filter((route) => route.method === "GET" && !route.path.includes("{")))(
    "GET $path from A lists nothing of B",
    async ({ path, access }) => {
      // $count is an advanced query (ConsistencyLevel: eventual), as in Graph.
      const response = await graph.call(
        "GET",
        `v1.0/${path}${path.endsWith("$count") ? "?$filter=userType eq 'Guest'" : ""}`,
        access.delegatedOnly ? delegatedOfA : tokenOfA,
        undefined,
        {
          headers: { ConsistencyLevel: "eventual" },
        },
      );
      const text = await response.text();
      // /me is the signed-in administrator's record: an application has none (Graph's 400).
      expect(response.status, `${path}: ${text}`).toBe(path === "me" ? 400 : 200);
      for (const id of [
        b.user,
        b.group,
        b.application,
        b.appId,
        b.flow,
        b.attribute,
        b.audit,
        b.connector,
        b.extension,
        b.submitExtension,
        b.listener,
        b.catalog,
        b.accessPackage,
        b.policy,
        b.organization,
        b.request,
        b.assignment,
        b.pending,
        b.stage,
        "of B",
        "OnlyInB",
        "only-in-b",
        "P99D",
      ])
        expect(text, `${path} shows ${id}`).not.toContain(id);
    },
  );
});
