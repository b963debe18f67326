// Nested groups, owners and transitive memberships (contract §3.1) through an unmodified
// @microsoft/microsoft-graph-client over the in-process API, on SQLite and (with
// TEST_DATABASE_URL) PostgreSQL: groups as members with cycles refused, members and
// transitiveMembers as directoryObjects, memberOf / transitiveMemberOf, getMemberObjects and
// getMemberGroups, owners by $ref, and tenant isolation of every one.
import { PageIterator, type Client, type GraphError } from "@microsoft/microsoft-graph-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDatabaseProviders } from "../../helpers/database";
import { OTHER_TENANT, TENANT } from "../oidc/harness";
import { createGraphBed, type GraphBed } from "./api-bed";

const ref = (collection: string, id: string) => ({ "@odata.id": `https://graph.microsoft.com/v1.0/${collection}/${id}` });

async function refusal(promise: Promise<unknown>): Promise<GraphError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error, "the call should have failed").toBeDefined();
  return error as GraphError;
}

describe.each(testDatabaseProviders())("nested groups, owners and transitive memberships on %s", (provider) => {
  let graph: GraphBed;
  let client: Client;
  let reader: Client;
  let foreign: Client;
  let ana: string;
  let ben: string;
  let cleo: string;

  const newGroup = async (displayName: string, extra: Record<string, unknown> = {}) =>
    (
      (await client.api("/groups").post({
        displayName,
        mailEnabled: false,
        mailNickname: displayName.replace(/\W/g, "").toLowerCase(),
        securityEnabled: true,
        ...extra,
      })) as { id: string }
    ).id;
  const ids = (page: { value: { id: string }[] }) => page.value.map((item) => item.id).sort();

  beforeAll(async () => {
    graph = await createGraphBed(provider);
    client = graph.client(await graph.appToken(["Group.ReadWrite.All", "GroupMember.ReadWrite.All"]));
    reader = graph.client(await graph.appToken(["User.Read.All"]));
    foreign = graph.client(await graph.appToken(["Group.ReadWrite.All", "User.Read.All"], OTHER_TENANT), OTHER_TENANT);
    ana = await graph.bed.guest({ displayName: "Ana Berg" });
    ben = await graph.bed.guest({ displayName: "Ben Holm" });
    cleo = await graph.bed.guest({ displayName: "Cleo Dufour" });
  });
  afterAll(async () => {
    expect(graph?.bed.errors).toEqual([]);
    await graph?.bed.close();
  });

  it("takes a group as a member of a group, lists both kinds, and walks them transitively", async () => {
    const partners = await newGroup("Partners");
    const suppliers = await newGroup("Suppliers");
    const carriers = await newGroup("Carriers", { securityEnabled: false });
    await client.api(`/groups/${partners}/members/$ref`).post(ref("users", ana));
    await client.api(`/groups/${partners}/members/$ref`).post(ref("groups", suppliers));
    await client.api(`/groups/${suppliers}/members/$ref`).post(ref("directoryObjects", ben));
    // Graph's bind in a PATCH takes groups too.
    await client.api(`/groups/${suppliers}`).patch({ "members@odata.bind": [ref("groups", carriers)["@odata.id"]] });
    await client.api(`/groups/${carriers}/members/$ref`).post(ref("users", cleo));

    const direct = (await client.api(`/groups/${partners}/members`).get()) as { value: Record<string, unknown>[] };
    expect(direct.value.map((item) => [item["@odata.type"], item.id]).sort()).toEqual(
      [
        ["#microsoft.graph.user", ana],
        ["#microsoft.graph.group", suppliers],
      ].sort(),
    );
    const all = await client.api(`/groups/${partners}/transitiveMembers`).get();
    expect(ids(all)).toEqual([ana, ben, cleo, suppliers, carriers].sort());

    // Paged one at a time: PageIterator follows the nextLinks through users and groups alike.
    const seen: string[] = [];
    const first = await client.api(`/groups/${partners}/transitiveMembers`).top(1).get();
    await new PageIterator(client, first, (item: { id: string }) => {
      seen.push(item.id);
      return true;
    }).iterate();
    expect(seen).toEqual([ana, ben, cleo, suppliers, carriers].sort());

    // Cleo is in Carriers only; transitively also in Suppliers and Partners.
    expect(ids(await client.api(`/users/${cleo}/memberOf`).get())).toEqual([carriers]);
    const transitive = await client.api(`/users/${cleo}/transitiveMemberOf`).get();
    expect(ids(transitive)).toEqual([partners, suppliers, carriers].sort());
    expect(transitive.value.every((item: Record<string, unknown>) => item["@odata.type"] === "#microsoft.graph.group")).toBe(
      true,
    );

    // getMemberObjects (the overage claim's endpoint) with only User.Read.All; securityEnabledOnly
    // leaves out Carriers, which is not a security group.
    const objects = await reader.api(`/users/${cleo}/getMemberObjects`).post({ securityEnabledOnly: false });
    expect(objects.value).toEqual([partners, suppliers, carriers].sort());
    const security = await reader.api(`/users/${cleo}/getMemberGroups`).post({ securityEnabledOnly: true });
    expect(security.value).toEqual([partners, suppliers].sort());

    // Removing the nested group by $ref cuts the walk.
    await client.api(`/groups/${partners}/members/${suppliers}/$ref`).delete();
    expect(ids(await client.api(`/users/${cleo}/transitiveMemberOf`).get())).toEqual([suppliers, carriers].sort());
  });

  it("refuses a cycle, a group in itself and a group in a Microsoft 365 group, writing nothing", async () => {
    const top = await newGroup("Top");
    const middle = await newGroup("Middle");
    const bottom = await newGroup("Bottom");
    await client.api(`/groups/${top}/members/$ref`).post(ref("groups", middle));
    await client.api(`/groups/${middle}/members/$ref`).post(ref("groups", bottom));
    const before = await graph.bed.db.prisma.groupNesting.count();

    const cycle = await refusal(client.api(`/groups/${bottom}/members/$ref`).post(ref("groups", top)));
    expect(cycle.statusCode).toBe(400);
    expect(cycle.code).toBe("Request_BadRequest");
    expect(cycle.message).toMatch(/circular/);
    const itself = await refusal(client.api(`/groups/${top}/members/$ref`).post(ref("groups", top)));
    expect(itself.statusCode).toBe(400);
    // All or nothing: the bind carries a fine user and a cycle.
    const bound = await refusal(
      client
        .api(`/groups/${bottom}`)
        .patch({ "members@odata.bind": [ref("users", ana)["@odata.id"], ref("groups", middle)["@odata.id"]] }),
    );
    expect(bound.statusCode).toBe(400);
    const unified = await newGroup("Team", { groupTypes: ["Unified"], mailEnabled: true });
    expect((await refusal(client.api(`/groups/${unified}/members/$ref`).post(ref("groups", bottom)))).statusCode).toBe(400);
    const again = await refusal(client.api(`/groups/${top}/members/$ref`).post(ref("groups", middle)));
    expect(again.message).toBe(
      "One or more added object references already exist for the following modified properties: 'members'.",
    );

    expect(await graph.bed.db.prisma.groupNesting.count()).toBe(before);
    expect(await graph.bed.db.prisma.groupMember.count({ where: { groupId: bottom } })).toBe(0);
  });

  it("adds, lists and removes owners by $ref, audited with the calling application", async () => {
    const group = await newGroup("Owned");
    await client.api(`/groups/${group}/owners/$ref`).post(ref("users", ana));
    await client.api(`/groups/${group}/owners/$ref`).post(ref("directoryObjects", ben));
    const owners = (await client.api(`/groups/${group}/owners`).get()) as { value: Record<string, unknown>[] };
    expect(ids(owners as { value: { id: string }[] })).toEqual([ana, ben].sort());
    expect(owners.value[0]).toMatchObject({ "@odata.type": "#microsoft.graph.user", displayName: expect.any(String) });

    const twice = await refusal(client.api(`/groups/${group}/owners/$ref`).post(ref("users", ana)));
    expect(twice.message).toBe(
      "One or more added object references already exist for the following modified properties: 'owners'.",
    );
    // Owners are users: a group is refused by collection, and by id under directoryObjects.
    expect((await refusal(client.api(`/groups/${group}/owners/$ref`).post(ref("groups", group)))).statusCode).toBe(400);
    expect((await refusal(client.api(`/groups/${group}/owners/$ref`).post(ref("directoryObjects", group)))).statusCode).toBe(404);

    await client.api(`/groups/${group}/owners/${ben}/$ref`).delete();
    expect(ids(await client.api(`/groups/${group}/owners`).get())).toEqual([ana]);
    expect((await refusal(client.api(`/groups/${group}/owners/${ben}/$ref`).delete())).statusCode).toBe(404);

    const events = await graph.bed.db.prisma.auditEvent.findMany({
      where: { targetId: group, type: { in: ["group.ownerAdded", "group.ownerRemoved"] } },
      orderBy: { createdAt: "asc" },
    });
    expect(events.map((event) => [event.type, event.actorType])).toEqual([
      ["group.ownerAdded", "application"],
      ["group.ownerAdded", "application"],
      ["group.ownerRemoved", "application"],
    ]);
    const audits = await graph
      .client(await graph.appToken(["AuditLog.Read.All"]))
      .api("/auditLogs/directoryAudits")
      .filter(`targetResources/any(t:t/id eq '${group}') and activityDisplayName eq 'Add owner to group'`)
      .get();
    expect(audits.value).toHaveLength(2);
    expect(audits.value[0]).toMatchObject({ category: "GroupManagement", operationType: "Add" });
  });

  it("needs a group permission to write and refuses readers", async () => {
    const group = await newGroup("Guarded");
    const denied = await refusal(reader.api(`/groups/${group}/owners/$ref`).post(ref("users", ana)));
    expect(denied.statusCode).toBe(403);
    expect(denied.code).toBe("Authorization_RequestDenied");
    expect((await refusal(reader.api(`/groups/${group}/members/$ref`).post(ref("groups", group)))).statusCode).toBe(403);
    // A member-only app may not read getMemberObjects' body shape wrong either: securityEnabledOnly is required.
    expect((await refusal(reader.api(`/users/${ana}/getMemberObjects`).post({}))).statusCode).toBe(400);
  });

  it("keeps every relation inside its tenant", async () => {
    const group = await newGroup("Local");
    await client.api(`/groups/${group}/members/$ref`).post(ref("users", ana));
    const theirs = (await foreign
      .api("/groups")
      .post({ displayName: "Theirs", mailEnabled: false, mailNickname: "theirs", securityEnabled: true })) as { id: string };

    for (const path of [
      `/groups/${group}/transitiveMembers`,
      `/groups/${group}/owners`,
      `/users/${ana}/transitiveMemberOf`,
      `/users/${ana}/memberOf`,
    ])
      expect((await refusal(foreign.api(path).get())).statusCode, path).toBe(404);
    expect((await refusal(foreign.api(`/users/${ana}/getMemberObjects`).post({ securityEnabledOnly: false }))).statusCode).toBe(
      404,
    );
    // Neither side can pull the other's group in as a member, nor make the other's user an owner.
    expect((await refusal(foreign.api(`/groups/${theirs.id}/members/$ref`).post(ref("groups", group)))).statusCode).toBe(404);
    expect((await refusal(client.api(`/groups/${group}/members/$ref`).post(ref("groups", theirs.id)))).statusCode).toBe(404);
    expect((await refusal(foreign.api(`/groups/${theirs.id}/owners/$ref`).post(ref("users", ana)))).statusCode).toBe(404);
    expect(await graph.bed.db.prisma.groupNesting.count({ where: { tenantId: OTHER_TENANT } })).toBe(0);
    expect(await graph.bed.db.prisma.groupOwner.count({ where: { tenantId: OTHER_TENANT } })).toBe(0);
    expect(TENANT).not.toBe(OTHER_TENANT);
  });
});
