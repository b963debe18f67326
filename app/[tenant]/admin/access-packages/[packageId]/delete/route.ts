import { services } from "../../../../../_lib/server";
import { deleteAction } from "../../_lib/delete-action";

/** Deletes the access package with its policies and role scopes; refused while someone holds it or a request is on its way. */
export const POST = deleteAction<{ packageId: string }>({
  id: "packageId",
  page: (tenant, { packageId }) => `/${tenant}/admin/access-packages/${packageId}`,
  done: (tenant) => `/${tenant}/admin/access-packages`,
  notice: "packageDeleted",
  inUse: "packageActive",
  remove: (call, id) => services().entitlements.deletePackage(call, id),
});
