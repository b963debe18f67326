import { services } from "../../../../../../../_lib/server";
import { deleteAction } from "../../../../_lib/delete-action";

/** Deletes the assignment policy; refused while assignments or requests in progress depend on it. */
export const POST = deleteAction<{ packageId: string; policyId: string }>({
  id: "policyId",
  page: (tenant, { packageId, policyId }) => `/${tenant}/admin/access-packages/${packageId}/policies/${policyId}`,
  done: (tenant, { packageId }) => `/${tenant}/admin/access-packages/${packageId}`,
  notice: "policyDeleted",
  inUse: "policyActive",
  async remove(call, id, { packageId }) {
    const entitlements = services().entitlements;
    // The policy must be this package's: another package's id in the path is not found here.
    const policy = await entitlements.getPolicy(call.actor, call.tenantId, id);
    if (policy.accessPackageId !== packageId.toLowerCase()) return false;
    await entitlements.deletePolicy(call, id);
  },
});
