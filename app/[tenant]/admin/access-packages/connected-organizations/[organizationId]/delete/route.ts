import { services } from "../../../../../../_lib/server";
import { deleteAction } from "../../../_lib/delete-action";

/** Deletes the connected organization; refused while a policy still names it. */
export const POST = deleteAction<{ organizationId: string }>({
  id: "organizationId",
  page: (tenant) => `/${tenant}/admin/access-packages/connected-organizations`,
  done: (tenant) => `/${tenant}/admin/access-packages/connected-organizations`,
  notice: "organizationDeleted",
  inUse: "organizationInUse",
  remove: (call, id) => services().entitlements.deleteConnectedOrganization(call, id),
});
