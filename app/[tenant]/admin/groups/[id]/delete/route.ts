import { services } from "../../../../../_lib/server";
import { adminAction } from "../../../_lib/action";
import { directoryRefusal } from "../../_lib/group-problems";

/** Deletes the group (its memberships go with it), after the confirmation box and a fresh sign-in proof. */
export const POST = adminAction<{ id: string }>(
  "groups.write",
  async ({ tenant, actor, form, params }) => {
    const base = `/${tenant.slug}/admin/groups`;
    if (form.get("confirm") !== "yes") return { redirect: `${base}/${params.id}` };
    try {
      await services().groups.delete(actor, tenant.slug, params.id);
    } catch (error) {
      if (directoryRefusal(error) === "notFound") return new Response(null, { status: 404 });
      throw error;
    }
    return { redirect: `${base}?done=deleted` };
  },
  { recent: true },
);
