import { services } from "../../../../../../_lib/server";
import { adminAction } from "../../../../_lib/action";
import { withFeedback } from "../../../../_lib/form-feedback";
import { entitlementRefusal, GUID, guidOrUndefined } from "../../../_lib/refusal";

/** Puts a group or an application of the tenant into the catalog (a resourceRequest adminAdd), audited by the service. */
export const POST = adminAction<{ catalogId: string }>("access.write", async ({ tenant, actor, form, params }) => {
  const catalogId = guidOrUndefined(params.catalogId);
  if (!catalogId) return new Response(null, { status: 404 });
  const here = `/${tenant.slug}/admin/access-packages/catalogs/${catalogId}`;
  const [originSystem, originId] = (form.get("resource") ?? "").split(":");
  if ((originSystem !== "AadGroup" && originSystem !== "AadApplication") || !originId || !GUID.test(originId))
    return { redirect: withFeedback(here, { problems: { resource: "required" }, values: {} }) };
  try {
    await services().entitlements.requestResource(
      { actor, tenantId: tenant.slug },
      { requestType: "adminAdd", catalogId, originSystem, originId: originId.toLowerCase() },
    );
  } catch (error) {
    const code = entitlementRefusal(error);
    if (code === "notFound" || code === "conflict")
      return { redirect: withFeedback(here, { problems: { resource: code }, values: {} }) };
    throw error;
  }
  return { redirect: `${here}?done=resourceAdded` };
});
