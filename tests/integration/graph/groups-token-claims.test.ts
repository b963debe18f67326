// `roles` and `groups` in the application's tokens (contract §3.3): a role and a group assigned
// through the real services, then an authorization-code flow and a refresh through the provider.
import { randomUUID } from "node:crypto";
import { decodeJwt } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createGroupStore } from "../../../app/_lib/db";
import { createAppRoleAssignmentService, createGroupService, type Actor } from "../../../app/_lib/directory";
import { appRoleId } from "../../../app/_lib/oidc";
import { testDatabaseProviders } from "../../helpers/database";
import { basicAuth, BASE, createTestbed, obtainCode, REDIRECT, TENANT, tokenRequest, type Testbed } from "../oidc/harness";

const admin: Actor = { type: "administrator", id: "admin-1", role: "globalAdministrator" };
const role = (value: string, extra: Record<string, unknown> = {}) => ({
  value,
  displayName: value,
  description: value,
  allowedMemberTypes: ["User" as const],
  ...extra,
});

describe.each(testDatabaseProviders())("roles and groups claims on %s", (provider) => {
  let bed: Testbed;
  let web: { clientId: string; secret: string };
  let guestId: string;
  let groupId: string;

  beforeAll(async () => {
    bed = await createTestbed(provider);
    web = await bed.confidentialClient({
      grantTypes: ["authorization_code", "refresh_token"],
      appRoles: [role("Partner.Read"), role("Partner.Write")],
    });
    guestId = await bed.guest();
    const store = createGroupStore(bed.db.prisma);
    const groups = createGroupService(store);
    const assignments = createAppRoleAssignmentService(store);
    const application = await bed.db.prisma.application.update({
      where: { clientId: web.clientId },
      data: { groupMembershipClaims: "SecurityGroup" },
    });
    await assignments.create(admin, TENANT, {
      userId: guestId,
      resourceId: application.id,
      appRoleId: appRoleId(web.clientId, { value: "Partner.Read" }),
    });
    const group = await groups.create(admin, TENANT, {
      displayName: "Partners",
      description: null,
      mailEnabled: false,
      mailNickname: "partners",
      securityEnabled: true,
      groupTypes: [],
    });
    groupId = group.id;
    await groups.addMember(admin, TENANT, groupId, guestId);
  });
  afterAll(async () => {
    expect(bed?.errors).toEqual([]);
    await bed?.close();
  });

  const redeem = async (scope: string) => {
    const { code, verifier } = await obtainCode(bed, { clientId: web.clientId, guestId, scope });
    const response = await tokenRequest(
      bed,
      { grant_type: "authorization_code", code, redirect_uri: REDIRECT, code_verifier: verifier },
      basicAuth(web.clientId, web.secret),
    );
    expect(response.status).toBe(200);
    return (await response.json()) as { id_token: string; access_token: string; refresh_token?: string };
  };

  it("puts the assigned role's value and the guest's groups into the ID token and the access token", async () => {
    const tokens = await redeem("openid offline_access");
    for (const token of [tokens.id_token, tokens.access_token]) {
      const claims = decodeJwt(token);
      expect(claims.roles).toEqual(["Partner.Read"]);
      expect(claims.groups).toEqual([groupId]);
    }

    // The refresh grant reads them again: a role removed meanwhile is gone from the new tokens.
    await bed.db.prisma.appRoleAssignment.deleteMany({ where: { guestId } });
    const refreshed = await tokenRequest(
      bed,
      { grant_type: "refresh_token", refresh_token: tokens.refresh_token! },
      basicAuth(web.clientId, web.secret),
    );
    expect(refreshed.status).toBe(200);
    const { id_token, access_token } = (await refreshed.json()) as { id_token: string; access_token: string };
    for (const token of [id_token, access_token]) {
      expect(decodeJwt(token).roles).toBeUndefined();
      expect(decodeJwt(token).groups).toEqual([groupId]);
    }
  });

  it("leaves out disabled roles, and groups when the application asks for none", async () => {
    const application = await bed.db.prisma.application.update({
      where: { clientId: web.clientId },
      data: {
        groupMembershipClaims: "None",
        appRoles: JSON.stringify([role("Partner.Read", { isEnabled: false }), role("Partner.Write")]),
      },
    });
    const assignments = createAppRoleAssignmentService(createGroupStore(bed.db.prisma));
    for (const value of ["Partner.Read", "Partner.Write"])
      await assignments.create(admin, TENANT, {
        userId: guestId,
        resourceId: application.id,
        appRoleId: appRoleId(web.clientId, { value }),
      });
    const claims = decodeJwt((await redeem("openid")).id_token);
    expect(claims.roles).toEqual(["Partner.Write"]);
    expect(claims.groups).toBeUndefined();
  });

  it("replaces more than 200 groups by a distributed claim pointing at getMemberObjects", async () => {
    await bed.db.prisma.application.update({ where: { clientId: web.clientId }, data: { groupMembershipClaims: "All" } });
    const many = Array.from({ length: 201 }, (_, index) => ({
      id: randomUUID(),
      tenantId: TENANT,
      displayName: `Overage ${index}`,
      mailNickname: `overage${index}`,
    }));
    await bed.db.prisma.group.createMany({ data: many });
    await bed.db.prisma.groupMember.createMany({ data: many.map((group) => ({ groupId: group.id, tenantId: TENANT, guestId })) });
    const tokens = await redeem("openid");
    for (const token of [tokens.id_token, tokens.access_token]) {
      const claims = decodeJwt(token);
      expect(claims.groups).toBeUndefined();
      expect(claims._claim_names).toEqual({ groups: "src1" });
      expect(claims._claim_sources).toEqual({
        src1: { endpoint: `${BASE}/${TENANT}/graph/v1.0/users/${guestId}/getMemberObjects` },
      });
    }
  });
});
