import { services } from "../../../../../../_lib/server";
import { deleteAction } from "../../../_lib/delete-action";

/** Deletes the catalog (its resources go with it); refused while it still has access packages. */
export const POST = deleteAction<{ catalogId: string }>({
  id: "catalogId",
  page: (tenant, { catalogId }) => `/${tenant}/admin/access-packages/catalogs/${catalogId}`,
  done: (tenant) => `/${tenant}/admin/access-packages/catalogs`,
  notice: "catalogDeleted",
  inUse: "catalogNotEmpty",
  remove: (call, id) => services().entitlements.deleteCatalog(call, id),
});
