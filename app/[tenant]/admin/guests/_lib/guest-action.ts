import { isDirectoryError, type AdministratorActor } from "../../../../_lib/directory";
import { services } from "../../../../_lib/server";
import { adminAction } from "../../_lib/action";
import type { GuestAction } from "../_components/confirm-action";

const GUEST_ID = /^[A-Za-z0-9-]{1,64}$/;

/**
 * The POST of a confirmation page: one directory verb with the administrator as actor (the verb
 * audits it), then 303 to where the result shows. Another tenant's guest is not found (404); a
 * guest the role may not change (a member, for a User Administrator) says so on the guest's page.
 */
export function guestActionRoute(action: GuestAction) {
  return adminAction<{ id: string }>(
    "guests.write",
    async ({ tenant, actor, params }) => {
      if (!GUEST_ID.test(params.id)) return new Response(null, { status: 404 });
      const page = `/${tenant.slug}/admin/guests/${params.id}`;
      try {
        await run(action, actor, tenant.slug, params.id);
      } catch (error) {
        if (isDirectoryError(error) && error.code === "notFound") return new Response(null, { status: 404 });
        if (isDirectoryError(error) && error.code === "forbidden") return { redirect: `${page}?done=forbidden` };
        throw error;
      }
      return { redirect: action === "delete" ? `/${tenant.slug}/admin/guests?done=deleted` : `${page}?done=${action}ed` };
    },
    // Deleting cannot be undone: it needs a fresh proof of who the administrator is.
    { recent: action === "delete" },
  );
}

async function run(action: GuestAction, actor: AdministratorActor, tenantId: string, guestId: string): Promise<void> {
  const { directory } = services();
  if (action === "block") await directory.block(actor, tenantId, guestId);
  else if (action === "unblock") await directory.unblock(actor, tenantId, guestId);
  else await directory.delete(actor, tenantId, guestId);
}
