import { isApplicationDirectoryError } from "../../../../../../_lib/oidc";
import { services } from "../../../../../../_lib/server";
import { applicationAction } from "../../../_lib/application-action";

/** Revokes a client secret (Graph removePassword): it stops working at once. A destructive action. */
export const POST = applicationAction(
  async ({ tenant, actor, form, app, here }) => {
    try {
      await services().applications.removePassword(actor, tenant.slug, { id: app.id }, form.get("keyId") ?? "");
    } catch (error) {
      // Revoked already (another tab, another administrator): what was asked is true.
      if (!(isApplicationDirectoryError(error) && error.code === "notFound")) throw error;
    }
    return { redirect: `${here}?done=secretRevoked` };
  },
  { recent: true },
);
