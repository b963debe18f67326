import { services } from "../../../../_lib/server";
import { adminAction } from "../../_lib/action";

/** POST /{tenant}/admin/passkeys/remove: removes one of the administrator's own passkeys (fresh proof needed), audited. */
export const POST = adminAction(
  "overview.read",
  async ({ tenant, session, form }) => {
    const removed = await services().admin.passkeys.remove(tenant.slug, session.memberId, (form.get("id") ?? "").slice(0, 64));
    return { redirect: `/${tenant.slug}/admin/passkeys?${removed ? "removed=1" : "error=notFound"}` };
  },
  { recent: true },
);
