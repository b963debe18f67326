import { services } from "../../../../../_lib/server";
import { adminAction } from "../../../_lib/action";
import { withFeedback } from "../../../_lib/form-feedback";
import { entitlementRefusal, guidOrUndefined } from "../../_lib/refusal";

/** Ends an assignment (the service's adminRemove): its group memberships and app roles go, audited with the administrator. */
export const POST = adminAction<Record<string, string>>("access.write", async ({ tenant, actor, form }) => {
  const base = `/${tenant.slug}/admin/access-packages/assignments`;
  const returnTo = form.get("returnTo") ?? "";
  const back = returnTo.startsWith(base) ? returnTo : base;
  const assignmentId = guidOrUndefined(form.get("assignmentId"));
  if (!assignmentId) return new Response(null, { status: 404 });
  try {
    await services().entitlements.adminRemove({ actor, tenantId: tenant.slug }, assignmentId);
  } catch (error) {
    const code = entitlementRefusal(error);
    if (code === "invalid") return new Response(null, { status: 404 });
    if (code === "conflict") return { redirect: withFeedback(back, { problems: { assignment: "conflict" }, values: {} }) };
    throw error;
  }
  return { redirect: `${back}${back.includes("?") ? "&" : "?"}done=assignmentRemoved` };
});
