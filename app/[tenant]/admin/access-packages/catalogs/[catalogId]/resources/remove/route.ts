import { services } from "../../../../../../../_lib/server";
import { adminAction } from "../../../../../_lib/action";
import { withFeedback } from "../../../../../_lib/form-feedback";
import { entitlementRefusal, guidOrUndefined } from "../../../../_lib/refusal";

/** Takes a resource out of the catalog (resourceRequest adminRemove); refused while a package still grants its roles. */
export const POST = adminAction<{ catalogId: string }>("access.write", async ({ tenant, actor, form, params }) => {
  const catalogId = guidOrUndefined(params.catalogId);
  if (!catalogId) return new Response(null, { status: 404 });
  const here = `/${tenant.slug}/admin/access-packages/catalogs/${catalogId}`;
  const originSystem = form.get("originSystem");
  const originId = guidOrUndefined(form.get("originId"));
  if ((originSystem !== "AadGroup" && originSystem !== "AadApplication") || !originId) return new Response(null, { status: 400 });
  try {
    await services().entitlements.requestResource(
      { actor, tenantId: tenant.slug },
      { requestType: "adminRemove", catalogId, originSystem, originId },
    );
  } catch (error) {
    const code = entitlementRefusal(error);
    if (code === "notFound" || code === "conflict")
      return { redirect: withFeedback(here, { problems: { resource: code === "conflict" ? "inUse" : code }, values: {} }) };
    throw error;
  }
  return { redirect: `${here}?done=resourceRemoved` };
});
