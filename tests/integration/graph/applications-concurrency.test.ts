// PATCH /applications/{id} with optimistic concurrency (ETag on GET, If-Match → 412 when stale,
// concurrent PATCHes each applied, none lost) and the refusal to remove an app role that is still
// assigned to a user or a group, through an unmodified @microsoft/microsoft-graph-client over the
// in-process API, on SQLite and (with TEST_DATABASE_URL) PostgreSQL.
import type { Client, GraphError } from "@microsoft/microsoft-graph-client";
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDatabaseProviders } from "../../helpers/database";
import { createGraphBed, type GraphBed } from "./api-bed";

const role = (value: string, isEnabled = true) => ({
  id: randomUUID(),
  value,
  displayName: value,
  description: value,
  allowedMemberTypes: ["User"],
  isEnabled,
});

describe.each(testDatabaseProviders())("application PATCH concurrency and assigned roles on %s", (provider) => {
  let graph: GraphBed;
  let client: Client;
  let token: string;

  const create = async (appRoles: ReturnType<typeof role>[] = []) =>
    (await client.api("/applications").post({ displayName: "Partner portal", appRoles })) as { id: string };
  const etagOf = async (id: string) => {
    const response = await graph.call("GET", `v1.0/applications/${id}`, token);
    expect(response.status).toBe(200);
    return response.headers.get("etag")!;
  };

  beforeAll(async () => {
    graph = await createGraphBed(provider);
    token = await graph.appToken(["Application.ReadWrite.All", "AppRoleAssignment.ReadWrite.All", "Group.ReadWrite.All"]);
    client = graph.client(token);
  });
  afterAll(async () => {
    expect(graph?.bed.errors).toEqual([]);
    await graph?.bed.close();
  });

  it("answers If-Match with 412 once the application changed, and applies a matching one", async () => {
    const app = await create();
    const etag = await etagOf(app.id);
    expect(etag).toMatch(/^W\/"\d+"$/);
    await client.api(`/applications/${app.id}`).header("If-Match", etag).patch({ displayName: "First" });
    const stale = await client
      .api(`/applications/${app.id}`)
      .header("If-Match", etag)
      .patch({ displayName: "Second" })
      .catch((error: GraphError) => error);
    expect((stale as GraphError).statusCode).toBe(412);
    expect((stale as GraphError).code).toBe("PreconditionFailed");
    expect(((await client.api(`/applications/${app.id}`).get()) as { displayName: string }).displayName).toBe("First");
    const forged = await client
      .api(`/applications/${app.id}`)
      .header("If-Match", '"nope"')
      .patch({ displayName: "Third" })
      .catch((error: GraphError) => error);
    expect((forged as GraphError).statusCode).toBe(412);
    await client.api(`/applications/${app.id}`).header("If-Match", "*").patch({ displayName: "Fourth" });
    expect(await etagOf(app.id)).not.toBe(etag);
  });

  it("loses no change when PATCHes race: each reads again and applies its own", async () => {
    const app = await create();
    await Promise.all([
      client.api(`/applications/${app.id}`).patch({ displayName: "Racing" }),
      client.api(`/applications/${app.id}`).patch({ groupMembershipClaims: "SecurityGroup" }),
      client.api(`/applications/${app.id}`).patch({ web: { homePageUrl: "https://portal.example/" } }),
    ]);
    const read = (await client.api(`/applications/${app.id}`).get()) as Record<string, unknown>;
    expect(read).toMatchObject({
      displayName: "Racing",
      groupMembershipClaims: "SecurityGroup",
      web: expect.objectContaining({ homePageUrl: "https://portal.example/" }),
    });
    const events = await graph.bed.db.prisma.auditEvent.count({
      where: { type: "application.updated", correlationId: { not: null } },
    });
    expect(events).toBeGreaterThanOrEqual(3);
  });

  it("refuses to remove an app role that is still assigned, to a user or a group, until the assignment goes", async () => {
    const reader = role("Partner.Read");
    const writer = role("Partner.Write");
    const app = await create([reader, writer]);
    const guest = await graph.bed.guest({ displayName: "Ana Berg" });
    const group = (await client
      .api("/groups")
      .post({ displayName: "Partners", mailEnabled: false, mailNickname: "partners", securityEnabled: true })) as { id: string };
    const toUser = (await client
      .api(`/users/${guest}/appRoleAssignments`)
      .post({ principalId: guest, resourceId: app.id, appRoleId: reader.id })) as { id: string };
    const toGroup = (await client
      .api(`/groups/${group.id}/appRoleAssignments`)
      .post({ principalId: group.id, resourceId: app.id, appRoleId: writer.id })) as { id: string };
    // Disabled first, as Graph asks, then removal: refused while assigned.
    await client.api(`/applications/${app.id}`).patch({
      appRoles: [
        { ...reader, isEnabled: false },
        { ...writer, isEnabled: false },
      ],
    });
    for (const remaining of [[{ ...writer, isEnabled: false }], [{ ...reader, isEnabled: false }]]) {
      const refused = await client
        .api(`/applications/${app.id}`)
        .patch({ appRoles: remaining })
        .catch((error: GraphError) => error);
      expect((refused as GraphError).statusCode).toBe(400);
      expect((refused as GraphError).code).toBe("Request_BadRequest");
      expect((refused as GraphError).message).toMatch(/still assigned/);
    }
    const stored = await graph.bed.db.prisma.application.findUniqueOrThrow({ where: { id: app.id } });
    expect((JSON.parse(stored.appRoles) as unknown[]).length).toBe(2);

    await client.api(`/users/${guest}/appRoleAssignments/${toUser.id}`).delete();
    await client.api(`/applications/${app.id}`).patch({ appRoles: [{ ...writer, isEnabled: false }] });
    await client.api(`/groups/${group.id}/appRoleAssignments/${toGroup.id}`).delete();
    await client.api(`/applications/${app.id}`).patch({ appRoles: [] });
    const emptied = (await client.api(`/applications/${app.id}`).get()) as { appRoles: unknown[] };
    expect(emptied.appRoles).toEqual([]);
  });
});
