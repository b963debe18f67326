import { services } from "../../../../../_lib/server";
import { withFeedback } from "../../../_lib/form-feedback";
import { applicationAction } from "../../_lib/application-action";
import { userFlowRefusal } from "../../_lib/user-flow-refusal";

/** Which user flow the application starts, set through the user-flow service (audited there). */
export const POST = applicationAction(async ({ tenant, actor, form, app, here }) => {
  const chosen = (form.get("userFlow") ?? "").trim();
  try {
    await services().userFlows.assignApplication(actor, tenant.slug, app.appId, chosen === "" ? null : chosen);
  } catch (error) {
    if (userFlowRefusal(error) === "notFound")
      return { redirect: withFeedback(here, { problems: { userFlow: "flowMissing" }, values: {} }) };
    throw error;
  }
  return { redirect: `${here}?done=userFlowSaved` };
});
