import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TENANT_SCOPED_MODELS, type TenantScopedModel } from "../../../app/_lib/db";
import { createTestDatabase, testDatabaseProviders, type TestDatabase } from "../../helpers/database";

const tsx = path.join(path.dirname(createRequire(import.meta.url).resolve("tsx/package.json")), "dist/cli.mjs");

it("knows every model with a tenantId column (a new one must be added to the rename)", async () => {
  const models = await readFile("prisma/models.prisma", "utf8");
  const scoped = [...models.matchAll(/^model (\w+) \{([\s\S]*?)^\}/gm)]
    .filter(([, , body]) => /^\s+tenantId\s/m.test(body!))
    .map(([, name]) => name![0]!.toLowerCase() + name!.slice(1));
  expect([...TENANT_SCOPED_MODELS].sort()).toEqual(scoped.sort());
});

describe.each(testDatabaseProviders())("npm run guestgate -- tenants rename on %s", (provider) => {
  let db: TestDatabase;
  let dir: string;
  let config: string;
  let woodgroveId: string;
  beforeAll(async () => {
    db = await createTestDatabase(provider);
    dir = await mkdtemp(path.join(os.tmpdir(), "guestgate-rename-"));
    // the operator's first step: the slug changes in the tenants file, the id stays
    const shipped = JSON.parse(await readFile("tenants.json", "utf8"));
    woodgroveId = shipped.tenants[0].id;
    shipped.tenants[0].slug = "woodgrove-market";
    config = path.join(dir, "tenants.json");
    await writeFile(config, JSON.stringify(shipped));
  });
  afterAll(async () => {
    await db?.drop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
    return promisify(execFile)(process.execPath, [tsx, "app/_cli/main.ts", ...args], {
      env: { ...process.env, DATABASE_URL: db.url, GUESTGATE_CONFIG: config, NODE_ENV: "development" },
    }).then(
      ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
      (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }),
    );
  }

  /** One row in every tenant-scoped table. */
  async function seed(tenantId: string, tag: string) {
    const p = db.prisma;
    const guest = await p.guest.create({
      data: {
        tenantId,
        userType: "Guest",
        createdVia: "seed",
        identities: { create: { tenantId, issuer: "https://idp.example", subject: `s-${tag}`, provider: "email" } },
        attributes: { create: { name: "city", value: '"Utrecht"' } },
      },
    });
    await p.auditEvent.create({ data: { tenantId, type: "guest.created", targetId: guest.id } });
    const app = await p.application.create({
      data: {
        tenantId,
        clientId: `client-${tag}`,
        name: "App",
        clientType: "confidential",
        secrets: { create: { hash: "h", hint: "abc", expiresAt: new Date(Date.now() + 1e9) } },
      },
    });
    await p.signingKey.create({
      data: {
        tenantId,
        kid: `kid-${tag}`,
        alg: "ES256",
        publicJwk: "{}",
        privateJwkEncrypted: "x",
        state: "active",
        activeSlot: `${tenantId}:ES256`,
        activatedAt: new Date(),
      },
    });
    const later = new Date(Date.now() + 3600_000);
    await p.opSession.create({
      data: { id: `ops-${tag}`, sid: `sid-${tag}`, tenantId, guestId: guest.id, authTime: new Date(), expiresAt: later },
    });
    await p.interaction.create({
      data: { id: `int-${tag}`, tenantId, clientId: app.clientId, request: "{}", browserBindingHash: "h", expiresAt: later },
    });
    await p.authorizationCode.create({
      data: {
        codeHash: `code-${tag}`,
        tenantId,
        clientId: app.clientId,
        guestId: guest.id,
        redirectUri: "https://a/cb",
        scope: "openid",
        authTime: new Date(),
        expiresAt: later,
      },
    });
    const grant = await p.grant.create({
      data: { tenantId, clientId: app.clientId, guestId: guest.id, kind: "authorization_code", scope: "openid" },
    });
    await p.refreshToken.create({
      data: { tokenHash: `rt-${tag}`, tenantId, grantId: grant.id, clientId: app.clientId, scope: "openid", expiresAt: later },
    });
    await p.journey.create({
      data: {
        id: `j-${tag}`,
        tenantId,
        state: "start",
        interactionId: `int-${tag}`,
        clientId: app.clientId,
        flowId: "f",
        locale: "en",
        bindingHash: "h",
        expiresAt: later,
      },
    });
    const flow = await p.userFlow.create({ data: { tenantId, name: `flow-${tag}`, definition: "{}" } });
    await p.userFlowApplication.create({ data: { tenantId, clientId: app.clientId, userFlowId: flow.id } });
    const group = await p.group.create({ data: { tenantId, displayName: "Partners", mailNickname: `partners-${tag}` } });
    await p.groupMember.create({ data: { tenantId, groupId: group.id, guestId: guest.id } });
    await p.appRoleAssignment.create({
      data: {
        id: `ara-${tag}`,
        tenantId,
        guestId: guest.id,
        applicationId: app.id,
        appRoleId: "00000000-0000-0000-0000-000000000000",
      },
    });
    const nested = await p.group.create({ data: { tenantId, displayName: "Nested", mailNickname: `nested-${tag}` } });
    await p.groupNesting.create({ data: { tenantId, parentId: group.id, childId: nested.id } });
    await p.groupOwner.create({ data: { tenantId, groupId: group.id, guestId: guest.id } });
    await p.groupAppRoleAssignment.create({
      data: {
        id: `gara-${tag}`,
        tenantId,
        groupId: group.id,
        applicationId: app.id,
        appRoleId: "00000000-0000-0000-0000-000000000000",
      },
    });
    await p.directoryRoleAssignment.create({ data: { tenantId, guestId: guest.id, role: "directoryReader" } });
    // A member who sponsors and manages the guest (and sponsors the partner organisation below).
    const member = await p.guest.create({ data: { tenantId, userType: "Member", createdVia: "seed" } });
    await p.userSponsor.create({ data: { tenantId, guestId: guest.id, sponsorId: member.id } });
    await p.userManager.create({ data: { tenantId, guestId: guest.id, managerId: member.id } });
    await p.customAttribute.create({ data: { tenantId, name: `kvk${tag}`, dataType: "string" } });
    const now = new Date();
    await p.adminSession.create({
      data: {
        id: `as-${tag}`,
        tenantId,
        memberId: guest.id,
        tokenHash: `hash-${tag}`,
        amr: "[]",
        authenticatedAt: now,
        lastSeenAt: now,
        expiresAt: now,
      },
    });
    await p.invitation.create({
      data: {
        id: `inv-${tag}`,
        tenantId,
        guestId: guest.id,
        email: `ana-${tag}@example.net`,
        userType: "Guest",
        redirectUrl: "https://a/",
        ticketHash: `ticket-${tag}`,
        ticketExpiresAt: later,
        status: "pending",
        inviterType: "system",
        inviterId: "seed",
      },
    });
    await p.invitationBulkJob.create({
      data: {
        id: `bulk-${tag}`,
        tenantId,
        memberId: guest.id,
        actor: "{}",
        fileName: "f.csv",
        sendInvitationMessage: false,
        state: "finished",
        total: 1,
        rows: { create: [{ line: 2, email: `bulk-${tag}@example.net` }] },
      },
    });
    await p.tenantSettings.create({ data: { tenantId, selfServiceSignUp: false } });
    await p.adminPasskey.create({
      data: { tenantId, memberId: guest.id, credentialId: `cred-${tag}`, publicKey: "pk", name: "key" },
    });
    await p.adminCeremony.create({ data: { idHash: `cer-${tag}`, tenantId, kind: "oidc", data: "{}", expiresAt: now } });
    await p.signUpFunnelJourney.create({
      data: { tenantId, journeyKey: `jk-${tag}`, day: "2026-12-02", flowName: "default", locale: "en", expiresAt: now },
    });
    await p.apiConnector.create({
      data: { tenantId, displayName: `connector ${tag}`, targetUrl: "https://hooks.example/api", authType: "none" },
    });
    const extension = await p.customAuthenticationExtension.create({
      data: {
        tenantId,
        eventType: "onTokenIssuanceStart",
        displayName: `extension ${tag}`,
        targetUrl: "https://hooks.example/api",
        resourceId: "api://hooks.example/7e21a0b6-0000-4000-8000-000000000001",
      },
    });
    await p.authenticationEventListener.create({
      data: { tenantId, eventType: "onTokenIssuanceStart", extensionId: extension.id, appIds: "[]" },
    });
    const catalog = await p.accessPackageCatalog.create({ data: { tenantId, displayName: "Partners" } });
    const resource = await p.accessPackageResource.create({
      data: { tenantId, catalogId: catalog.id, originSystem: "AadGroup", originId: group.id, displayName: "Partners" },
    });
    const role = await p.accessPackageResourceRole.create({
      data: { tenantId, resourceId: resource.id, originId: `Member_${group.id}`, displayName: "Member" },
    });
    const accessPackage = await p.accessPackage.create({ data: { tenantId, catalogId: catalog.id, displayName: "Portal" } });
    await p.accessPackageResourceRoleScope.create({ data: { tenantId, accessPackageId: accessPackage.id, roleId: role.id } });
    const partner = await p.connectedOrganization.create({ data: { tenantId, displayName: "Partner BV" } });
    await p.connectedOrganizationSponsor.create({
      data: { tenantId, organizationId: partner.id, guestId: member.id, kind: "internal" },
    });
    const policy = await p.accessPackageAssignmentPolicy.create({
      data: {
        tenantId,
        accessPackageId: accessPackage.id,
        displayName: "All",
        allowedTargetScope: "allMemberUsers",
        settings: "{}",
      },
    });
    const common = { tenantId, accessPackageId: accessPackage.id, policyId: policy.id, state: "delivered", status: "Delivered" };
    const request = await p.accessPackageAssignmentRequest.create({
      data: { ...common, requestType: "adminAdd", targetGuestId: guest.id },
    });
    await p.accessPackageApprovalStage.create({
      data: { tenantId, requestId: request.id, sequence: 0, status: "Completed", settings: "{}" },
    });
    await p.accessPackageAssignment.create({ data: { ...common, targetGuestId: guest.id } });
    await p.entitlementManagementSettings.create({ data: { tenantId } });
    await p.accessPackageExternalUser.create({
      data: { tenantId, guestId: guest.id, state: "ended", endedAt: new Date() },
    });
    await p.signUpRequest.create({
      data: { guestId: guest.id, tenantId, userFlowName: "signup-signin", clientId: "app", locale: "en", state: "pending" },
    });
  }

  // One row of every model per tenant, two groups (one nested in the other) and two users (a guest and its sponsor).
  const SEEDED = { ...Object.fromEntries(TENANT_SCOPED_MODELS.map((m) => [m, 1])), group: 2, guest: 2 };

  const countsOf = async (tenantId: string) => {
    const counts = {} as Record<TenantScopedModel, number>;
    for (const model of TENANT_SCOPED_MODELS)
      counts[model] = await (db.prisma[model] as unknown as { count(a: object): Promise<number> }).count({ where: { tenantId } });
    return counts;
  };

  it("moves every row of the old slug to the new one, and leaves other tenants alone", async () => {
    await seed("woodgrove", "w1");
    await seed("sparbanken", "s1");
    const run = await cli("tenants", "rename", "--from", "woodgrove", "--to", "woodgrove-market");
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`moved the rows of "woodgrove" to "woodgrove-market" (tenant ${woodgroveId})`);
    expect(run.stdout).toContain("/woodgrove-market/v2.0");

    expect(Object.values(await countsOf("woodgrove")).every((n) => n === 0)).toBe(true);
    const moved = await countsOf("woodgrove-market");
    // every table has the seeded row; the audit log also has the rename's own event
    expect(moved).toEqual({ ...SEEDED, auditEvent: 2 });
    expect(await countsOf("sparbanken")).toEqual(SEEDED);
    expect(await db.prisma.signingKey.findUnique({ where: { kid: "kid-w1" } })).toMatchObject({
      activeSlot: "woodgrove-market:ES256",
    });
    expect(await db.prisma.signingKey.findUnique({ where: { kid: "kid-s1" } })).toMatchObject({ activeSlot: "sparbanken:ES256" });
    // rows hanging off moved rows came along
    const guest = await db.prisma.guest.findFirstOrThrow({
      where: { tenantId: "woodgrove-market" },
      include: { attributes: true },
    });
    expect(guest.attributes).toHaveLength(1);
    const event = await db.prisma.auditEvent.findFirstOrThrow({ where: { type: "tenant.renamed" } });
    expect(event).toMatchObject({ tenantId: "woodgrove-market", actorType: "system", actorId: "cli", targetType: "tenant" });
    expect(JSON.parse(event.data)).toMatchObject({ from: "woodgrove", to: "woodgrove-market" });
  });

  it("refuses what would lose or merge rows, and a failure half-way moves nothing", async () => {
    // the old slug is still a tenant in the file / the new one is not
    expect((await cli("tenants", "rename", "--from", "sparbanken", "--to", "woodgrove-market")).stderr).toMatch(
      /"sparbanken" is still a tenant in the tenants file/,
    );
    expect((await cli("tenants", "rename", "--from", "woodgrove", "--to", "nowhere")).stderr).toMatch(
      /no tenant "nowhere" in the tenants file/,
    );
    // the new slug already has rows: two directories would become one
    await seed("woodgrove", "w2");
    const merge = await cli("tenants", "rename", "--from", "woodgrove", "--to", "woodgrove-market");
    expect(merge.code).toBe(1);
    expect(merge.stderr).toMatch(/"woodgrove-market" already has rows \(guest, identity, .*\): .*Nothing was moved/);
    expect(await countsOf("woodgrove")).toEqual(SEEDED);

    // clear the way, then make the last step (the signing keys' slots) fail: the whole move rolls back
    for (const model of [...TENANT_SCOPED_MODELS].reverse())
      await (db.prisma[model] as unknown as { deleteMany(a: object): Promise<unknown> }).deleteMany({
        where: { tenantId: "woodgrove-market" },
      });
    await db.prisma.signingKey.create({
      data: {
        tenantId: "elsewhere",
        kid: "kid-squat",
        alg: "ES256",
        publicJwk: "{}",
        privateJwkEncrypted: "x",
        state: "active",
        activeSlot: "woodgrove-market:ES256",
        activatedAt: new Date(),
      },
    });
    const failed = await cli("tenants", "rename", "--from", "woodgrove", "--to", "woodgrove-market");
    expect(failed.code).not.toBe(0);
    expect(await countsOf("woodgrove")).toEqual(SEEDED);
    expect(Object.values(await countsOf("woodgrove-market")).every((n) => n === 0)).toBe(true);
  });
});
