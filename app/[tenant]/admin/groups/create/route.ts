import { services } from "../../../../_lib/server";
import { adminAction } from "../../_lib/action";
import { withFeedback } from "../../_lib/form-feedback";
import { mailNicknameFor } from "../_lib/group-problems";

/** A security group (what the `groups` claim lists), created through the group service, audited. */
// Record<string, string>: the wrapper's default (no params) does not accept Next's `{ tenant }` context type.
export const POST = adminAction<Record<string, string>>("groups.write", async ({ tenant, actor, form }) => {
  const base = `/${tenant.slug}/admin/groups`;
  const displayName = (form.get("displayName") ?? "").trim();
  const description = (form.get("description") ?? "").trim();
  const problems: Record<string, string> = {};
  if (!displayName || displayName.length > 256) problems.displayName = "displayName";
  if (description.length > 1024) problems.description = "description";
  if (Object.keys(problems).length > 0)
    return { redirect: withFeedback(base, { problems, values: { displayName, description } }) };
  const group = await services().groups.create(actor, tenant.slug, {
    displayName,
    description: description || null,
    mailEnabled: false,
    mailNickname: mailNicknameFor(displayName),
    securityEnabled: true,
    groupTypes: [],
  });
  return { redirect: `${base}/${group.id}?done=created` };
});
