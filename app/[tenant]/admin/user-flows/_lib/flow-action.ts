import type { EditedUserFlow } from "../../../../_lib/journeys";
import { services } from "../../../../_lib/server";
import { adminAction, type AdminActionInput, type AdminActionResult } from "../../_lib/action";
import { withFeedback } from "../../_lib/form-feedback";
import { userFlowRefusal } from "../../applications/_lib/user-flow-refusal";

export interface FlowActionInput extends AdminActionInput<{ name: string }> {
  flow: EditedUserFlow;
  /** The editor's path, where every action comes back to. */
  here: string;
  /** For the service verb: the `updatedAt` the editor showed (its hidden `version`), for its optimistic check. */
  options: { expectedUpdatedAt?: Date };
}

/**
 * A POST of the user-flow editor: `userFlows.write` (a Guest Inviter or a reader gets the 403
 * page), then the flow looked up in the administrator's own tenant (another tenant's, or none, is a
 * plain 404). The handler calls one verb of the user-flow service, which validates the whole flow
 * again and writes the audit event; its refusals come back to the editor as feedback: `modified`
 * when another administrator changed the flow since the page was drawn (nothing is overwritten).
 */
export function flowAction(handle: (input: FlowActionInput) => Promise<AdminActionResult>) {
  return adminAction<{ name: string }>("userFlows.write", async (input) => {
    let flow: EditedUserFlow;
    try {
      flow = await services().userFlows.getFlow(input.actor, input.tenant.slug, input.params.name);
    } catch (error) {
      if (userFlowRefusal(error) === "notFound") return new Response(null, { status: 404 });
      throw error;
    }
    const here = `/${input.tenant.slug}/admin/user-flows/${flow.name}`;
    const version = input.form.get("version");
    const parsed = version ? new Date(version) : undefined;
    const expectedUpdatedAt = parsed && !Number.isNaN(parsed.getTime()) ? parsed : undefined;
    // A page drawn before another change: say so before reading the form against the newer flow
    // (a move computed on it would be a different move); the service checks again as it writes.
    if (expectedUpdatedAt && expectedUpdatedAt.getTime() !== flow.updatedAt.getTime())
      return { redirect: withFeedback(here, { problems: { form: "modified" }, values: {} }) };
    try {
      return await handle({ ...input, flow, here, options: expectedUpdatedAt ? { expectedUpdatedAt } : {} });
    } catch (error) {
      const code = userFlowRefusal(error);
      if (!code) throw error;
      const field = input.form.get("field") ?? "form";
      return { redirect: withFeedback(here, { problems: { [safeField(field)]: code }, values: {} }) };
    }
  });
}

/** Feedback keys are the editor's own field ids; anything else is reported on the page as a whole. */
function safeField(field: string): string {
  return /^[a-zA-Z][a-zA-Z0-9-]{0,63}$/.test(field) ? field : "form";
}
