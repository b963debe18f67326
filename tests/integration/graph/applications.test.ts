import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApplicationDirectoryStore, createOidcRepositories } from "../../../app/_lib/db";
import { randomBytes } from "node:crypto";
import { createCursorCodec, type Actor } from "../../../app/_lib/directory";
import {
  GRAPH_ROUTES,
  GraphError,
  type GraphRequest,
  type GraphResult,
  type GraphRoute,
  type GraphServices,
} from "../../../app/_lib/graph";
import { graphRequest } from "../../../app/_lib/graph/testing/request";
import { appRoleId, createApplicationDirectory } from "../../../app/_lib/oidc";
import { testDatabaseProviders } from "../../helpers/database";
import { basicAuth, createTestbed, OTHER_TENANT, tokenRequest, type Testbed } from "../oidc/harness";

const WRITER: Actor = { type: "application", clientId: "ops", permissions: ["Application.ReadWrite.All"] };
const READER: Actor = { type: "application", clientId: "ro", permissions: ["Application.Read.All"] };
// One server key for every request, as the API has: a cursor made by one page is read by the next.
const cursors = createCursorCodec(randomBytes(32));
const ROLE = "5b1f0c2e-0000-4000-8000-00000000a001";

describe.each(testDatabaseProviders())("Graph /applications on %s", (provider) => {
  let bed: Testbed;
  let services: GraphServices;
  beforeAll(async () => {
    bed = await createTestbed(provider);
    // The application routes call only `applications`.
    services = <GraphServices>{
      applications: createApplicationDirectory({
        store: createApplicationDirectoryStore(bed.db.prisma),
        clock: { now: () => new Date() },
      }),
    };
  });
  afterAll(async () => {
    await bed?.close();
  });

  const route = (method: string, path: string): GraphRoute => {
    const found = GRAPH_ROUTES.find((r) => r.method === method && r.path === path);
    if (!found) throw new Error(`no route ${method} ${path}`);
    return found;
  };
  /** What the API does around a route: validate the body with the route's schema, then handle. */
  async function call(
    method: string,
    path: string,
    fields: Partial<Omit<GraphRequest, "services" | "query">> & { query?: Partial<GraphRequest["query"]> } = {},
  ): Promise<GraphResult & { body?: Record<string, unknown> }> {
    const r = route(method, path);
    const body = r.body && fields.body !== undefined ? r.body.parse(fields.body) : fields.body;
    return (await r.handle(
      graphRequest(services, { actor: WRITER, method: r.method, cursors, ...fields, body }),
    )) as GraphResult & {
      body?: Record<string, unknown>;
    };
  }
  const create = async (body: Record<string, unknown>) => (await call("POST", "applications", { body })).body!;
  const graphError = async (work: Promise<unknown>) => {
    const error = await work.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(GraphError);
    return error as GraphError;
  };

  it("keeps the Guestgate names per page language beside displayName, which the journey reads", async () => {
    const created = await create({
      displayName: "Partner portal",
      spa: { redirectUris: ["https://spa.example/cb"] },
      guestgateLocalizedDisplayNames: { nl: "Partnerportaal", sv: "Partnerportalen" },
    });
    expect(created).toMatchObject({
      displayName: "Partner portal",
      guestgateLocalizedDisplayNames: { nl: "Partnerportaal", sv: "Partnerportalen" },
    });
    const appId = created.appId as string;
    // A PATCH replaces the whole map (as Graph replaces a collection); displayName stays as it was.
    await call("PATCH", "applications(appId='{appId}')", {
      params: { appId },
      body: { guestgateLocalizedDisplayNames: { fr: "Portail partenaires" } },
    });
    const patched = (await call("GET", "applications(appId='{appId}')", { actor: READER, params: { appId } })).body!;
    expect(patched).toMatchObject({
      displayName: "Partner portal",
      guestgateLocalizedDisplayNames: { fr: "Portail partenaires" },
    });
    // What the sign-up journey reads for its page (OIDC repositories, the same row).
    const record = await createOidcRepositories(bed.db.prisma).applications.findByClientId(appId);
    expect([record?.name, record?.localizedDisplayNames]).toEqual(["Partner portal", { fr: "Portail partenaires" }]);
    // Another tenant's Graph client cannot rename it: 404, and the names are as they were.
    const other = { slug: OTHER_TENANT, id: "00000000-0000-4000-8000-000000000002", extensionsAppId: "00" };
    const foreign = await graphError(
      call("PATCH", "applications(appId='{appId}')", {
        tenant: other,
        params: { appId },
        body: { guestgateLocalizedDisplayNames: { nl: "Overgenomen" } },
      }),
    );
    expect(foreign.status).toBe(404);
    expect((await createOidcRepositories(bed.db.prisma).applications.findByClientId(appId))?.localizedDisplayNames).toEqual({
      fr: "Portail partenaires",
    });
    // Only the page languages are names' keys: Graph's validation says so.
    expect(() =>
      route("POST", "applications").body!.parse({ displayName: "x", guestgateLocalizedDisplayNames: { de: "x" } }),
    ).toThrow();
  });

  it("creates, reads (by id and by appId), patches and deletes an application, each audited with its actor", async () => {
    const created = await create({
      displayName: "Partner portal",
      web: { redirectUris: ["https://portal.example/cb"], logoutUrl: "https://portal.example/bye" },
      spa: { redirectUris: ["https://spa.example/cb"] },
      publicClient: { redirectUris: ["http://127.0.0.1/cb"] },
      appRoles: [
        { id: ROLE, allowedMemberTypes: ["User"], displayName: "Reader", description: "Reads", value: "Reader", isEnabled: true },
      ],
      groupMembershipClaims: "SecurityGroup",
    });
    expect(created).toMatchObject({
      displayName: "Partner portal",
      signInAudience: "AzureADMyOrg",
      identifierUris: [],
      web: {
        redirectUris: ["https://portal.example/cb"],
        logoutUrl: "https://portal.example/bye",
        homePageUrl: null,
        implicitGrantSettings: { enableIdTokenIssuance: false, enableAccessTokenIssuance: false },
      },
      spa: { redirectUris: ["https://spa.example/cb"] },
      publicClient: { redirectUris: ["http://127.0.0.1/cb"] },
      appRoles: [{ id: ROLE, value: "Reader", isEnabled: true }],
      passwordCredentials: [],
      groupMembershipClaims: "SecurityGroup",
      guestgatePermissions: [],
    });
    const id = created.id as string;
    const appId = created.appId as string;
    const row = await bed.db.prisma.application.findUniqueOrThrow({ where: { id } });
    expect(row).toMatchObject({ tenantId: "woodgrove", clientId: appId, clientType: "confidential" });

    const byId = await call("GET", "applications/{id}", { actor: READER, params: { id } });
    const byAppId = await call("GET", "applications(appId='{appId}')", { actor: READER, params: { appId } });
    expect(byAppId.body).toEqual(byId.body);

    expect(
      (
        await call("PATCH", "applications(appId='{appId}')", {
          params: { appId },
          body: { displayName: "Renamed", web: { homePageUrl: "https://portal.example" } },
        })
      ).status,
    ).toBe(204);
    const patched = (await call("GET", "applications/{id}", { params: { id } })).body!;
    expect(patched).toMatchObject({
      displayName: "Renamed",
      web: { homePageUrl: "https://portal.example", redirectUris: ["https://portal.example/cb"] },
    });

    await call("POST", "applications/{id}/addPassword", { params: { id }, body: { passwordCredential: {} } });
    const guestId = await bed.guest();
    await bed.db.prisma.appRoleAssignment.create({
      data: { id: "assignment-1", tenantId: "woodgrove", guestId, applicationId: id, appRoleId: ROLE },
    });
    expect((await call("DELETE", "applications/{id}", { params: { id } })).status).toBe(204);
    expect(await bed.db.prisma.clientSecret.count({ where: { applicationId: id } })).toBe(0);
    expect(await bed.db.prisma.appRoleAssignment.count({ where: { applicationId: id } })).toBe(0);
    expect((await graphError(call("GET", "applications/{id}", { params: { id } }))).status).toBe(404);

    const events = await bed.db.prisma.auditEvent.findMany({ where: { targetId: appId }, orderBy: { createdAt: "asc" } });
    expect(events.map((e) => [e.type, e.actorType, e.actorId, e.correlationId])).toEqual([
      ["application.created", "application", "ops", "00000000-0000-4000-8000-000000000001"],
      ["application.updated", "application", "ops", "00000000-0000-4000-8000-000000000001"],
      ["application.secretAdded", "application", "ops", "00000000-0000-4000-8000-000000000001"],
      ["application.deleted", "application", "ops", "00000000-0000-4000-8000-000000000001"],
    ]);
  });

  it("lists with $filter and pages with $skiptoken", async () => {
    for (const name of ["Listed A", "Listed B", "Listed C"]) await create({ displayName: name });
    const first = await call("GET", "applications", {
      query: { filter: { kind: "function", name: "startsWith", property: "displayName", value: "Listed" }, top: 2 },
    });
    const value = first.body!.value as { displayName: string }[];
    expect(value).toHaveLength(2);
    const link = new URL(first.body!["@odata.nextLink"] as string);
    const second = await call("GET", "applications", {
      query: {
        filter: { kind: "function", name: "startsWith", property: "displayName", value: "Listed" },
        top: 2,
        skipToken: link.searchParams.get("$skiptoken")!,
      },
    });
    const rest = second.body!.value as { displayName: string }[];
    expect(second.body!["@odata.nextLink"]).toBeUndefined();
    expect([...value, ...rest].map((a) => a.displayName).sort()).toEqual(["Listed A", "Listed B", "Listed C"]);
    const exact = await call("GET", "applications", {
      query: { filter: { kind: "compare", op: "eq", property: "displayName", value: "Listed B" } },
    });
    expect((exact.body!.value as unknown[]).length).toBe(1);
    expect(
      (
        await graphError(
          call("GET", "applications", { query: { filter: { kind: "compare", op: "eq", property: "notes", value: "x" } } }),
        )
      ).message,
    ).toContain("'notes'");
    expect((await graphError(call("GET", "applications", { query: { skipToken: "forged" } }))).message).toContain("$skiptoken");
  });

  it("addPassword gives a secret that works with client_credentials once; removePassword kills it", async () => {
    const app = await create({ displayName: "Daemon" });
    const id = app.id as string;
    const appId = app.appId as string;
    const added = await call("POST", "applications/{id}/addPassword", {
      params: { id },
      body: { passwordCredential: { displayName: "ci" } },
    });
    expect(added.status).toBe(200);
    const password = added.body!;
    expect(password).toMatchObject({ displayName: "ci", customKeyIdentifier: null });
    const secret = password.secretText as string;
    expect(password.hint).toBe(secret.slice(0, 3));
    const years =
      (Date.parse(password.endDateTime as string) - Date.parse(password.startDateTime as string)) / (365.25 * 86400_000);
    expect(years).toBeCloseTo(2, 1);

    // a password made it confidential: now it may hold application permissions
    const grant = { guestgatePermissions: ["User.Read.All"] };
    expect((await call("PATCH", "applications/{id}", { params: { id }, body: grant })).status).toBe(204);
    const read = (await call("GET", "applications/{id}", { params: { id } })).body!;
    expect(read.passwordCredentials).toEqual([
      expect.objectContaining({ keyId: password.keyId, secretText: null, hint: password.hint }),
    ]);
    const stored = await bed.db.prisma.clientSecret.findUniqueOrThrow({ where: { id: password.keyId as string } });
    expect(stored.hash).not.toContain(secret);

    const token = await tokenRequest(bed, { grant_type: "client_credentials" }, basicAuth(appId, secret));
    expect(token.status).toBe(200);
    const { access_token } = (await token.json()) as { access_token: string };
    const claims = JSON.parse(Buffer.from(access_token.split(".")[1]!, "base64url").toString()) as { roles?: string[] };
    expect(claims.roles).toEqual(["User.Read.All"]);

    const removed = await call("POST", "applications/{id}/removePassword", { params: { id }, body: { keyId: password.keyId } });
    expect(removed.status).toBe(204);
    expect((await tokenRequest(bed, { grant_type: "client_credentials" }, basicAuth(appId, secret))).status).toBe(401);
    expect(
      (await graphError(call("POST", "applications/{id}/removePassword", { params: { id }, body: { keyId: password.keyId } })))
        .status,
    ).toBe(404);
    const types = (await bed.db.prisma.auditEvent.findMany({ where: { targetId: appId }, orderBy: { createdAt: "asc" } })).map(
      (e) => e.type,
    );
    expect(types).toEqual(["application.created", "application.secretAdded", "application.updated", "application.secretRemoved"]);
  });

  it("answers 404 for another tenant's application and 403 to a reader that writes", async () => {
    const app = await create({ displayName: "Ours" });
    const other = { slug: OTHER_TENANT, id: "00000000-0000-4000-8000-000000000002", extensionsAppId: "00" };
    const error = await graphError(call("GET", "applications/{id}", { tenant: other, params: { id: app.id as string } }));
    expect([error.status, error.code]).toEqual([404, "Request_ResourceNotFound"]);
    expect(
      (await graphError(call("DELETE", "applications/{id}", { tenant: other, params: { id: app.id as string } }))).status,
    ).toBe(404);
    expect(
      (await graphError(call("PATCH", "applications/{id}", { actor: READER, params: { id: app.id as string }, body: {} })))
        .status,
    ).toBe(403);
    expect((await graphError(call("GET", "applications/{id}", { params: { id: "not-a-guid" } }))).status).toBe(404);
  });

  it("rejects unknown properties, wrong types and invalid values", async () => {
    const create = route("POST", "applications").body!;
    expect(create.safeParse({ displayName: "x", frobnicate: 1 }).success).toBe(false);
    expect(create.safeParse({ displayName: 42 }).success).toBe(false);
    expect(create.safeParse({ web: { redirectUris: [] } }).success).toBe(false);
    expect(create.safeParse({ displayName: "x", web: { redirectUris: "https://a.example" } }).success).toBe(false);
    expect(route("PATCH", "applications/{id}").body!.safeParse({ appId: "x" }).success).toBe(false);
    const insecure = await graphError(
      call("POST", "applications", { body: { displayName: "x", web: { redirectUris: ["http://a.example/cb"] } } }),
    );
    expect([insecure.status, insecure.code]).toEqual([400, "Request_BadRequest"]);
    expect(insecure.message).toContain("web.redirectUris");
    const permission = await graphError(
      call("POST", "applications", { body: { displayName: "x", guestgatePermissions: ["Directory.ReadWrite.All"] } }),
    );
    expect(permission.message).toContain("guestgatePermissions");
    // A public client may hold permissions: delegated only, it never gets client_credentials.
    const publicHolder = await call("POST", "applications", {
      body: { displayName: "x", spa: { redirectUris: ["https://spa.example/cb"] }, guestgatePermissions: ["User.Read.All"] },
    });
    const created = (publicHolder as unknown as { body: { appId: string } }).body;
    const row = await bed.db.prisma.application.findUniqueOrThrow({ where: { clientId: created.appId } });
    expect([row.clientType, JSON.parse(row.grantTypes), JSON.parse(row.permissions)]).toEqual([
      "public",
      ["authorization_code", "refresh_token"],
      ["User.Read.All"],
    ]);
  });

  it("removes an app role only after an earlier PATCH disabled it", async () => {
    const role = {
      id: ROLE,
      allowedMemberTypes: ["User"],
      displayName: "Reader",
      description: "",
      value: "Reader",
      isEnabled: true,
    };
    const app = await create({ displayName: "Roles", appRoles: [role] });
    const params = { id: app.id as string };
    const refused = await graphError(call("PATCH", "applications/{id}", { params, body: { appRoles: [] } }));
    expect(refused.message).toMatch(/disable Reader/);
    // disabling and removing in the same PATCH is refused too: the stored role is still enabled
    expect(
      (await call("PATCH", "applications/{id}", { params, body: { appRoles: [{ ...role, isEnabled: false }] } })).status,
    ).toBe(204);
    expect((await call("PATCH", "applications/{id}", { params, body: { appRoles: [] } })).status).toBe(204);
    expect((await call("GET", "applications/{id}", { params })).body!.appRoles).toEqual([]);
  });

  it("reads rows written before Graph: derived platforms and stable app-role ids", async () => {
    const spa = await bed.publicClient({
      appRoles: [{ value: "Viewer", displayName: "Viewer", description: "", allowedMemberTypes: ["User"] }],
    });
    const first = (await call("GET", "applications(appId='{appId}')", { params: { appId: spa } })).body!;
    expect(first).toMatchObject({
      spa: { redirectUris: ["https://app.example/callback"] },
      publicClient: { redirectUris: ["http://127.0.0.1/callback"] },
      web: { redirectUris: [] },
      appRoles: [{ id: appRoleId(spa, { value: "Viewer" }), value: "Viewer", isEnabled: true }],
    });
    const again = (await call("GET", "applications(appId='{appId}')", { params: { appId: spa } })).body!;
    expect(again.appRoles).toEqual(first.appRoles);
  });

  it("refuses a taken appId as a conflict", async () => {
    const taken = (await create({ displayName: "First" })).appId as string;
    await expect(
      services.applications.create(WRITER, "woodgrove", { displayName: "Second", appId: taken }),
    ).rejects.toMatchObject({
      code: "conflict",
      field: "appId",
    });
  });
});
