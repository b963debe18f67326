import { isRoleChangeError } from "../../../../_lib/admin";
import { services } from "../../../../_lib/server";
import { adminAction } from "../../_lib/action";

/** POST /{tenant}/admin/roles/assign: gives a Member (created if no Member has the address) a directory role; audited. */
export const POST = adminAction(
  "roles.assign",
  async ({ tenant, actor, form }) => {
    const back = `/${tenant.slug}/admin/roles`;
    try {
      await services().admin.roles.assign(actor, tenant.slug, form.get("email") ?? "", form.get("role") ?? "");
    } catch (error) {
      if (isRoleChangeError(error)) return { redirect: `${back}?error=${error.code}` };
      throw error;
    }
    return { redirect: `${back}?assigned=1` };
  },
  { recent: true },
);
