// Access packages for the portal's browser tests, made through the entitlement service on the
// server's database as the operator's CLI would (a system actor): catalog, package, a policy whose
// stages name the given approvers, and an administrator's request waiting for them.
import { randomUUID } from "node:crypto";
import { createEntitlementService, type SubjectSet } from "../../../app/_lib/access";
import { createEntitlementStore, searchKeyOf, type PrismaClient } from "../../../app/_lib/db";

const SEED = { type: "system" as const, name: "seed" };

export const user = (userId: string): SubjectSet => ({ "@odata.type": "#microsoft.graph.singleUser", userId });

export function entitlementsOver(prisma: PrismaClient) {
  return createEntitlementService(createEntitlementStore(prisma));
}

/** A guest of the tenant, to be the request's target. */
export async function seedGuest(prisma: PrismaClient, tenantId: string, displayName: string) {
  const email = `${displayName.toLowerCase().replace(/\W+/g, ".")}.${randomUUID().slice(0, 6)}@fabrikam.example`;
  return prisma.guest.create({
    data: {
      id: randomUUID(),
      tenantId,
      userType: "Guest",
      createdVia: "seed",
      email,
      displayName,
      searchName: searchKeyOf(displayName),
    },
  });
}

/**
 * A package under a policy of one stage per entry of `stages` (each stage's approvers), the first
 * requiring the approver's justification, and a request for `targetId` waiting in its first stage.
 */
export async function seedPendingRequest(
  prisma: PrismaClient,
  tenantId: string,
  options: { targetId: string; stages: SubjectSet[][]; packageName?: string; stageDuration?: string },
) {
  const entitlements = entitlementsOver(prisma);
  const call = { actor: SEED, tenantId };
  const suffix = randomUUID().slice(0, 6);
  const catalog = await entitlements.createCatalog(call, {
    displayName: `Partners ${suffix}`,
    description: "",
    catalogType: "userManaged",
    state: "published",
    isExternallyVisible: true,
  });
  const accessPackage = await entitlements.createPackage(call, catalog.id, {
    displayName: options.packageName ?? `Supplier portal ${suffix}`,
    description: "Orders and invoices",
    isHidden: false,
  });
  const policy = await entitlements.createPolicy(call, {
    displayName: "Suppliers",
    accessPackage: { id: accessPackage.id },
    allowedTargetScope: "allExternalUsers",
    requestorSettings: { enableTargetsToSelfAddAccess: true },
    requestApprovalSettings: {
      isApprovalRequiredForAdd: true,
      isRequestorJustificationRequired: true,
      stages: options.stages.map((approvers, index) => ({
        primaryApprovers: approvers,
        durationBeforeAutomaticDenial: options.stageDuration ?? "P7D",
        isApproverJustificationRequired: index === 0,
      })),
    },
    expiration: { type: "afterDuration", duration: "P90D" },
  });
  const request = await entitlements.adminAdd(call, {
    accessPackageId: accessPackage.id,
    policyId: policy.id,
    justification: "Delivers spare parts to us",
    target: { id: options.targetId },
  });
  return { catalog, accessPackage, policy, request };
}
