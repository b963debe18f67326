// Delegated Graph tokens for a public client (authorization code + PKCE, RFC 7636, no secret), as
// Entra gives SPAs and native apps, used by an unmodified @microsoft/microsoft-graph-client over
// the in-process API, on SQLite and (with TEST_DATABASE_URL) PostgreSQL: the member's directory
// role and the granted scope both decide, the client gets no app-only token, and audit events
// name the administrator.
import type { GraphError } from "@microsoft/microsoft-graph-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDatabaseProviders } from "../../helpers/database";
import { BASE, obtainCode, REDIRECT, TENANT, tokenRequest } from "../oidc/harness";
import { createGraphBed, type GraphBed } from "./api-bed";

describe.each(testDatabaseProviders())("delegated Graph tokens of a public client on %s", (provider) => {
  let graph: GraphBed;
  let spa: string;
  let admin: string;

  const delegatedToken = async (guestId: string, scope: string, withPkce = true) => {
    const { code, verifier } = await obtainCode(graph.bed, { clientId: spa, guestId, scope, withPkce });
    const response = await tokenRequest(graph.bed, {
      grant_type: "authorization_code",
      code,
      redirect_uri: REDIRECT,
      client_id: spa,
      code_verifier: verifier,
    });
    return response;
  };

  beforeAll(async () => {
    graph = await createGraphBed(provider);
    spa = await graph.bed.publicClient({ permissions: ["User.ReadWrite.All", "Group.ReadWrite.All"] });
    admin = await graph.bed.guest({ email: "admin@woodgrove.example", displayName: "Wendy Admin" });
    await graph.bed.db.prisma.guest.update({ where: { id: admin }, data: { userType: "Member" } });
    await graph.bed.db.prisma.directoryRoleAssignment.create({
      data: { tenantId: TENANT, guestId: admin, role: "userAdministrator" },
    });
  });
  afterAll(async () => {
    expect(graph?.bed.errors).toEqual([]);
    await graph?.bed.close();
  });

  it("lets the signed-in administrator call Graph through the client, audited under their name", async () => {
    const response = await delegatedToken(
      admin,
      "openid https://graph.microsoft.com/User.ReadWrite.All https://graph.microsoft.com/Group.ReadWrite.All",
    );
    expect(response.status).toBe(200);
    const { access_token } = (await response.json()) as { access_token: string };
    const claims = await graph.bed.verify(access_token, `${BASE}/${TENANT}/graph`, { typ: "at+jwt" });
    expect(claims.scp).toBe("openid User.ReadWrite.All Group.ReadWrite.All");
    expect(claims.roles).toBeUndefined();

    const client = graph.client(access_token);
    expect(((await client.api("/me").get()) as { id: string }).id).toBe(admin);
    const guest = await graph.bed.guest({ displayName: "Ana Berg" });
    await client.api(`/users/${guest}`).patch({ city: "Utrecht" });
    const group = (await client
      .api("/groups")
      .post({ displayName: "Delegated", mailEnabled: false, mailNickname: "delegated", securityEnabled: true })) as {
      id: string;
    };
    const event = await graph.bed.db.prisma.auditEvent.findFirstOrThrow({ where: { type: "group.created", targetId: group.id } });
    expect([event.actorType, event.actorId, event.actorDisplayName]).toEqual(["administrator", admin, "Wendy Admin"]);
  });

  it("refuses what the scope or the role does not allow, and a code without PKCE", async () => {
    const readOnly = await delegatedToken(admin, "openid https://graph.microsoft.com/User.ReadWrite.All");
    const client = graph.client(((await readOnly.json()) as { access_token: string }).access_token);
    const denied = await client
      .api("/groups")
      .post({ displayName: "No", mailEnabled: false, mailNickname: "no", securityEnabled: true })
      .catch((error: GraphError) => error);
    expect((denied as GraphError).statusCode).toBe(403);

    const outsider = await graph.bed.guest({ email: "someone@partner.example" });
    const theirs = await delegatedToken(outsider, "openid https://graph.microsoft.com/User.ReadWrite.All");
    const refused = await graph
      .client(((await theirs.json()) as { access_token: string }).access_token)
      .api("/users")
      .get()
      .catch((error: GraphError) => error);
    expect((refused as GraphError).statusCode).toBe(403);

    // Public clients must prove the code with PKCE (RFC 7636 §4.4); without it no code is issued.
    await expect(delegatedToken(admin, "openid https://graph.microsoft.com/User.ReadWrite.All", false)).rejects.toThrow();
  });

  it("never gives the public client an app-only token", async () => {
    const response = await tokenRequest(graph.bed, {
      grant_type: "client_credentials",
      client_id: spa,
      scope: "https://graph.microsoft.com/.default",
    });
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(((await response.json()) as { error: string }).error).toMatch(/invalid_client|unauthorized_client/);
  });
});
