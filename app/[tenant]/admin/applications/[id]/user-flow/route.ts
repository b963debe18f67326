import { UserFlowEditError } from "../../../../../_lib/journeys";
import { services } from "../../../../../_lib/server";
import { withFeedback } from "../../../_lib/form-feedback";
import { applicationAction } from "../../_lib/application-action";

/** Which user flow the application starts, set through the user-flow service (audited there). */
export const POST = applicationAction(async ({ tenant, actor, form, app, here }) => {
  const chosen = (form.get("userFlow") ?? "").trim();
  try {
    await services().userFlows.assignApplication(actor, tenant.slug, app.appId, chosen === "" ? null : chosen);
  } catch (error) {
    if (error instanceof UserFlowEditError && error.code === "notFound")
      return { redirect: withFeedback(here, { problems: { userFlow: "flowMissing" }, values: {} }) };
    throw error;
  }
  return { redirect: `${here}?done=userFlowSaved` };
});
