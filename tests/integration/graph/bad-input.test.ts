// Every route of the Graph API against what must never get through (issue 8's bad-input matrix):
// a missing or another tenant's token, a token without the permission, malformed JSON, unknown
// properties, wrong types, bad OData. Each answers a Graph-shaped 4xx, and nothing is written.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GRAPH_ROUTES } from "../../../app/_lib/graph";
import { MANAGEMENT_PERMISSIONS } from "../../../app/_lib/oidc";
import { testDatabaseProviders } from "../../helpers/database";
import { obtainCode, OTHER_TENANT, REDIRECT, tokenRequest } from "../oidc/harness";
import { createGraphBed, type GraphBed } from "./api-bed";

const SAMPLE_ID = "9d5a0000-0000-4000-8000-000000000001";
const pathOf = (template: string) =>
  template.replace(/\{[A-Za-z]+\}/g, (name) =>
    name === "{id}" && template.startsWith("identity/b2x") ? "B2X_1_partners" : SAMPLE_ID,
  );
const routes = GRAPH_ROUTES.map((route) => ({
  route,
  name: `${route.method} ${route.path}`,
  path: `v1.0/${pathOf(route.path)}`,
}));
const withBody = routes.filter(({ route }) => route.body);

describe.each(testDatabaseProviders())("Graph bad-input matrix on %s", (provider) => {
  let graph: GraphBed;
  let everyToken: string;
  let nothing: string;
  let otherTenant: string;
  /** A signed-in guest's delegated token, for the routes an application may not call (approval decisions). */
  let delegated: string;
  let before: Record<string, number>;

  const counts = async () => {
    const p = graph.bed.db.prisma;
    return {
      guests: await p.guest.count(),
      groups: await p.group.count(),
      members: await p.groupMember.count(),
      assignments: await p.appRoleAssignment.count(),
      applications: await p.application.count(),
      secrets: await p.clientSecret.count(),
      flows: await p.userFlow.count(),
      attributes: await p.customAttribute.count(),
      audit: await p.auditEvent.count(),
      catalogs: await p.accessPackageCatalog.count(),
      packages: await p.accessPackage.count(),
      policies: await p.accessPackageAssignmentPolicy.count(),
      organizations: await p.connectedOrganization.count(),
      entitlementSettings: await p.entitlementManagementSettings.count(),
      requests: await p.accessPackageAssignmentRequest.count(),
      packageAssignments: await p.accessPackageAssignment.count(),
      approvalStages: await p.accessPackageApprovalStage.count(),
    };
  };
  const expectGraphError = async (response: Response, status: number | number[], name: string) => {
    expect([status].flat(), name).toContain(response.status);
    const body = await response.json();
    expect(body.error, name).toMatchObject({ code: expect.any(String), message: expect.any(String) });
    expect(body.error.innerError["request-id"], name).toBe(response.headers.get("request-id"));
  };

  beforeAll(async () => {
    graph = await createGraphBed(provider);
    everyToken = await graph.appToken([...MANAGEMENT_PERMISSIONS]);
    nothing = await graph.appToken([]);
    otherTenant = await graph.appToken([...MANAGEMENT_PERMISSIONS], OTHER_TENANT);
    const ana = await graph.bed.guest({ email: "ana@partner.example" });
    const spa = await graph.bed.publicClient({ permissions: ["EntitlementManagement.ReadWrite.All"] });
    const { code, verifier } = await obtainCode(graph.bed, {
      clientId: spa,
      guestId: ana,
      scope: "openid https://graph.microsoft.com/EntitlementManagement.ReadWrite.All",
    });
    const response = await tokenRequest(graph.bed, {
      grant_type: "authorization_code",
      code,
      redirect_uri: REDIRECT,
      client_id: spa,
      code_verifier: verifier,
    });
    delegated = ((await response.json()) as { access_token: string }).access_token;
    before = await counts();
  });
  afterAll(async () => {
    expect(await counts()).toEqual(before);
    await graph?.bed.close();
  });

  it.each(routes)("$name: 401 without a token and with another tenant's", async ({ route, path }) => {
    await expectGraphError(await graph.call(route.method, path, undefined, route.body ? {} : undefined), 401, "no token");
    await expectGraphError(await graph.call(route.method, path, otherTenant, route.body ? {} : undefined), 401, "other tenant");
  });

  it.each(routes)("$name: 403 with a token holding no permission", async ({ route, path }) => {
    await expectGraphError(await graph.call(route.method, path, nothing, route.body ? {} : undefined), 403, "no permission");
  });

  it.each(withBody)(
    "$name: 400 for malformed JSON, a non-object, an unknown property and a wrong type",
    async ({ route, path }) => {
      const everything = route.access.delegatedOnly ? delegated : everyToken;
      await expectGraphError(
        await graph.call(route.method, path, everything, undefined, { rawBody: '{"displayName": "x",' }),
        400,
        "malformed",
      );
      await expectGraphError(await graph.call(route.method, path, everything, undefined, { rawBody: "[1,2]" }), 400, "array");
      await expectGraphError(
        await graph.call(route.method, path, everything, { guestgateNoSuchProperty: 1 }),
        [400, 404],
        "unknown property",
      );
      await expectGraphError(
        await graph.call(route.method, path, everything, { displayName: 42, "@odata.id": 42, id: 42 }),
        [400, 404],
        "wrong type",
      );
    },
  );

  it.each(routes.filter(({ route }) => route.method === "GET"))(
    "$name: 400 for an OData option it does not honour or cannot parse",
    async ({ route, path }) => {
      const everyPermission = route.access.delegatedOnly ? delegated : everyToken;
      await expectGraphError(await graph.call("GET", `${path}?$skip=5`, everyPermission), 400, "$skip");
      await expectGraphError(await graph.call("GET", `${path}?$nonsense=1`, everyPermission), 400, "unknown option");
      if (route.queryOptions?.includes("filter"))
        await expectGraphError(
          await graph.call("GET", `${path}?$filter=${encodeURIComponent("displayName eq")}`, everyPermission),
          400,
          "bad $filter",
        );
      if (route.queryOptions?.includes("top"))
        await expectGraphError(await graph.call("GET", `${path}?$top=1000`, everyPermission), 400, "$top");
      if (route.queryOptions?.includes("skipToken"))
        await expectGraphError(
          await graph.call("GET", `${path}?$skiptoken=forged.token`, everyPermission),
          [400, 404],
          "forged $skiptoken",
        );
    },
  );

  it("refuses a user's names with bidi controls or zero-width characters, and writes nothing", async () => {
    const before = await counts();
    const mail = `x${before.guests}@partner.example`;
    const identities = [{ signInType: "federated", issuer: "mail", issuerAssignedId: mail }];
    for (const displayName of ["Ann\u202egnp.exe", "Ad\u200bmin", "\u2067Ann\u2069"]) {
      const body = { accountEnabled: true, displayName, mail, userType: "Guest", identities };
      const response = await graph.call("POST", "v1.0/users", everyToken, body);
      expect(response.status, displayName).toBe(400);
      // it was the characters: the error names the property and why
      expect(JSON.stringify(await response.json())).toMatch(/displayName.*invisible formatting characters/);
    }
    expect(await counts()).toEqual(before);
  });

  it("refuses a body over 1 MB before parsing it", async () => {
    const big = JSON.stringify({ displayName: "x".repeat(1024 * 1024) });
    await expectGraphError(await graph.call("POST", "v1.0/groups", everyToken, undefined, { rawBody: big }), 400, "oversized");
  });
});
