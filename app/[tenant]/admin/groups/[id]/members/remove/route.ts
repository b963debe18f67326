import { services } from "../../../../../../_lib/server";
import { adminAction } from "../../../../_lib/action";
import { directoryRefusal } from "../../../_lib/group-problems";

/** Removes a member from the group; a member already gone is what was asked. Audited. */
export const POST = adminAction<{ id: string }>("groups.write", async ({ tenant, actor, form, params }) => {
  const here = `/${tenant.slug}/admin/groups/${params.id}`;
  try {
    await services().groups.get(actor, tenant.slug, params.id);
  } catch (error) {
    if (directoryRefusal(error) === "notFound") return new Response(null, { status: 404 });
    throw error;
  }
  try {
    await services().groups.removeMember(actor, tenant.slug, params.id, form.get("memberId") ?? "");
  } catch (error) {
    if (!(directoryRefusal(error) === "notFound")) throw error;
  }
  return { redirect: `${here}?done=memberRemoved` };
});
