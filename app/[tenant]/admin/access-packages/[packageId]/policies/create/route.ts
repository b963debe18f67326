import { services } from "../../../../../../_lib/server";
import { adminAction } from "../../../../_lib/action";
import { withFeedback } from "../../../../_lib/form-feedback";
import { entitlementRefusal, guidOrUndefined, refusedField } from "../../../_lib/refusal";
import { formValues, policyBodyOf, problemOfRefusal } from "../_lib/policy-body";

/** A new assignment policy from the form, through the entitlement service as the administrator (who audits it). */
export const POST = adminAction<{ packageId: string }>("access.write", async ({ tenant, actor, form, params }) => {
  const packageId = guidOrUndefined(params.packageId);
  if (!packageId) return new Response(null, { status: 404 });
  const packagePath = `/${tenant.slug}/admin/access-packages/${packageId}`;
  const back = `${packagePath}/policies/new`;
  const values = formValues(form);
  const outcome = await policyBodyOf(actor, tenant.slug, packageId, values);
  if ("problems" in outcome) return { redirect: withFeedback(back, { problems: outcome.problems, values }) };
  try {
    await services().entitlements.createPolicy({ actor, tenantId: tenant.slug }, outcome.body);
  } catch (error) {
    if (entitlementRefusal(error) === "invalid")
      return { redirect: withFeedback(back, { problems: problemOfRefusal(refusedField(error)), values }) };
    throw error;
  }
  return { redirect: `${packagePath}?done=policyCreated` };
});
