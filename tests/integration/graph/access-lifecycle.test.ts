// The lifecycle job's later steps, with a moved clock, on SQLite and PostgreSQL: the external-user
// lifecycle (entitlementManagement/settings): a guest created through access packages whose last
// assignment ends is blocked (accountEnabled false, its refresh token refused), then deleted after
// durationUntilExternalUserDeletedAfterBlocked, each step audited with the job as actor and the
// audit trail kept; a guest given a new assignment before that is unblocked and kept; a guest
// that signed up by itself is never touched. And crash recovery: a delivery whose process stopped
// inside its transaction (grants written, never committed) leaves the request `delivering` with
// nothing assigned; after the time bound the job delivers it, or marks it deliveryFailed.
import type { Client } from "@microsoft/microsoft-graph-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createEntitlementService,
  entitlementLifecycleJob,
  STALE_DELIVERY_MS,
  type EntitlementStore,
} from "../../../app/_lib/access";
import { createEntitlementStore } from "../../../app/_lib/db";
import { testDatabaseProviders } from "../../helpers/database";
import { basicAuth, obtainCode, REDIRECT, TENANT, tokenRequest } from "../oidc/harness";
import { createGraphBed, type GraphBed } from "./api-bed";

const EM = "/identityGovernance/entitlementManagement";
const DAY = 24 * 3600 * 1000;
const JOB = "job:access-package-lifecycle";
const system = { type: "system" as const, name: JOB };

describe.each(testDatabaseProviders())("the access-package lifecycle job (clock moved) on %s", (provider) => {
  let graph: GraphBed;
  let admin: Client;
  let web: { clientId: string; secret: string };
  let group: { id: string };
  let accessPackage: { id: string };
  let fiveDays: { id: string };

  const job = () => entitlementLifecycleJob(graph.entitlements);
  const later = (days: number) => new Date(Date.now() + days * DAY);
  const prisma = () => graph.bed.db.prisma;

  /** A guest that came in through an access package's delivery and has since signed in. */
  const packageGuest = async (email: string) => {
    const id = await graph.bed.guest({ email, displayName: email.split("@")[0] });
    await prisma().guest.update({ where: { id }, data: { createdVia: "accessPackage" } });
    // Redeemed: it signed in with the passcode, so unblocking returns it to active.
    await prisma().identity.create({
      data: { tenantId: TENANT, guestId: id, issuer: "urn:guestgate:email", subject: email, provider: "email", email },
    });
    return id;
  };
  const assign = async (guestId: string, policyId = fiveDays.id, packageId = accessPackage.id) =>
    admin.api(`${EM}/assignmentRequests`).post({
      requestType: "adminAdd",
      assignment: { targetId: guestId, assignmentPolicyId: policyId, accessPackageId: packageId },
    });
  const refreshTokenOf = async (guestId: string) => {
    const { code, verifier } = await obtainCode(graph.bed, { clientId: web.clientId, guestId, scope: "openid offline_access" });
    const response = await tokenRequest(
      graph.bed,
      { grant_type: "authorization_code", code, redirect_uri: REDIRECT, code_verifier: verifier },
      basicAuth(web.clientId, web.secret),
    );
    expect(response.status).toBe(200);
    return ((await response.json()) as { refresh_token: string }).refresh_token;
  };
  const refresh = (token: string) =>
    tokenRequest(graph.bed, { grant_type: "refresh_token", refresh_token: token }, basicAuth(web.clientId, web.secret));
  const eventsOf = (targetId: string) =>
    prisma().auditEvent.findMany({
      where: { targetId },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      select: { type: true, actorType: true, actorId: true },
    });

  beforeAll(async () => {
    graph = await createGraphBed(provider);
    admin = graph.client(
      await graph.appToken([
        "EntitlementManagement.ReadWrite.All",
        "Group.ReadWrite.All",
        "GroupMember.ReadWrite.All",
        "User.Read.All",
      ]),
    );
    web = await graph.bed.confidentialClient({ grantTypes: ["authorization_code", "refresh_token"] });
    group = await admin
      .api("/groups")
      .post({ displayName: "Partners", mailEnabled: false, mailNickname: "partners", securityEnabled: true });
    const catalog = await admin.api(`${EM}/catalogs`).post({ displayName: "Partners" });
    await admin.api(`${EM}/resourceRequests`).post({
      requestType: "adminAdd",
      resource: { originId: group.id, originSystem: "AadGroup" },
      catalog: { id: catalog.id },
    });
    accessPackage = await admin.api(`${EM}/accessPackages`).post({ displayName: "Partner portal", catalog: { id: catalog.id } });
    await admin.api(`${EM}/accessPackages/${accessPackage.id}/resourceRoleScopes`).post({
      role: {
        originId: `Member_${group.id}`,
        originSystem: "AadGroup",
        resource: { originId: group.id, originSystem: "AadGroup" },
      },
      scope: { originId: group.id, originSystem: "AadGroup", isRootScope: true },
    });
    fiveDays = await admin.api(`${EM}/assignmentPolicies`).post({
      displayName: "Five days",
      accessPackage: { id: accessPackage.id },
      allowedTargetScope: "allDirectoryUsers",
      expiration: { type: "afterDuration", duration: "P5D" },
    });
  });
  afterAll(async () => {
    expect(graph?.bed.errors).toEqual([]);
    await graph?.bed.close();
  });

  it("blocks a guest made by access packages when its last assignment ends, then deletes it, keeping the audit trail", async () => {
    // Graph's defaults, then the tenant's own duration.
    expect(await admin.api(`${EM}/settings`).get()).toMatchObject({
      externalUserLifecycleAction: "blockSignInAndDelete",
      durationUntilExternalUserDeletedAfterBlocked: "P30D",
    });
    await admin.api(`${EM}/settings`).patch({ durationUntilExternalUserDeletedAfterBlocked: "P10D" });

    const gus = await packageGuest("gus@fabrikam.example");
    const selfMade = await graph.bed.guest({ email: "sol@fabrikam.example", displayName: "Sol" });
    expect((await assign(gus)).state).toBe("delivered");
    expect((await assign(selfMade)).state).toBe("delivered");
    const token = await refreshTokenOf(gus);

    // Six days on both assignments have ended; only the guest access packages made is blocked.
    expect(await job().run({ now: later(6), actor: system })).toMatchObject({ expired: 2, blocked: 1, deleted: 0 });
    const user = await admin.api(`/users/${gus}`).select("accountEnabled").get();
    expect(user.accountEnabled).toBe(false);
    expect((await admin.api(`/users/${selfMade}`).select("accountEnabled").get()).accountEnabled).toBe(true);
    const refused = await refresh(token);
    expect(refused.status).toBe(400);
    expect(((await refused.json()) as { error: string }).error).toBe("invalid_grant");
    // Nor does a new sign-in get through.
    await expect(refreshTokenOf(gus)).rejects.toThrow(/blocked/);
    const marker = await prisma().accessPackageExternalUser.findUniqueOrThrow({ where: { guestId: gus } });
    expect(marker).toMatchObject({ state: "blocked", blockedByLifecycle: true });
    expect(marker.deleteAt!.getTime() - marker.blockedAt!.getTime()).toBe(10 * DAY);

    // A second run, and one before the ten days are up, change nothing.
    expect(await job().run({ now: later(6), actor: system })).toMatchObject({ blocked: 0, deleted: 0 });
    expect(await job().run({ now: later(15), actor: system })).toMatchObject({ blocked: 0, deleted: 0 });
    expect(await job().run({ now: later(16.5), actor: system })).toMatchObject({ blocked: 0, deleted: 1 });
    expect(await prisma().guest.count({ where: { id: gus } })).toBe(0);
    expect(await prisma().guest.count({ where: { id: selfMade } })).toBe(1);
    expect(await prisma().accessPackageExternalUser.count({ where: { guestId: gus } })).toBe(0);

    // The trail outlives the guest: expiry, block and deletion, each by the job.
    const trail = (await eventsOf(gus)).filter((e) => e.actorType === "system");
    expect(trail.map((e) => [e.type, e.actorId])).toEqual([
      ["accessPackageAssignment.expired", JOB],
      ["guest.blocked", JOB],
      ["guest.deleted", JOB],
    ]);
    // The ended assignment stays readable in Graph's shape.
    const assignments = await admin.api(`${EM}/assignments`).filter(`target/objectId eq '${gus}'`).get();
    expect(assignments.value.map((a: { state: string }) => a.state)).toEqual(["expired"]);
  });

  it("unblocks a blocked guest given a new assignment before its deletion, and keeps it", async () => {
    const ulla = await packageGuest("ulla@fabrikam.example");
    await assign(ulla);
    expect(await job().run({ now: later(6), actor: system })).toMatchObject({ expired: 1, blocked: 1 });
    expect((await prisma().guest.findUniqueOrThrow({ where: { id: ulla } })).state).toBe("blocked");

    const again = await assign(
      ulla,
      (
        await admin.api(`${EM}/assignmentPolicies`).post({
          displayName: "No end",
          accessPackage: { id: accessPackage.id },
          allowedTargetScope: "allDirectoryUsers",
          expiration: { type: "noExpiration" },
        })
      ).id,
    );
    expect(again.state).toBe("delivered");
    expect((await admin.api(`/users/${ulla}`).select("accountEnabled").get()).accountEnabled).toBe(true);
    expect(await prisma().accessPackageExternalUser.count({ where: { guestId: ulla } })).toBe(0);
    const unblocked = await prisma().auditEvent.findFirstOrThrow({ where: { targetId: ulla, type: "guest.unblocked" } });
    expect([unblocked.actorType, unblocked.actorId]).toEqual(["system", "entitlementManagement"]);
    // Its sign-in works again, and the deletion date passes without deleting it.
    expect((await refresh(await refreshTokenOf(ulla))).status).toBe(200);
    expect(await job().run({ now: later(45), actor: system })).toMatchObject({ deleted: 0 });
    expect(await prisma().guest.count({ where: { id: ulla } })).toBe(1);
  });

  it("leaves a guest blocked by an administrator blocked, and applies 'none' by doing nothing", async () => {
    await admin.api(`${EM}/settings`).patch({ externalUserLifecycleAction: "none" });
    const nils = await packageGuest("nils@fabrikam.example");
    await assign(nils);
    expect(await job().run({ now: later(6), actor: system })).toMatchObject({ expired: 1, blocked: 0 });
    expect((await prisma().guest.findUniqueOrThrow({ where: { id: nils } })).state).toBe("active");
    expect(await prisma().accessPackageExternalUser.count({ where: { guestId: nils } })).toBe(0);
    await admin.api(`${EM}/settings`).patch({ externalUserLifecycleAction: "blockSignIn" });

    // Blocked by an administrator first: the lifecycle's block changes nothing, so a new assignment does not unblock it.
    const bea = await packageGuest("bea@fabrikam.example");
    await assign(bea);
    await prisma().guest.update({ where: { id: bea }, data: { state: "blocked" } });
    expect(await job().run({ now: later(6), actor: system })).toMatchObject({ expired: 1, blocked: 1 });
    expect(await prisma().accessPackageExternalUser.findUniqueOrThrow({ where: { guestId: bea } })).toMatchObject({
      state: "blocked",
      blockedByLifecycle: false,
      deleteAt: null,
    });
    await assign(bea);
    expect((await prisma().guest.findUniqueOrThrow({ where: { id: bea } })).state).toBe("blocked");
    await admin.api(`${EM}/settings`).patch({ externalUserLifecycleAction: "blockSignInAndDelete" });
  });

  it("delivers again, after the time bound, a request whose process stopped inside the delivery; or fails it", async () => {
    const store = createEntitlementStore(prisma());
    // The process "stops" right before the delivery's last write: the assignment and the group
    // membership are written inside the transaction, which never commits (Prisma rolls it back at
    // its timeout) and whose caller never resumes — what a killed process leaves.
    const stopping: EntitlementStore = {
      ...store,
      transaction: (work) =>
        store.transaction((unit) =>
          work({
            ...unit,
            updateRequest: (id, from, changes) =>
              changes.state === "delivered" ? new Promise<boolean>(() => {}) : unit.updateRequest(id, from, changes),
          }),
        ),
    };
    const stopped = createEntitlementService(stopping, { now: () => new Date() }, {});
    const carl = await graph.bed.guest({ email: "carl@contoso.example", displayName: "Carl" });
    void stopped.adminAdd(
      { actor: { type: "system", name: "cli" }, tenantId: TENANT },
      { target: { id: carl }, accessPackageId: accessPackage.id, policyId: fiveDays.id, justification: "" },
    );
    // The request committed in `delivering`; the delivery's transaction outlives Prisma's 5 s
    // timeout for interactive transactions, which rolls it back.
    await new Promise((resolve) => setTimeout(resolve, 6_000));
    const request = await prisma().accessPackageAssignmentRequest.findFirstOrThrow({ where: { targetGuestId: carl } });
    expect(request.state).toBe("delivering");
    expect(await prisma().accessPackageAssignment.count({ where: { targetGuestId: carl } })).toBe(0);
    expect(await prisma().groupMember.count({ where: { guestId: carl } })).toBe(0);

    // Within the bound the job leaves it alone (a delivery may still be running); after it, it delivers.
    expect(await job().run({ now: new Date(Date.now() + STALE_DELIVERY_MS / 2), actor: system })).toMatchObject({ recovered: 0 });
    expect(await job().run({ now: new Date(Date.now() + STALE_DELIVERY_MS + 60_000), actor: system })).toMatchObject({
      recovered: 1,
    });
    const recovered = await admin.api(`${EM}/assignmentRequests/${request.id}`).get();
    expect(recovered).toMatchObject({ state: "delivered", assignment: { id: expect.any(String) } });
    expect(await prisma().accessPackageAssignment.count({ where: { targetGuestId: carl } })).toBe(1);
    expect(await prisma().groupMember.count({ where: { guestId: carl, groupId: group.id } })).toBe(1);
    const delivered = await prisma().auditEvent.findFirstOrThrow({
      where: { targetId: carl, type: "accessPackageAssignment.delivered" },
    });
    expect([delivered.actorType, delivered.actorId]).toEqual(["system", JOB]);
    expect(await job().run({ now: new Date(Date.now() + 2 * STALE_DELIVERY_MS), actor: system })).toMatchObject({ recovered: 0 });

    // One whose resource went away meanwhile: deliveryFailed with the reason, nothing assigned.
    const dora = await graph.bed.guest({ email: "dora@contoso.example", displayName: "Dora" });
    const row = await prisma().accessPackageAssignmentRequest.create({
      data: {
        tenantId: TENANT,
        accessPackageId: accessPackage.id,
        policyId: fiveDays.id,
        requestType: "adminAdd",
        state: "delivering",
        status: "Delivering",
        targetGuestId: dora,
        deliveryStartedAt: new Date(Date.now() - 2 * STALE_DELIVERY_MS),
      },
    });
    await admin.api(`/groups/${group.id}`).delete();
    expect(await job().run({ now: new Date(), actor: system })).toMatchObject({ recovered: 1 });
    const failed = await prisma().accessPackageAssignmentRequest.findUniqueOrThrow({ where: { id: row.id } });
    expect([failed.state, failed.failureReason]).toEqual(["deliveryFailed", expect.stringMatching(/no longer in the directory/)]);
    expect(await prisma().accessPackageAssignment.count({ where: { targetGuestId: dora } })).toBe(0);
  });
});
