import { auditActor, type Actor } from "../directory";
import type { PrismaClient } from "./client";

/**
 * Every table whose rows carry a tenant's slug in `tenantId`. A model added to prisma/models.prisma
 * with a tenantId column must be listed here: tests/integration/db/tenant-rename.test.ts compares
 * this list with the model source. (attribute_values, client_secrets and email_passcodes hang off
 * rows listed here; rate-limit keys and job leases are not per tenant.)
 */
export const TENANT_SCOPED_MODELS = [
  "guest",
  "identity",
  "auditEvent",
  "application",
  "signingKey",
  "opSession",
  "interaction",
  "authorizationCode",
  "grant",
  "refreshToken",
  "journey",
  "userFlow",
  "userFlowApplication",
  "group",
  "groupMember",
  "appRoleAssignment",
  "groupNesting",
  "groupOwner",
  "groupAppRoleAssignment",
  "userSponsor",
  "userManager",
  "directoryRoleAssignment",
  "customAttribute",
  "adminSession",
  "invitation",
  "invitationBulkJob",
  "tenantSettings",
  "adminPasskey",
  "adminCeremony",
  "signUpFunnelJourney",
  "apiConnector",
  "customAuthenticationExtension",
  "authenticationEventListener",
  "accessPackageCatalog",
  "accessPackageResource",
  "accessPackageResourceRole",
  "accessPackage",
  "accessPackageResourceRoleScope",
  "connectedOrganization",
  "connectedOrganizationSponsor",
  "accessPackageAssignmentPolicy",
  "accessPackageAssignmentRequest",
  "accessPackageAssignment",
  "accessPackageApprovalStage",
  "signUpRequest",
  "entitlementManagementSettings",
  "accessPackageExternalUser",
] as const;
export type TenantScopedModel = (typeof TENANT_SCOPED_MODELS)[number];

interface TenantRows {
  count(args: { where: { tenantId: string } }): Promise<number>;
  updateMany(args: { where: { tenantId: string }; data: { tenantId: string } }): Promise<{ count: number }>;
}

export class TenantRenameError extends Error {
  override name = "TenantRenameError";
}

/**
 * Moves every row of tenant `from` to the slug `to`, in one transaction: either all of a tenant's
 * rows answer to the new slug or none do. Refuses when `to` already has rows (that would merge two
 * tenants' directories). Signing keys' active slots ("slug:alg") move with them. The rename is
 * audited under the new slug with the actor's name.
 */
export async function renameTenantRows(
  prisma: PrismaClient,
  input: { from: string; to: string; actor: Actor; now: Date },
): Promise<Record<TenantScopedModel, number>> {
  const { from, to } = input;
  if (from === to) throw new TenantRenameError("the old and the new slug are the same");
  return prisma.$transaction(
    async (tx) => {
      const rows = (model: TenantScopedModel) => tx[model] as unknown as TenantRows;
      const occupied: string[] = [];
      for (const model of TENANT_SCOPED_MODELS)
        if ((await rows(model).count({ where: { tenantId: to } })) > 0) occupied.push(model);
      if (occupied.length)
        throw new TenantRenameError(
          `"${to}" already has rows (${occupied.join(", ")}): was the server started with the new slug before the rename? Nothing was moved`,
        );

      const moved = {} as Record<TenantScopedModel, number>;
      for (const model of TENANT_SCOPED_MODELS)
        moved[model] = (await rows(model).updateMany({ where: { tenantId: from }, data: { tenantId: to } })).count;
      if (Object.values(moved).every((count) => count === 0)) throw new TenantRenameError(`no rows belong to "${from}"`);

      for (const key of await tx.signingKey.findMany({ where: { tenantId: to, activeSlot: { not: null } } }))
        await tx.signingKey.update({ where: { id: key.id }, data: { activeSlot: `${to}:${key.alg}` } });

      await tx.auditEvent.create({
        data: {
          tenantId: to,
          type: "tenant.renamed",
          ...auditActor(input.actor),
          targetType: "tenant",
          targetId: to,
          data: JSON.stringify({ from, to, rows: moved }),
          createdAt: input.now,
        },
      });
      return moved;
    },
    // a large tenant's rows take a while to rewrite; the default 5 s would abort it half-way (and roll back)
    { timeout: 10 * 60_000, maxWait: 30_000 },
  );
}
