import { z } from "zod";
import { services } from "../../../../../_lib/server";
import { adminAction } from "../../../_lib/action";
import { withFeedback } from "../../../_lib/form-feedback";
import { entitlementRefusal, GUID, guidOrUndefined, refusedField } from "../../../access-packages/_lib/refusal";

const decisionForm = z.strictObject({
  stageId: z.string().regex(GUID),
  decision: z.enum(["approve", "deny"]),
  justification: z.string().max(4000).default(""),
  returnTo: z.string().max(2048).optional(),
});

/**
 * One approver's decision on the stage waiting for them, through the entitlement service as the
 * administrator (who audits it and delivers after the last approval). The service decides whether
 * they approve this stage; when another approver came first (its `decided`) the request's page
 * says who decided and when.
 */
export const POST = adminAction<{ requestId: string }>("access.approve", async ({ tenant, actor, session, form, params }) => {
  const requestId = guidOrUndefined(params.requestId);
  if (!requestId) return new Response(null, { status: 404 });
  const here = `/${tenant.slug}/admin/access-approvals/${requestId}`;
  const parsed = decisionForm.safeParse(Object.fromEntries(form));
  if (!parsed.success) return new Response(null, { status: 400 });
  const { stageId, decision, justification } = parsed.data;
  try {
    await services().entitlements.decideStage(
      { actor, tenantId: tenant.slug },
      {
        requestId,
        stageId: stageId.toLowerCase(),
        reviewResult: decision === "approve" ? "Approve" : "Deny",
        justification: justification.trim(),
        reviewerName: session.displayName ?? session.email ?? null,
      },
    );
  } catch (error) {
    const code = entitlementRefusal(error);
    if (code === "notFound") return new Response(null, { status: 404 });
    if (code === "decided") return { redirect: `${here}?problem=decided&stage=${stageId.toLowerCase()}` };
    if (code === "conflict") return { redirect: `${here}?problem=notStarted` };
    if (code === "forbidden") return { redirect: `${here}?problem=forbidden` };
    if (code === "invalid" && refusedField(error) === "justification")
      return { redirect: withFeedback(here, { problems: { justification: "required" }, values: { justification } }) };
    throw error;
  }
  return { redirect: `/${tenant.slug}/admin/access-approvals?done=${decision === "approve" ? "approved" : "denied"}` };
});
