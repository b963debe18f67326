// Groups, applications, app-role assignments, user flows, the audit log and $batch as the
// unmodified Graph JS client drives them over https against next start (graph-contracts §2–§4, §8),
// on SQLite and PostgreSQL.
import { BatchRequestContent, BatchResponseContent, GraphError } from "@microsoft/microsoft-graph-client";
import { beforeAll, describe, expect, it } from "vitest";
import { graphDatabaseProviders, withGraphServer } from "../support/graph";

describe.each(graphDatabaseProviders())("directory objects through the Graph client (%s)", (provider) => {
  const graph = withGraphServer(provider);
  let userId: string;

  beforeAll(async () => {
    await graph.seedGuests(1, { prefix: "Member" });
    userId = (await graph.prisma().guest.findFirstOrThrow({ where: { displayName: { startsWith: "Member" } } })).id;
  });

  it("creates a group, adds and removes a member by reference, and deletes it", async () => {
    const client = await graph.client();
    const group = await client.api("/groups").post({
      displayName: "Partners",
      mailEnabled: false,
      mailNickname: "partners",
      securityEnabled: true,
    });
    expect(group).toMatchObject({ id: expect.stringMatching(/^[0-9a-f-]{36}$/), displayName: "Partners", groupTypes: [] });
    await client
      .api(`/groups/${group.id}/members/$ref`)
      .post({ "@odata.id": `https://graph.microsoft.com/v1.0/directoryObjects/${userId}` });
    const members = await client.api(`/groups/${group.id}/members`).get();
    expect(members.value.map((m: { id: string; "@odata.type": string }) => [m.id, m["@odata.type"]])).toEqual([
      [userId, "#microsoft.graph.user"],
    ]);
    const again = await client
      .api(`/groups/${group.id}/members/$ref`)
      .post({ "@odata.id": `${graph.serviceRoot()}/users/${userId}` })
      .catch((error: unknown) => error);
    expect(again).toBeInstanceOf(GraphError);
    expect((again as GraphError).statusCode).toBe(400);
    expect(await client.api(`/groups/${group.id}/members/${userId}/$ref`).delete()).toBeUndefined();
    expect(await client.api(`/groups/${group.id}`).delete()).toBeUndefined();
  });

  it("registers an application whose new secret buys tokens until it is removed", async () => {
    const client = await graph.client();
    const application = await client.api("/applications").post({
      displayName: "Partner portal",
      appRoles: [
        {
          id: "1b4f0000-0000-4000-8000-000000000001",
          allowedMemberTypes: ["User"],
          displayName: "Reader",
          description: "Reads",
          value: "Portal.Read",
          isEnabled: true,
        },
      ],
    });
    const password = await client
      .api(`/applications/${application.id}/addPassword`)
      .post({ passwordCredential: { displayName: "ci" } });
    expect(password.secretText).toEqual(expect.any(String));
    const read = await client.api(`applications(appId='${application.appId}')`).get();
    expect(read.passwordCredentials[0]).toMatchObject({ keyId: password.keyId, secretText: null });
    const app = { tenant: "woodgrove", clientId: application.appId, clientSecret: password.secretText };
    expect(await graph.token(app)).toEqual(expect.any(String));

    const assignment = await client
      .api(`/users/${userId}/appRoleAssignments`)
      .post({ principalId: userId, resourceId: application.id, appRoleId: "1b4f0000-0000-4000-8000-000000000001" });
    expect(assignment).toMatchObject({ principalId: userId, resourceId: application.id, principalType: "User" });
    const assignments = await client.api(`/users/${userId}/appRoleAssignments`).get();
    expect(assignments.value.map((a: { id: string }) => a.id)).toContain(assignment.id);

    await client.api(`/applications/${application.id}/removePassword`).post({ keyId: password.keyId });
    await expect(graph.token(app)).rejects.toThrow();
    expect(await client.api(`/applications/${application.id}`).delete()).toBeUndefined();
  });

  it("creates a user flow, reads its attribute order, and deletes it", async () => {
    const client = await graph.client();
    const flow = await client
      .api("/identity/b2xUserFlows")
      .post({ id: "Partners", userFlowType: "signUpOrSignIn", userFlowTypeVersion: 1 });
    expect(flow.id).toBe("B2X_1_partners");
    const order = await client.api(`/identity/b2xUserFlows/${flow.id}/userAttributeAssignments/getOrder`).get();
    expect(order).toEqual(expect.objectContaining({ order: expect.any(Array) }));
    expect(await client.api(`/identity/b2xUserFlows/${flow.id}`).delete()).toBeUndefined();
  });

  it("runs a $batch built by BatchRequestContent, with the tenant prefix in its inner URLs", async () => {
    const client = await graph.client();
    const root = graph.serviceRoot();
    const batch = new BatchRequestContent([
      { id: "1", request: new Request(`${root}/users?$top=1`, { method: "GET" }) },
      { id: "2", request: new Request(`${root}/users/${userId}`, { method: "GET" }) },
      { id: "3", request: new Request(`${root}/groups/00000000-0000-4000-8000-000000000000`, { method: "GET" }) },
    ]);
    const response = new BatchResponseContent(await client.api("/$batch").post(await batch.getContent()));
    expect(response.getResponseById("1").status).toBe(200);
    expect((await response.getResponseById("2").json()).id).toBe(userId);
    expect(response.getResponseById("3").status).toBe(404);
  });

  it("shows the changes in the audit log, filtered by category", async () => {
    const client = await graph.client();
    const audits = await client.api("/auditLogs/directoryAudits").filter("category eq 'GroupManagement'").get();
    expect(audits.value.length).toBeGreaterThan(0);
    expect(audits.value.every((a: { category: string }) => a.category === "GroupManagement")).toBe(true);
    expect(audits.value[0]).toMatchObject({
      result: "success",
      initiatedBy: { app: expect.objectContaining({ appId: expect.any(String) }) },
    });
  });
});
