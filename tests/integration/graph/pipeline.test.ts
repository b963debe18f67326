// The whole Graph pipeline in process (tests/integration/graph/api-bed.ts): app-only and delegated
// callers with the tenant's own tokens.
import { decodeJwt } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDatabaseProviders } from "../../helpers/database";
import { BASE, basicAuth, obtainCode, OTHER_TENANT, TENANT, tokenRequest, type Testbed } from "../oidc/harness";
import { createGraphBed, type GraphBed } from "./api-bed";

describe.each(testDatabaseProviders())("the Graph API with the tenant's own tokens on %s", (provider) => {
  let bed: Testbed;
  let appToken: string;

  let call: GraphBed["call"];
  let graphBed: GraphBed;

  beforeAll(async () => {
    graphBed = await createGraphBed(provider);
    ({ bed } = graphBed);
    call = graphBed.call;
    for (let i = 0; i < 5; i++) await bed.guest({ displayName: `Guest ${i}`, email: `g${i}@partner.example` });
    appToken = await graphBed.appToken(["User.Read.All"]);
  });
  afterAll(async () => {
    await bed?.close();
  });

  it("lists the tenant's users with an app-only token (Graph's own scope name accepted)", async () => {
    const response = await call("GET", "v1.0/users?$top=2&$select=id,displayName,mail", appToken);
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body.value).toHaveLength(2);
    expect(body["@odata.nextLink"]).toMatch(new RegExp(`^${BASE}/${TENANT}/graph/v1\\.0/users\\?`));
    const next = new URL(body["@odata.nextLink"]);
    const page2 = await (await call("GET", `v1.0/users${next.search}`, appToken)).json();
    expect(page2.value.map((u: { id: string }) => u.id)).not.toContain(body.value[0].id);
  });

  it("401s another tenant's token, a missing token and a revoked grant; 403s a missing permission", async () => {
    expect((await call("GET", "v1.0/users", appToken, undefined, { tenant: OTHER_TENANT })).status).toBe(401);
    expect((await call("GET", "v1.0/users", undefined)).status).toBe(401);
    const writer = await call("PATCH", "v1.0/users/00000000-0000-4000-8000-000000000000", appToken, { city: "Utrecht" });
    expect(writer.status).toBe(403);
    expect((await writer.json()).error.code).toBe("Authorization_RequestDenied");
    const token = await graphBed.appToken(["User.Read.All"]);
    // A client-credentials grant has no row until it is revoked; revocation stores it as revoked (RFC 7009).
    const claims = decodeJwt(token);
    await bed.db.prisma.grant.create({
      data: {
        id: claims.grant_id as string,
        tenantId: TENANT,
        clientId: claims.client_id as string,
        kind: "client_credentials",
        scope: "",
        revokedAt: new Date(),
      },
    });
    expect((await call("GET", "v1.0/users", token)).status).toBe(401);
  });

  it("runs a $batch with the Graph client's inner URLs", async () => {
    const response = await call("POST", "v1.0/$batch", appToken, {
      requests: [
        { id: "1", method: "GET", url: `${TENANT}/graph/v1.0/users?$top=1` },
        { id: "2", method: "GET", url: "/users/$count", headers: { ConsistencyLevel: "eventual" } },
        { id: "3", method: "DELETE", url: "users/00000000-0000-4000-8000-000000000000" },
      ],
    });
    const { responses } = await response.json();
    expect(responses.map((r: { status: number }) => r.status)).toEqual([200, 200, 403]);
    expect(responses[1].body).toBe("5");
  });

  describe("delegated tokens", () => {
    let admin: string;
    let app: { clientId: string; secret: string };
    const delegatedToken = async (guestId: string, scope: string) => {
      const { code, verifier } = await obtainCode(bed, { clientId: app.clientId, guestId, scope });
      const response = await tokenRequest(
        bed,
        { grant_type: "authorization_code", code, code_verifier: verifier, redirect_uri: "https://app.example/callback" },
        basicAuth(app.clientId, app.secret),
      );
      expect(response.status).toBe(200);
      return ((await response.json()) as { access_token: string }).access_token;
    };

    beforeAll(async () => {
      app = await bed.confidentialClient({
        grantTypes: ["authorization_code", "client_credentials"],
        permissions: ["User.Read.All"],
      });
      admin = await bed.guest({ email: "admin@woodgrove.example" });
      await bed.db.prisma.guest.update({ where: { id: admin }, data: { userType: "Member" } });
      await bed.db.prisma.directoryRoleAssignment.create({
        data: { tenantId: TENANT, guestId: admin, role: "userAdministrator" },
      });
    });

    it("acts as the member with their role, within the scopes the application was granted", async () => {
      const token = await delegatedToken(admin, "openid https://graph.microsoft.com/User.Read.All");
      const claims = await bed.verify(token, `${BASE}/${TENANT}/graph`, { typ: "at+jwt" });
      expect(claims.scp).toBe("openid User.Read.All");
      expect((await call("GET", "v1.0/users?$top=1", token)).status).toBe(200);
      const me = await (await call("GET", "v1.0/me", token)).json();
      expect(me.id).toBe(admin);
      // the role would allow it, the scope does not
      expect((await call("DELETE", `v1.0/users/${admin}`, token)).status).toBe(403);
    });

    it("refuses a signed-in guest without a directory role", async () => {
      const guest = await bed.guest({ email: "someone@partner.example" });
      const token = await delegatedToken(guest, "openid https://graph.microsoft.com/User.Read.All");
      expect((await call("GET", "v1.0/users", token)).status).toBe(403);
    });

    it("gives no user token for the Graph API without the scope", async () => {
      const token = await delegatedToken(admin, "openid");
      expect((await call("GET", "v1.0/users", token)).status).toBe(401);
    });
  });
});
