import { passcodeProblem, PASSCODE_SEND_FAILED } from "../../otp";
import type { UiMessage } from "../../engine/types";
import type { Step, StepContext, StepResult } from "../../engine/step";
import { field } from "../../engine/step";

/** Sends a passcode to the address typed; the same answer whether or not the address is a guest's. */
export const enterEmail: Step = async (context) => {
  if (field(context.input, "action") === "restart") return { event: { type: "restart" }, ui: { messages: [], values: {} } };
  const typed = (field(context.input, "email") ?? "").slice(0, 320);
  return sendPasscode(context, typed);
};

export async function sendPasscode({ journey, tenant, client, locale, deps }: StepContext, email: string): Promise<StepResult> {
  let result;
  try {
    result = await deps.passcodes.request({
      journeyId: journey.id,
      email,
      client,
      deliver: (delivery) => deps.sendPasscode(tenant, locale, delivery),
    });
  } catch {
    // The mail did not go out: say so, and let the person ask again (the next request replaces the code).
    return { stay: true, ui: { messages: [PASSCODE_SEND_FAILED], values: { email } } };
  }
  const problem = passcodeProblem(result);
  if (problem || result.status !== "sent") {
    const fieldErrors: Record<string, UiMessage> = problem?.id === "otp.errors.invalidEmail" ? { email: problem } : {};
    const messages = problem && problem.id !== "otp.errors.invalidEmail" ? [problem] : [];
    return { stay: true, ui: { messages, fieldErrors, values: { email } } };
  }
  return {
    event: { type: "codeSent" },
    ui: {
      email: result.address,
      messages: [{ id: "journey.otp.sent", context: { minutes: result.validForMinutes } }],
      fieldErrors: {},
      values: {},
    },
  };
}
