import { isRoleChangeError } from "../../../../_lib/admin";
import { services } from "../../../../_lib/server";
import { adminAction } from "../../_lib/action";

/** POST /{tenant}/admin/roles/remove: takes a role from a Member (never the last Global Administrator's); audited. */
export const POST = adminAction(
  "roles.assign",
  async ({ tenant, actor, form }) => {
    const back = `/${tenant.slug}/admin/roles`;
    try {
      await services().admin.roles.remove(actor, tenant.slug, (form.get("memberId") ?? "").slice(0, 64), form.get("role") ?? "");
    } catch (error) {
      if (isRoleChangeError(error)) return { redirect: `${back}?error=${error.code}` };
      throw error;
    }
    return { redirect: `${back}?removed=1` };
  },
  { recent: true },
);
