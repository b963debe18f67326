// App roles assigned to groups and the groups claim with nesting (contract §3.2, §3.3), set up
// through an unmodified @microsoft/microsoft-graph-client over the in-process API, then read in
// the ID and access tokens of an authorization-code flow; and the groups overage claim's endpoint
// answering what the token points at. SQLite and (with TEST_DATABASE_URL) PostgreSQL.
import type { Client, GraphError } from "@microsoft/microsoft-graph-client";
import { randomUUID } from "node:crypto";
import { decodeJwt } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appRoleId } from "../../../app/_lib/oidc";
import { testDatabaseProviders } from "../../helpers/database";
import { basicAuth, obtainCode, OTHER_TENANT, REDIRECT, TENANT, tokenRequest } from "../oidc/harness";
import { createGraphBed, type GraphBed } from "./api-bed";

const role = (value: string) => ({ value, displayName: value, description: value, allowedMemberTypes: ["User" as const] });
const ref = (collection: string, id: string) => ({ "@odata.id": `https://graph.microsoft.com/v1.0/${collection}/${id}` });

describe.each(testDatabaseProviders())("app roles of groups and nested groups in tokens on %s", (provider) => {
  let graph: GraphBed;
  let client: Client;
  let web: { clientId: string; secret: string };
  let applicationId: string;
  let guest: string;
  let partners: string;
  let suppliers: string;

  const newGroup = async (displayName: string) =>
    (
      (await client.api("/groups").post({
        displayName,
        mailEnabled: false,
        mailNickname: displayName.toLowerCase(),
        securityEnabled: true,
      })) as { id: string }
    ).id;

  const tokens = async () => {
    const { code, verifier } = await obtainCode(graph.bed, { clientId: web.clientId, guestId: guest, scope: "openid" });
    const response = await tokenRequest(
      graph.bed,
      { grant_type: "authorization_code", code, redirect_uri: REDIRECT, code_verifier: verifier },
      basicAuth(web.clientId, web.secret),
    );
    expect(response.status).toBe(200);
    const body = (await response.json()) as { id_token: string; access_token: string };
    return [decodeJwt(body.id_token), decodeJwt(body.access_token)];
  };

  beforeAll(async () => {
    graph = await createGraphBed(provider);
    client = graph.client(
      await graph.appToken(["Group.ReadWrite.All", "GroupMember.ReadWrite.All", "AppRoleAssignment.ReadWrite.All"]),
    );
    web = await graph.bed.confidentialClient({
      grantTypes: ["authorization_code"],
      appRoles: [role("Partner.Read"), role("Partner.Write"), role("Supplier.Read")],
    });
    const application = await graph.bed.db.prisma.application.update({
      where: { clientId: web.clientId },
      data: { groupMembershipClaims: "SecurityGroup" },
    });
    applicationId = application.id;
    guest = await graph.bed.guest({ displayName: "Ana Berg" });
    // Ana is a direct member of Suppliers, which is nested in Partners.
    partners = await newGroup("Partners");
    suppliers = await newGroup("Suppliers");
    await client.api(`/groups/${partners}/members/$ref`).post(ref("groups", suppliers));
    await client.api(`/groups/${suppliers}/members/$ref`).post(ref("users", guest));
  });
  afterAll(async () => {
    expect(graph?.bed.errors).toEqual([]);
    await graph?.bed.close();
  });

  it("gives direct members a group's app role, not members of a nested group, and lists groups transitively", async () => {
    const assign = (group: string, value: string) =>
      client.api(`/groups/${group}/appRoleAssignments`).post({
        principalId: group,
        resourceId: applicationId,
        appRoleId: appRoleId(web.clientId, { value }),
      });
    const created = await assign(suppliers, "Supplier.Read");
    expect(created).toMatchObject({
      principalId: suppliers,
      principalType: "Group",
      principalDisplayName: "Suppliers",
      resourceId: applicationId,
      appRoleId: appRoleId(web.clientId, { value: "Supplier.Read" }),
    });
    expect(created.id).toEqual(expect.any(String));
    // Partners holds a role too, but Ana is only in it through Suppliers (Entra: direct members only).
    await assign(partners, "Partner.Write");

    for (const claims of await tokens()) {
      expect(claims.roles).toEqual(["Supplier.Read"]);
      expect(claims.groups).toEqual([partners, suppliers].sort());
    }

    const listed = await client.api(`/groups/${suppliers}/appRoleAssignments`).get();
    expect(listed.value.map((item: { id: string }) => item.id)).toEqual([created.id]);
    const duplicate = await assign(suppliers, "Supplier.Read").catch((error: GraphError) => error);
    expect((duplicate as GraphError).statusCode).toBe(400);

    await client.api(`/groups/${suppliers}/appRoleAssignments/${created.id}`).delete();
    for (const claims of await tokens()) expect(claims.roles).toBeUndefined();
    const events = await graph.bed.db.prisma.auditEvent.findMany({
      where: { targetId: suppliers, type: { startsWith: "group.appRoleAssignment" } },
      orderBy: { createdAt: "asc" },
    });
    expect(events.map((event) => [event.type, event.actorType])).toEqual([
      ["group.appRoleAssignmentAdded", "application"],
      ["group.appRoleAssignmentRemoved", "application"],
    ]);
  });

  it("refuses another tenant's group, an unknown role, and a principal that is not the group in the path", async () => {
    const foreign = graph.client(await graph.appToken(["AppRoleAssignment.ReadWrite.All"], OTHER_TENANT), OTHER_TENANT);
    const body = {
      principalId: suppliers,
      resourceId: applicationId,
      appRoleId: appRoleId(web.clientId, { value: "Partner.Read" }),
    };
    const status = (promise: Promise<unknown>) =>
      promise.then(
        () => 200,
        (error: GraphError) => error.statusCode,
      );
    expect(await status(foreign.api(`/groups/${suppliers}/appRoleAssignments`).post(body))).toBe(404);
    expect(await status(foreign.api(`/groups/${suppliers}/appRoleAssignments`).get())).toBe(404);
    expect(await status(client.api(`/groups/${suppliers}/appRoleAssignments`).post({ ...body, appRoleId: randomUUID() }))).toBe(
      400,
    );
    expect(await status(client.api(`/groups/${partners}/appRoleAssignments`).post(body))).toBe(400);
    expect(await graph.bed.db.prisma.groupAppRoleAssignment.count({ where: { groupId: suppliers } })).toBe(0);
  });

  it("answers the groups overage claim at the endpoint the token names", async () => {
    const many = Array.from({ length: 201 }, (_, index) => ({
      id: randomUUID(),
      tenantId: TENANT,
      displayName: `Overage ${index}`,
      mailNickname: `overage${index}`,
    }));
    await graph.bed.db.prisma.group.createMany({ data: many });
    await graph.bed.db.prisma.groupMember.createMany({
      data: many.map((group) => ({ groupId: group.id, tenantId: TENANT, guestId: guest })),
    });
    const [idToken] = await tokens();
    expect(idToken!.groups).toBeUndefined();
    const endpoint = (idToken!._claim_sources as { src1: { endpoint: string } }).src1.endpoint;
    // The Graph client takes the absolute https URL as it is (contract §0.1).
    const reader = graph.client(await graph.appToken(["User.Read.All"]));
    const answer = await reader.api(endpoint).post({ securityEnabledOnly: false });
    expect(answer.value).toEqual([...many.map((group) => group.id), partners, suppliers].sort());
  });
});
