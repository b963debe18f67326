// Deleting in entitlement management through the unmodified Graph JS client, on SQLite and
// PostgreSQL: a catalog only once it has no access packages, an access package and a policy only
// once nobody holds it and no request for it is on its way (its ended history goes with it), a
// connected organization only once no policy names it; each refusal a 400 naming what is in the
// way, with nothing deleted; each delete a 204 audited with the application. Another tenant's ids
// are not found. And the service's backward keyset (the portal's "previous page").
import { GraphError, type Client } from "@microsoft/microsoft-graph-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDatabaseProviders } from "../../helpers/database";
import { createGraphBed, type GraphBed } from "./api-bed";

const EM = "/identityGovernance/entitlementManagement";
const PERMISSIONS = ["EntitlementManagement.ReadWrite.All", "Group.ReadWrite.All", "User.Read.All", "AuditLog.Read.All"];

async function refusal(call: Promise<unknown>): Promise<GraphError> {
  const outcome = await call.then(
    () => undefined,
    (error: unknown) => error,
  );
  expect(outcome, "the call should have failed").toBeInstanceOf(GraphError);
  return outcome as GraphError;
}

describe.each(testDatabaseProviders())("deletes in entitlement management through the Graph client on %s", (provider) => {
  let graph: GraphBed;
  let client: Client;
  let other: Client;

  beforeAll(async () => {
    graph = await createGraphBed(provider);
    client = graph.client(await graph.appToken(PERMISSIONS));
    other = graph.client(await graph.appToken(PERMISSIONS, "sparbanken"), "sparbanken");
  });
  afterAll(async () => {
    expect(graph?.bed.errors).toEqual([]);
    await graph?.bed.close();
  });

  const catalogWithPackage = async (name: string) => {
    const catalog = await client.api(`${EM}/catalogs`).post({ displayName: name });
    const accessPackage = await client
      .api(`${EM}/accessPackages`)
      .post({ displayName: `${name} package`, catalog: { id: catalog.id } });
    return { catalog, accessPackage };
  };
  const deletions = async (type: string, targetId: string) =>
    graph.bed.db.prisma.auditEvent.findMany({ where: { type, targetId }, select: { actorType: true } });

  it("deletes a catalog only once it has no access packages", async () => {
    const { catalog, accessPackage } = await catalogWithPackage("Suppliers");
    const refused = await refusal(client.api(`${EM}/catalogs/${catalog.id}`).delete());
    expect(refused.statusCode).toBe(400);
    expect(refused.message).toMatch(/still has access packages/);
    expect((await client.api(`${EM}/catalogs/${catalog.id}`).get()).id).toBe(catalog.id);
    expect(await deletions("accessPackageCatalog.deleted", catalog.id)).toEqual([]);

    // Another tenant's application finds neither.
    expect((await refusal(other.api(`${EM}/accessPackages/${accessPackage.id}`).delete())).statusCode).toBe(404);
    expect((await refusal(other.api(`${EM}/catalogs/${catalog.id}`).delete())).statusCode).toBe(404);

    await client.api(`${EM}/accessPackages/${accessPackage.id}`).delete();
    await client.api(`${EM}/catalogs/${catalog.id}`).delete();
    expect((await refusal(client.api(`${EM}/catalogs/${catalog.id}`).get())).statusCode).toBe(404);
    expect((await refusal(client.api(`${EM}/catalogs/${catalog.id}`).delete())).statusCode).toBe(404);
    expect(await deletions("accessPackageCatalog.deleted", catalog.id)).toEqual([{ actorType: "application" }]);
    expect(await deletions("accessPackage.deleted", accessPackage.id)).toEqual([{ actorType: "application" }]);
  });

  it("deletes a package and its policy only once nobody holds it; their ended history goes with them", async () => {
    const { accessPackage } = await catalogWithPackage("Partners");
    const guest = await graph.bed.guest({ email: "pia@fabrikam.example", displayName: "Pia" });
    const policy = await client.api(`${EM}/assignmentPolicies`).post({
      displayName: "Direct",
      accessPackage: { id: accessPackage.id },
      allowedTargetScope: "allDirectoryUsers",
      expiration: { type: "afterDuration", duration: "P30D" },
    });
    const request = await client.api(`${EM}/assignmentRequests`).post({
      requestType: "adminAdd",
      assignment: { targetId: guest, assignmentPolicyId: policy.id, accessPackageId: accessPackage.id },
    });
    expect(request.state).toBe("delivered");

    for (const path of [`${EM}/accessPackages/${accessPackage.id}`, `${EM}/assignmentPolicies/${policy.id}`]) {
      const refused = await refusal(client.api(path).delete());
      expect(refused.statusCode).toBe(400);
      expect(refused.message).toMatch(/active assignments or requests in progress|in progress still depend/);
    }
    expect((await client.api(`${EM}/assignmentPolicies/${policy.id}`).get()).id).toBe(policy.id);

    // Removed: the assignment has ended, and the policy (then the package) may go, history and all.
    const [assignment] = (await client.api(`${EM}/assignments`).filter(`target/objectId eq '${guest}'`).get()).value;
    await client.api(`${EM}/assignmentRequests`).post({
      requestType: "adminRemove",
      assignment: { id: assignment.id },
    });
    await client.api(`${EM}/assignmentPolicies/${policy.id}`).delete();
    expect((await refusal(client.api(`${EM}/assignmentPolicies/${policy.id}`).get())).statusCode).toBe(404);
    const prisma = graph.bed.db.prisma;
    expect(await prisma.accessPackageAssignmentRequest.count({ where: { policyId: policy.id } })).toBe(0);
    expect(await prisma.accessPackageAssignment.count({ where: { policyId: policy.id } })).toBe(0);
    await client.api(`${EM}/accessPackages/${accessPackage.id}`).delete();
    expect(await deletions("accessPackagePolicy.deleted", policy.id)).toEqual([{ actorType: "application" }]);
    // The trail of what the guest held outlives both.
    expect(await prisma.auditEvent.count({ where: { targetId: guest, type: "accessPackageAssignment.delivered" } })).toBe(1);
  });

  it("refuses to delete a package while a request for it waits for approval", async () => {
    const { accessPackage } = await catalogWithPackage("Reviewed");
    const approver = await graph.bed.guest({ email: "ann@woodgrove.example", displayName: "Ann" });
    const guest = await graph.bed.guest({ email: "wil@fabrikam.example", displayName: "Wil" });
    const policy = await client.api(`${EM}/assignmentPolicies`).post({
      displayName: "Reviewed",
      accessPackage: { id: accessPackage.id },
      allowedTargetScope: "allDirectoryUsers",
      requestApprovalSettings: {
        isApprovalRequiredForAdd: true,
        stages: [
          {
            durationBeforeAutomaticDenial: "P7D",
            primaryApprovers: [{ "@odata.type": "#microsoft.graph.singleUser", userId: approver }],
          },
        ],
      },
    });
    const request = await client.api(`${EM}/assignmentRequests`).post({
      requestType: "adminAdd",
      assignment: { targetId: guest, assignmentPolicyId: policy.id, accessPackageId: accessPackage.id },
    });
    expect(request.state).toBe("pendingApproval");
    expect((await refusal(client.api(`${EM}/accessPackages/${accessPackage.id}`).delete())).statusCode).toBe(400);
    expect((await refusal(client.api(`${EM}/assignmentPolicies/${policy.id}`).delete())).statusCode).toBe(400);
    // Its stage's time ran out (the job's verb, the clock moved): nothing is on its way any more.
    const job = { type: "system" as const, name: "job:access-package-lifecycle" };
    expect(await graph.entitlements.denyOverdue(job, new Date(Date.now() + 8 * 24 * 3600 * 1000), 10)).toBe(1);
    await client.api(`${EM}/accessPackages/${accessPackage.id}`).delete();
    expect((await refusal(client.api(`${EM}/assignmentPolicies/${policy.id}`).get())).statusCode).toBe(404);
  });

  it("deletes a connected organization only once no policy names it", async () => {
    const { accessPackage } = await catalogWithPackage("Contoso");
    const organization = await client.api(`${EM}/connectedOrganizations`).post({
      displayName: "Contoso",
      identitySources: [
        { "@odata.type": "#microsoft.graph.domainIdentitySource", domainName: "contoso.example", displayName: "contoso.example" },
      ],
      state: "configured",
    });
    const policy = await client.api(`${EM}/assignmentPolicies`).post({
      displayName: "Contoso people",
      accessPackage: { id: accessPackage.id },
      allowedTargetScope: "specificConnectedOrganizationUsers",
      specificAllowedTargets: [
        { "@odata.type": "#microsoft.graph.connectedOrganizationMembers", connectedOrganizationId: organization.id },
      ],
    });
    const refused = await refusal(client.api(`${EM}/connectedOrganizations/${organization.id}`).delete());
    expect(refused.statusCode).toBe(400);
    expect(refused.message).toMatch(/policy still names this connected organization/);
    expect((await refusal(other.api(`${EM}/connectedOrganizations/${organization.id}`).delete())).statusCode).toBe(404);
    await client.api(`${EM}/assignmentPolicies/${policy.id}`).delete();
    await client.api(`${EM}/connectedOrganizations/${organization.id}`).delete();
    expect((await refusal(client.api(`${EM}/connectedOrganizations/${organization.id}`).get())).statusCode).toBe(404);
    expect(await deletions("connectedOrganization.deleted", organization.id)).toEqual([{ actorType: "application" }]);
  });

  it("reads a list backwards from an id, in the same order as forwards (the portal's previous page)", async () => {
    const actor = { type: "system" as const, name: "test" };
    for (const n of [1, 2, 3, 4, 5])
      await graph.entitlements.createCatalog(
        { actor, tenantId: "sparbanken" },
        { displayName: `C${n}`, description: "", catalogType: "userManaged", state: "published", isExternallyVisible: false },
      );
    const all = await graph.entitlements.listCatalogs(actor, "sparbanken", { top: 10 });
    expect(all.items).toHaveLength(5);
    const ids = all.items.map((c) => c.id);
    const second = await graph.entitlements.listCatalogs(actor, "sparbanken", { top: 2, after: ids[1] });
    expect(second.items.map((c) => c.id)).toEqual(ids.slice(2, 4));
    expect(second.more).toBe(true);
    const back = await graph.entitlements.listCatalogs(actor, "sparbanken", { top: 2, before: ids[2] });
    expect(back.items.map((c) => c.id)).toEqual(ids.slice(0, 2));
    expect(back.more).toBe(false);
    const middle = await graph.entitlements.listCatalogs(actor, "sparbanken", { top: 2, before: ids[4] });
    expect(middle.items.map((c) => c.id)).toEqual(ids.slice(2, 4));
    expect(middle.more).toBe(true);
  });
});
