import { z } from "zod";
import { services } from "../../../../../_lib/server";
import { lines, withFeedback } from "../../../_lib/form-feedback";
import { flowAction } from "../../_lib/flow-action";

const form = z.strictObject({
  required: z.literal("yes").optional(),
  autoApproveDomains: z.string().max(64_000).default(""),
  autoDenyAfterDays: z.union([z.literal(""), z.coerce.number().int().min(1).max(365)]).default(""),
  approverGroupId: z.string().trim().max(64).default(""),
  returnTo: z.string().max(2048).optional(),
  version: z.string().max(64).optional(),
  field: z.string().max(64).optional(),
});

/**
 * Turns the flow's approval queue on (with its settings) or off. The service validates the whole
 * flow with the user-flows schema (domains in lower case, days 1–365, the group a GUID) and audits it.
 */
export const POST = flowAction(async ({ tenant, actor, form: body, flow, here, options }) => {
  const parsed = form.safeParse(Object.fromEntries(body));
  if (!parsed.success) return { redirect: withFeedback(here, { problems: { signUpApproval: "invalid" }, values: {} }) };
  const { required, autoApproveDomains, autoDenyAfterDays, approverGroupId } = parsed.data;
  const signUpApproval = required
    ? {
        autoApproveDomains: lines(autoApproveDomains).map((domain) => domain.toLowerCase()),
        ...(autoDenyAfterDays === "" ? {} : { autoDenyAfterDays }),
        ...(approverGroupId ? { approverGroupId: approverGroupId.toLowerCase() } : {}),
      }
    : null;
  await services().userFlows.updateFlow(actor, tenant.slug, flow.name, { signUpApproval }, options);
  return { redirect: `${here}?done=approvalSaved` };
});
