import { services } from "../../../../../../../_lib/server";
import { adminAction } from "../../../../../_lib/action";
import { withFeedback } from "../../../../../_lib/form-feedback";
import { entitlementRefusal, guidOrUndefined, refusedField } from "../../../../_lib/refusal";
import { formValues, policyBodyOf, problemOfRefusal } from "../../_lib/policy-body";

/**
 * The policy's settings replaced from the form (the service's full PUT), keeping what the form
 * does not show; a policy of another package or tenant is not found.
 */
export const POST = adminAction<{ packageId: string; policyId: string }>(
  "access.write",
  async ({ tenant, actor, form, params }) => {
    const packageId = guidOrUndefined(params.packageId);
    const policyId = guidOrUndefined(params.policyId);
    if (!packageId || !policyId) return new Response(null, { status: 404 });
    const entitlements = services().entitlements;
    const packagePath = `/${tenant.slug}/admin/access-packages/${packageId}`;
    const here = `${packagePath}/policies/${policyId}`;
    let current;
    try {
      current = await entitlements.getPolicy(actor, tenant.slug, policyId);
    } catch (error) {
      if (entitlementRefusal(error) === "notFound") return new Response(null, { status: 404 });
      throw error;
    }
    if (current.accessPackageId !== packageId) return new Response(null, { status: 404 });
    const values = formValues(form);
    const outcome = await policyBodyOf(actor, tenant.slug, packageId, values, current);
    if ("problems" in outcome) return { redirect: withFeedback(here, { problems: outcome.problems, values }) };
    try {
      await entitlements.replacePolicy({ actor, tenantId: tenant.slug }, policyId, outcome.body);
    } catch (error) {
      if (entitlementRefusal(error) === "invalid")
        return { redirect: withFeedback(here, { problems: problemOfRefusal(refusedField(error)), values }) };
      throw error;
    }
    return { redirect: `${packagePath}?done=policySaved` };
  },
);
