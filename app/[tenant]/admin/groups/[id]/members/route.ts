import { services } from "../../../../../_lib/server";
import { adminAction } from "../../../_lib/action";
import { withFeedback } from "../../../_lib/form-feedback";
import { directoryRefusal } from "../../_lib/group-problems";

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Adds a guest (by object id or e-mail address, of this tenant only) to the group; audited. */
export const POST = adminAction<{ id: string }>("groups.write", async ({ tenant, actor, form, params }) => {
  const here = `/${tenant.slug}/admin/groups/${params.id}`;
  const member = (form.get("member") ?? "").trim();
  const values = { member };
  if (!member || member.length > 320) return { redirect: withFeedback(here, { problems: { member: "member" }, values }) };
  try {
    await services().groups.get(actor, tenant.slug, params.id);
  } catch (error) {
    if (directoryRefusal(error) === "notFound") return new Response(null, { status: 404 });
    throw error;
  }
  try {
    const memberId = GUID.test(member)
      ? member.toLowerCase()
      : (await services().directory.describe(actor, tenant.slug, { email: member })).id;
    await services().groups.addMember(actor, tenant.slug, params.id, memberId);
  } catch (error) {
    if (["notFound", "invalid"].includes(directoryRefusal(error) ?? ""))
      return { redirect: withFeedback(here, { problems: { member: "memberNotFound" }, values }) };
    if (directoryRefusal(error) === "conflict")
      return { redirect: withFeedback(here, { problems: { member: "alreadyMember" }, values }) };
    throw error;
  }
  return { redirect: `${here}?done=memberAdded` };
});
