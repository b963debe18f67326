import { services } from "../../../../../../_lib/server";
import { adminAction } from "../../../../_lib/action";
import { entitlementRefusal, guidOrUndefined } from "../../../_lib/refusal";

/** Stops granting a resource role through the package (existing assignments keep what they were given until they end). */
export const POST = adminAction<{ packageId: string }>("access.write", async ({ tenant, actor, form, params }) => {
  const packageId = guidOrUndefined(params.packageId);
  const scopeId = guidOrUndefined(form.get("scopeId"));
  if (!packageId || !scopeId) return new Response(null, { status: 404 });
  try {
    await services().entitlements.removeRoleScope({ actor, tenantId: tenant.slug }, packageId, scopeId);
  } catch (error) {
    if (entitlementRefusal(error) === "notFound") return new Response(null, { status: 404 });
    throw error;
  }
  return { redirect: `/${tenant.slug}/admin/access-packages/${packageId}?done=roleRemoved` };
});
