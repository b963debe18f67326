import { isApplicationDirectoryError, type ApplicationView } from "../../../../_lib/oidc";
import { services } from "../../../../_lib/server";
import { adminAction, type AdminActionInput, type AdminActionResult } from "../../_lib/action";

/**
 * A POST of the application page: `applications.write`, then the application looked up in the
 * administrator's tenant (another tenant's, or none, is a plain 404: nothing about it is told).
 */
export function applicationAction(
  handle: (input: AdminActionInput<{ id: string }> & { app: ApplicationView; here: string }) => Promise<AdminActionResult>,
  options: { recent?: boolean } = {},
) {
  return adminAction<{ id: string }>(
    "applications.write",
    async (input) => {
      let app: ApplicationView;
      try {
        app = await services().applications.get(input.actor, input.tenant.slug, { id: input.params.id });
      } catch (error) {
        if (isApplicationDirectoryError(error) && error.code === "notFound") return new Response(null, { status: 404 });
        throw error;
      }
      return handle({ ...input, app, here: `/${input.tenant.slug}/admin/applications/${app.id}` });
    },
    options,
  );
}
