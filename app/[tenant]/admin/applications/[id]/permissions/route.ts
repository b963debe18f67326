import { MANAGEMENT_PERMISSIONS } from "../../../../../_lib/oidc";
import { services } from "../../../../../_lib/server";
import { withFeedback } from "../../../_lib/form-feedback";
import { applicationAction } from "../../_lib/application-action";
import { feedbackFor } from "../../_lib/application-form";

/** The management API permissions the application holds become exactly the ticked ones. */
export const POST = applicationAction(async ({ tenant, actor, form, app, here }) => {
  const ticked = form.getAll("permission");
  const permissions = MANAGEMENT_PERMISSIONS.filter((name) => ticked.includes(name));
  if (ticked.some((name) => !(MANAGEMENT_PERMISSIONS as readonly string[]).includes(name)))
    return { redirect: withFeedback(here, { problems: { permissions: "invalid" }, values: {} }) };
  try {
    await services().applications.update(actor, tenant.slug, { id: app.id }, { permissions }, undefined, {
      ifVersion: form.get("version") ?? "",
    });
  } catch (error) {
    return { redirect: withFeedback(here, feedbackFor(error, {})) };
  }
  return { redirect: `${here}?done=permissionsSaved` };
});
