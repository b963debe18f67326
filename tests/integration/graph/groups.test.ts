// Groups, members and app-role assignments through their Graph routes' handle(), with the real
// services on a real database (SQLite, and PostgreSQL with TEST_DATABASE_URL): shapes (contract
// §3.1, §3.2), paging, the duplicate-member message, tenant isolation and audit events with actor.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDirectoryStore, createGroupStore } from "../../../app/_lib/db";
import {
  createAppRoleAssignmentService,
  createCursorCodec,
  createDirectoryService,
  createGroupService,
  type Actor,
} from "../../../app/_lib/directory";
import { GRAPH_ROUTES, GraphError, type GraphRequest, type GraphResult, type GraphServices } from "../../../app/_lib/graph";
import { graphRequest } from "../../../app/_lib/graph/testing/request";
import { appRoleId } from "../../../app/_lib/oidc";
import { createTestDatabase, testDatabaseProviders, type TestDatabase } from "../../helpers/database";

const TENANT = "woodgrove";
const OTHER = "contoso";
const admin: Actor = { type: "administrator", id: "admin-1", role: "userAdministrator" };
const reader: Actor = { type: "application", clientId: "reader-app", permissions: ["Group.Read.All"] };
// One codec for the run, as the API keeps one: a token must decode on the next page.
const cursors = createCursorCodec(new Uint8Array(32).fill(7));
const assigner: Actor = { type: "application", clientId: "assigner-app", permissions: ["AppRoleAssignment.ReadWrite.All"] };

function route(method: string, path: string) {
  const found = GRAPH_ROUTES.find((candidate) => candidate.method === method && candidate.path === path);
  if (!found) throw new Error(`no route ${method} ${path}`);
  return found;
}

describe.each(testDatabaseProviders())("groups and app-role assignments through Graph routes, on %s", (provider) => {
  let db: TestDatabase;
  let services: GraphServices;
  let ana: string;
  let ben: string;
  let stranger: string;
  let application: { id: string; clientId: string };

  async function call(
    method: string,
    path: string,
    fields: Partial<Omit<GraphRequest, "services" | "query">> & { query?: Partial<GraphRequest["query"]> } = {},
  ): Promise<GraphResult> {
    const target = route(method, path);
    const body = target.body && fields.body !== undefined ? target.body.parse(fields.body) : fields.body;
    return target.handle(graphRequest(services, { actor: admin, cursors, method: target.method, ...fields, body }));
  }

  async function failure(promise: Promise<unknown>): Promise<GraphError> {
    const error = await promise.then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(GraphError);
    return error as GraphError;
  }

  const guest = async (tenantId: string, displayName: string) =>
    (
      await db.prisma.guest.create({
        data: { tenantId, userType: "Guest", createdVia: "admin", displayName, email: `${randomUUID()}@example.org` },
      })
    ).id;

  const newGroup = async (displayName: string) => {
    const result = await call("POST", "groups", {
      body: { displayName, mailEnabled: false, mailNickname: displayName.replace(/\W/g, ""), securityEnabled: true },
    });
    return (result as { body: Record<string, unknown> }).body;
  };

  beforeAll(async () => {
    db = await createTestDatabase(provider);
    const store = createGroupStore(db.prisma);
    // The group and assignment routes call only these three.
    services = <GraphServices>{
      directory: createDirectoryService({
        store: createDirectoryStore(db.prisma),
        clock: { now: () => new Date() },
        cursorKey: new Uint8Array(32),
      }),
      groups: createGroupService(store),
      appRoleAssignments: createAppRoleAssignmentService(store),
    };
    ana = await guest(TENANT, "Ana Berg");
    ben = await guest(TENANT, "Ben Okafor");
    stranger = await guest(OTHER, "Someone Else");
    const clientId = randomUUID();
    application = await db.prisma.application.create({
      data: {
        tenantId: TENANT,
        clientId,
        name: "Partner Portal",
        clientType: "confidential",
        // An old row's role without id, a new one with id, a disabled one.
        appRoles: JSON.stringify([
          { value: "Reader", displayName: "Reader", description: "", allowedMemberTypes: ["User"] },
          {
            id: "1b4f0000-0000-4000-8000-000000000001",
            value: "Writer",
            displayName: "Writer",
            description: "",
            allowedMemberTypes: ["User"],
          },
        ]),
      },
      select: { id: true, clientId: true },
    });
  });

  afterAll(async () => {
    await db?.drop();
  });

  it("creates, gets, updates and deletes a group in Graph's shape, with audit events naming the actor", async () => {
    const created = await newGroup("Partners");
    expect(created).toMatchObject({
      displayName: "Partners",
      description: null,
      mailEnabled: false,
      mailNickname: "Partners",
      securityEnabled: true,
      mail: null,
      groupTypes: [],
      visibility: null,
      isAssignableToRole: false,
    });
    const id = created.id as string;
    expect(created.createdDateTime).toMatch(/Z$/);

    await expect(call("PATCH", "groups/{id}", { params: { id }, body: { description: "External partners" } })).resolves.toEqual({
      status: 204,
    });
    const read = await call("GET", "groups/{id}", { params: { id }, actor: reader });
    expect((read as { body: Record<string, unknown> }).body.description).toBe("External partners");

    await expect(call("DELETE", "groups/{id}", { params: { id } })).resolves.toEqual({ status: 204 });
    expect((await failure(call("GET", "groups/{id}", { params: { id } }))).status).toBe(404);

    const events = await db.prisma.auditEvent.findMany({
      where: { tenantId: TENANT, targetId: id },
      orderBy: { createdAt: "asc" },
    });
    expect(events.map((event) => [event.type, event.actorType, event.actorId])).toEqual([
      ["group.created", "administrator", "admin-1"],
      ["group.updated", "administrator", "admin-1"],
      ["group.deleted", "administrator", "admin-1"],
    ]);
  });

  it("refuses a reader's write before touching anything", async () => {
    const error = await failure(
      call("POST", "groups", {
        actor: reader,
        body: { displayName: "X", mailEnabled: false, mailNickname: "x", securityEnabled: true },
      }),
    );
    expect([error.status, error.code]).toEqual([403, "Authorization_RequestDenied"]);
  });

  it("lists by displayName with keyset pages and filters", async () => {
    for (const name of ["Paging C", "Paging A", "Paging B"]) await newGroup(name);
    const filter = { kind: "function", name: "startsWith", property: "displayName", value: "Paging" } as const;
    const first = (await call("GET", "groups", { query: { filter, top: 2 } })) as { body: Record<string, unknown> };
    expect((first.body.value as { displayName: string }[]).map((group) => group.displayName)).toEqual(["Paging A", "Paging B"]);
    const link = new URL(first.body["@odata.nextLink"] as string);
    const skipToken = link.searchParams.get("$skiptoken")!;
    const second = (await call("GET", "groups", { query: { filter, top: 2, skipToken } })) as { body: Record<string, unknown> };
    expect((second.body.value as { displayName: string }[]).map((group) => group.displayName)).toEqual(["Paging C"]);
    expect(second.body["@odata.nextLink"]).toBeUndefined();

    const eq = (await call("GET", "groups", {
      query: { filter: { kind: "compare", op: "eq", property: "displayName", value: "Paging B" } },
    })) as unknown as { body: { value: { id: string }[] } };
    expect(eq.body.value).toHaveLength(1);
    const byId = (await call("GET", "groups", {
      query: { filter: { kind: "in", property: "id", values: [eq.body.value[0]!.id] } },
    })) as unknown as { body: { value: { displayName: string }[] } };
    expect(byId.body.value.map((group) => group.displayName)).toEqual(["Paging B"]);

    const unsupported = await failure(
      call("GET", "groups", { query: { filter: { kind: "compare", op: "eq", property: "mail", value: "x" } } }),
    );
    expect([unsupported.code, unsupported.message]).toEqual([
      "Request_UnsupportedQuery",
      "Unsupported property 'mail' in $filter.",
    ]);
    expect((await failure(call("GET", "groups", { query: { skipToken: "forged" } }))).message).toContain("$skiptoken");
    const ordered = await failure(
      call("GET", "groups", { query: { orderBy: [{ property: "createdDateTime", direction: "asc" }] } }),
    );
    expect(ordered.code).toBe("Request_UnsupportedQuery");
  });

  it("adds, lists and removes members; a duplicate is Graph's 400, an unknown or foreign user 404", async () => {
    const id = (await newGroup("Members")).id as string;
    const ref = (userId: string) => ({ "@odata.id": `https://graph.microsoft.com/v1.0/directoryObjects/${userId}` });
    await expect(call("POST", "groups/{id}/members/$ref", { params: { id }, body: ref(ana) })).resolves.toEqual({ status: 204 });

    const duplicate = await failure(call("POST", "groups/{id}/members/$ref", { params: { id }, body: ref(ana) }));
    expect([duplicate.status, duplicate.message]).toEqual([
      400,
      "One or more added object references already exist for the following modified properties: 'members'.",
    ]);
    expect((await failure(call("POST", "groups/{id}/members/$ref", { params: { id }, body: ref(randomUUID()) }))).status).toBe(
      404,
    );
    expect((await failure(call("POST", "groups/{id}/members/$ref", { params: { id }, body: ref(stranger) }))).status).toBe(404);

    const members = (await call("GET", "groups/{id}/members", { params: { id } })) as unknown as { body: { value: unknown[] } };
    expect(members.body.value).toEqual([
      { "@odata.type": "#microsoft.graph.user", id: ana, displayName: "Ana Berg", mail: expect.any(String), userType: "Guest" },
    ]);
    const memberOf = (await call("GET", "users/{id}/memberOf", { params: { id: ana } })) as unknown as {
      body: { value: Record<string, unknown>[] };
    };
    expect(memberOf.body.value.map((group) => [group["@odata.type"], group.id])).toEqual([["#microsoft.graph.group", id]]);

    await expect(call("DELETE", "groups/{id}/members/{memberId}/$ref", { params: { id, memberId: ana } })).resolves.toEqual({
      status: 204,
    });
    expect((await failure(call("DELETE", "groups/{id}/members/{memberId}/$ref", { params: { id, memberId: ana } }))).status).toBe(
      404,
    );

    const events = await db.prisma.auditEvent.findMany({ where: { targetId: id, type: { startsWith: "group.member" } } });
    expect(events.map((event) => event.type).sort()).toEqual(["group.memberRemoved", "group.membersAdded"]);
  });

  it("binds members in a PATCH all or nothing", async () => {
    const id = (await newGroup("Bound")).id as string;
    const url = (userId: string) => `https://id.guestgate.test/woodgrove/graph/v1.0/directoryObjects/${userId}`;
    const refused = await failure(
      call("PATCH", "groups/{id}", { params: { id }, body: { "members@odata.bind": [url(ana), url(randomUUID())] } }),
    );
    expect(refused.status).toBe(404);
    expect(await db.prisma.groupMember.count({ where: { groupId: id } })).toBe(0);

    await call("PATCH", "groups/{id}", { params: { id }, body: { "members@odata.bind": [url(ana), url(ben)] } });
    expect(await db.prisma.groupMember.count({ where: { groupId: id } })).toBe(2);

    // Binding is a member write; renaming is a group write (contract §0.2).
    const memberWriter: Actor = { type: "application", clientId: "members-app", permissions: ["GroupMember.ReadWrite.All"] };
    await call("PATCH", "groups/{id}", { actor: memberWriter, params: { id }, body: { "members@odata.bind": [] } });
    const rename = await failure(
      call("PATCH", "groups/{id}", { actor: memberWriter, params: { id }, body: { displayName: "Renamed" } }),
    );
    expect(rename.status).toBe(403);

    const tooMany = Array.from({ length: 21 }, () => url(randomUUID()));
    expect(
      (await failure(call("PATCH", "groups/{id}", { params: { id }, body: { "members@odata.bind": tooMany } }))).status,
    ).toBe(400);
  });

  it("keeps tenants apart: another tenant's group or user is not found", async () => {
    const id = (await newGroup("Woodgrove only")).id as string;
    const contoso = { slug: OTHER, id: randomUUID(), extensionsAppId: "0".repeat(32) };
    expect((await failure(call("GET", "groups/{id}", { params: { id }, tenant: contoso }))).status).toBe(404);
    expect((await failure(call("DELETE", "groups/{id}", { params: { id }, tenant: contoso }))).status).toBe(404);
    expect((await failure(call("GET", "users/{id}/memberOf", { params: { id: stranger } }))).status).toBe(404);
    expect((await failure(call("GET", "users/{id}/appRoleAssignments", { params: { id: stranger } }))).status).toBe(404);
  });

  it("assigns, lists and removes app roles; the role must be the application's", async () => {
    const reader = appRoleId(application.clientId, { value: "Reader" });
    const created = (await call("POST", "users/{id}/appRoleAssignments", {
      actor: assigner,
      params: { id: ana },
      body: { principalId: ana, resourceId: application.id, appRoleId: reader },
    })) as { status: number; body: Record<string, unknown> };
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      appRoleId: reader,
      principalId: ana,
      principalType: "User",
      principalDisplayName: "Ana Berg",
      resourceId: application.id,
      resourceDisplayName: "Partner Portal",
      deletedDateTime: null,
    });
    const assignmentId = created.body.id as string;
    expect(assignmentId).toMatch(/^[A-Za-z0-9_-]{32,}$/);

    const again = await failure(
      call("POST", "users/{id}/appRoleAssignments", {
        actor: assigner,
        params: { id: ana },
        body: { principalId: ana, resourceId: application.id, appRoleId: reader },
      }),
    );
    expect(again.status).toBe(400);
    const unknownRole = await failure(
      call("POST", "users/{id}/appRoleAssignments", {
        actor: assigner,
        params: { id: ana },
        body: { principalId: ana, resourceId: application.id, appRoleId: randomUUID() },
      }),
    );
    expect([unknownRole.status, unknownRole.message]).toEqual([400, "Invalid value specified for property 'appRoleId'."]);
    const otherPrincipal = await failure(
      call("POST", "users/{id}/appRoleAssignments", {
        actor: assigner,
        params: { id: ana },
        body: { principalId: ben, resourceId: application.id, appRoleId: reader },
      }),
    );
    expect(otherPrincipal.status).toBe(400);
    const noResource = await failure(
      call("POST", "users/{id}/appRoleAssignments", {
        actor: assigner,
        params: { id: ana },
        body: { principalId: ana, resourceId: randomUUID(), appRoleId: reader },
      }),
    );
    expect(noResource.status).toBe(404);

    const listed = (await call("GET", "users/{id}/appRoleAssignments", { actor: assigner, params: { id: ana } })) as unknown as {
      body: { value: { id: string }[] };
    };
    expect(listed.body.value.map((assignment) => assignment.id)).toEqual([assignmentId]);
    const byResource = (resourceId: string) =>
      call("GET", "users/{id}/appRoleAssignments", {
        actor: assigner,
        params: { id: ana },
        query: { filter: { kind: "compare", op: "eq", property: "resourceId", value: { guid: resourceId } } },
      }) as unknown as Promise<{ body: { value: unknown[] } }>;
    expect((await byResource(application.id)).body.value).toHaveLength(1);
    expect((await byResource(randomUUID())).body.value).toHaveLength(0);

    await expect(
      call("DELETE", "users/{id}/appRoleAssignments/{assignmentId}", { actor: assigner, params: { id: ana, assignmentId } }),
    ).resolves.toEqual({ status: 204 });
    expect(
      (
        await failure(
          call("DELETE", "users/{id}/appRoleAssignments/{assignmentId}", { actor: assigner, params: { id: ana, assignmentId } }),
        )
      ).status,
    ).toBe(404);
    const events = await db.prisma.auditEvent.findMany({ where: { targetId: ana, type: { startsWith: "appRoleAssignment." } } });
    expect(events.map((event) => [event.type, event.actorId]).sort()).toEqual([
      ["appRoleAssignment.created", "assigner-app"],
      ["appRoleAssignment.deleted", "assigner-app"],
    ]);
  });
});
