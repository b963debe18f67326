import { z } from "zod";
import { services } from "../../../../../_lib/server";
import { withFeedback } from "../../../_lib/form-feedback";
import { flowAction } from "../../_lib/flow-action";

const providers = z.array(z.string().min(1).max(100)).max(20);

/** The identity providers the flow offers become exactly the ticked ones (the service checks they are the tenant's and that one is left). */
export const POST = flowAction(async ({ tenant, actor, form, flow, here, options }) => {
  const chosen = providers.safeParse(form.getAll("identityProvider"));
  const known = new Set(tenant.identityProviders.map((p) => p.id));
  if (!chosen.success || chosen.data.some((id) => !known.has(id)))
    return { redirect: withFeedback(here, { problems: { identityProviders: "invalid" }, values: {} }) };
  if (chosen.data.length === 0)
    return { redirect: withFeedback(here, { problems: { identityProviders: "providerRequired" }, values: {} }) };
  await services().userFlows.updateFlow(actor, tenant.slug, flow.name, { identityProviders: chosen.data }, options);
  return { redirect: `${here}?done=providersSaved` };
});
