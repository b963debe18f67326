import { z } from "zod";
import { services } from "../../../../../_lib/server";
import { lines, withFeedback } from "../../../_lib/form-feedback";
import { flowAction } from "../../_lib/flow-action";

const form = z.strictObject({
  required: z.literal("yes").optional(),
  autoApproveDomains: z.string().max(64_000).default(""),
  autoDenyAfterDays: z.union([z.literal(""), z.coerce.number().int().min(1).max(365)]).default(""),
  approverGroupId: z.string().trim().max(64).default(""),
  connectedOrganizations: z.enum(["none", "all", "listed"]).default("none"),
  connectedOrganization: z.array(z.string().trim().max(64)).max(100).default([]),
  returnTo: z.string().max(2048).optional(),
  version: z.string().max(64).optional(),
  field: z.string().max(64).optional(),
});

/**
 * Turns the flow's approval queue on (with its settings) or off. The service validates the whole
 * flow with the user-flows schema (domains in lower case, days 1–365, the group and the connected
 * organisations GUIDs) and audits it.
 */
export const POST = flowAction(async ({ tenant, actor, form: body, flow, here, options }) => {
  // Ticked organisations come as repeated fields; everything else once.
  const parsed = form.safeParse({ ...Object.fromEntries(body), connectedOrganization: body.getAll("connectedOrganization") });
  if (!parsed.success) return { redirect: withFeedback(here, { problems: { signUpApproval: "invalid" }, values: {} }) };
  const { required, autoApproveDomains, autoDenyAfterDays, approverGroupId, connectedOrganizations, connectedOrganization } =
    parsed.data;
  // "Only these" with none ticked trusts no organisation: stored as false, like "none".
  const autoApproveConnectedOrganizations =
    connectedOrganizations === "all"
      ? true
      : connectedOrganizations === "listed" && connectedOrganization.length > 0
        ? [...new Set(connectedOrganization.map((id) => id.toLowerCase()))]
        : false;
  const signUpApproval = required
    ? {
        autoApproveDomains: lines(autoApproveDomains).map((domain) => domain.toLowerCase()),
        autoApproveConnectedOrganizations,
        ...(autoDenyAfterDays === "" ? {} : { autoDenyAfterDays }),
        ...(approverGroupId ? { approverGroupId: approverGroupId.toLowerCase() } : {}),
      }
    : null;
  await services().userFlows.updateFlow(actor, tenant.slug, flow.name, { signUpApproval }, options);
  return { redirect: `${here}?done=approvalSaved` };
});
