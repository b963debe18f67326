import { z } from "zod";
import { isSignUpApprovalError, MAX_DECISION_MESSAGE } from "../../../../../_lib/directory";
import { services } from "../../../../../_lib/server";
import { adminAction } from "../../../_lib/action";

const GUEST_ID = /^[A-Za-z0-9-]{1,64}$/;
const decisionForm = z.strictObject({
  decision: z.enum(["approve", "refuse"]),
  message: z
    .string()
    .max(MAX_DECISION_MESSAGE * 2)
    .optional(),
  returnTo: z.string().max(2048).optional(),
});

/**
 * Approves or refuses one sign-up request as the administrator (User or Global Administrator; the
 * service audits it with them as actor and mails the person), then 303 back to the queue with what
 * happened. Another tenant's request is not found (404).
 */
export const POST = adminAction<{ id: string }>("guests.write", async ({ tenant, actor, params, form }) => {
  if (!GUEST_ID.test(params.id)) return new Response(null, { status: 404 });
  const parsed = decisionForm.safeParse(Object.fromEntries(form));
  const back = `/${tenant.slug}/admin/sign-up-requests`;
  if (!parsed.success) return { redirect: `${back}?problem=invalidMessage` };
  const { decision, message } = parsed.data;
  const approvals = services().signUpApprovals;
  try {
    if (decision === "approve") await approvals.approve(actor, tenant.slug, params.id, { message });
    else await approvals.refuse(actor, tenant.slug, params.id, { message });
  } catch (error) {
    if (isSignUpApprovalError(error) && error.code === "notFound") return new Response(null, { status: 404 });
    if (isSignUpApprovalError(error) && (error.code === "decided" || error.code === "invalidMessage"))
      return { redirect: `${back}?problem=${error.code}` };
    throw error;
  }
  return { redirect: `${back}?done=${decision === "approve" ? "approved" : "refused"}` };
});
