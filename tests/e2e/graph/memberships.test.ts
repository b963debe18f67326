// Nested groups, owners, transitive memberships, getMemberObjects, group app roles, user PATCH
// and filters on attributes, application If-Match and user-flow PATCH, as the unmodified Graph
// JS client drives them over https against next start (graph-contracts §1–§4), on SQLite and
// PostgreSQL.
import { GraphError } from "@microsoft/microsoft-graph-client";
import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { graphDatabaseProviders, withGraphServer } from "../support/graph";

const status = (promise: Promise<unknown>) =>
  promise.then(
    () => 200,
    (error: unknown) => (error instanceof GraphError ? error.statusCode : -1),
  );

describe.each(graphDatabaseProviders())("memberships and PATCHes through the Graph client (%s)", (provider) => {
  const graph = withGraphServer(provider);
  let ana: string;

  beforeAll(async () => {
    await graph.seedGuests(1, { prefix: "Nested" });
    ana = (await graph.prisma().guest.findFirstOrThrow({ where: { displayName: { startsWith: "Nested" } } })).id;
  });

  const newGroup = async (displayName: string) =>
    (
      (await (await graph.client()).api("/groups").post({
        displayName,
        mailEnabled: false,
        mailNickname: displayName.toLowerCase(),
        securityEnabled: true,
      })) as { id: string }
    ).id;

  it("nests groups, refuses a cycle, and answers transitive reads and getMemberObjects", async () => {
    const client = await graph.client();
    const outer = await newGroup("Outer");
    const inner = await newGroup("Inner");
    await client.api(`/groups/${outer}/members/$ref`).post({ "@odata.id": `${graph.serviceRoot()}/groups/${inner}` });
    await client.api(`/groups/${inner}/members/$ref`).post({ "@odata.id": `${graph.serviceRoot()}/users/${ana}` });
    expect(
      await status(client.api(`/groups/${inner}/members/$ref`).post({ "@odata.id": `${graph.serviceRoot()}/groups/${outer}` })),
    ).toBe(400);
    const members = await client.api(`/groups/${outer}/transitiveMembers`).get();
    expect(members.value.map((m: { id: string }) => m.id).sort()).toEqual([ana, inner].sort());
    const memberOf = await client.api(`/users/${ana}/transitiveMemberOf`).get();
    expect(memberOf.value.map((g: { id: string }) => g.id).sort()).toEqual([inner, outer].sort());
    const objects = await client.api(`/users/${ana}/getMemberObjects`).post({ securityEnabledOnly: true });
    expect(objects.value).toEqual([inner, outer].sort());
    await client.api(`/groups/${outer}/owners/$ref`).post({ "@odata.id": `${graph.serviceRoot()}/users/${ana}` });
    expect((await client.api(`/groups/${outer}/owners`).get()).value.map((o: { id: string }) => o.id)).toEqual([ana]);
  });

  it("assigns an app role to a group, and keeps the role until the assignment is gone", async () => {
    const client = await graph.client();
    const roleId = randomUUID();
    const role = {
      id: roleId,
      value: "Partner.Read",
      displayName: "Read",
      description: "",
      allowedMemberTypes: ["User"],
      isEnabled: true,
    };
    const app = (await client.api("/applications").post({ displayName: "Portal", appRoles: [role] })) as { id: string };
    const group = await newGroup("Readers");
    const assignment = (await client
      .api(`/groups/${group}/appRoleAssignments`)
      .post({ principalId: group, resourceId: app.id, appRoleId: roleId })) as { id: string; principalType: string };
    expect(assignment.principalType).toBe("Group");
    await client.api(`/applications/${app.id}`).patch({ appRoles: [{ ...role, isEnabled: false }] });
    expect(await status(client.api(`/applications/${app.id}`).patch({ appRoles: [] }))).toBe(400);
    await client.api(`/groups/${group}/appRoleAssignments/${assignment.id}`).delete();
    await client.api(`/applications/${app.id}`).patch({ appRoles: [] });
  });

  it("patches a user and finds it by an attribute property, and refuses endsWith by name", async () => {
    const client = await graph.client();
    await client.api(`/users/${ana}`).patch({ city: "Utrecht", jobTitle: "Buyer" });
    const found = await client.api("/users").filter("city eq 'Utrecht' and startsWith(jobTitle,'Buy')").select("id,city").get();
    expect(found.value).toEqual([{ id: ana, city: "Utrecht" }]);
    const suffix = await client
      .api("/users")
      .header("ConsistencyLevel", "eventual")
      .count(true)
      .filter("endsWith(mail,'@example.com')")
      .get()
      .catch((error: unknown) => error);
    expect((suffix as GraphError).statusCode).toBe(400);
    expect((suffix as GraphError).message).toContain("endsWith");
  });

  it("answers a stale If-Match on an application with 412", async () => {
    const client = await graph.client();
    const app = (await client.api("/applications").post({ displayName: "Etagged" })) as { id: string };
    const response = await fetch(`${graph.serviceRoot()}/applications/${app.id}`, {
      headers: { authorization: `Bearer ${await graph.token(await graph.register(["Application.ReadWrite.All"]))}` },
    });
    const etag = response.headers.get("etag")!;
    expect(etag).toMatch(/^W\/"\d+"$/);
    await client.api(`/applications/${app.id}`).header("If-Match", etag).patch({ displayName: "Once" });
    expect(await status(client.api(`/applications/${app.id}`).header("If-Match", etag).patch({ displayName: "Twice" }))).toBe(
      412,
    );
  });

  it("patches a user flow found by its id in any case", async () => {
    const client = await graph.client();
    await client.api("/identity/b2xUserFlows").post({ id: "Patched" });
    const appId = randomUUID();
    await client.api("/identity/b2xUserFlows/b2x_1_PATCHED").patch({ guestgateApplications: [appId] });
    const flow = await client.api("/identity/b2xUserFlows/B2X_1_Patched").get();
    expect(flow).toMatchObject({ id: "B2X_1_patched", guestgateApplications: [appId] });
    await client.api("/identity/b2xUserFlows/B2X_1_patched").delete();
  });
});
