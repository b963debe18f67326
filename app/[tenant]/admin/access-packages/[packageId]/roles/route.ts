import { services } from "../../../../../_lib/server";
import { adminAction } from "../../../_lib/action";
import { withFeedback } from "../../../_lib/form-feedback";
import { entitlementRefusal, guidOrUndefined } from "../../_lib/refusal";

/** Grants a resource role of the package's catalog through the package (a resourceRoleScope), audited by the service. */
export const POST = adminAction<{ packageId: string }>("access.write", async ({ tenant, actor, form, params }) => {
  const packageId = guidOrUndefined(params.packageId);
  if (!packageId) return new Response(null, { status: 404 });
  const here = `/${tenant.slug}/admin/access-packages/${packageId}`;
  const roleId = guidOrUndefined(form.get("roleId"));
  if (!roleId) return { redirect: withFeedback(here, { problems: { roleId: "required" }, values: {} }) };
  try {
    await services().entitlements.addRoleScope({ actor, tenantId: tenant.slug }, packageId, { roleId });
  } catch (error) {
    const code = entitlementRefusal(error);
    if (code === "notFound") return new Response(null, { status: 404 });
    if (code === "invalid" || code === "conflict")
      return { redirect: withFeedback(here, { problems: { roleId: code === "invalid" ? "notFound" : code }, values: {} }) };
    throw error;
  }
  return { redirect: `${here}?done=roleAdded` };
});
