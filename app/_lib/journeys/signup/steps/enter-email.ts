import { normaliseEmailAddress, passcodeProblem, PASSCODE_SEND_FAILED } from "../../otp";
import { EMAIL_OTP_ISSUER } from "../identify";
import { isNewPasscodeIdentity, signUpGate } from "../protection";
import { proofOfWorkProblem } from "../proof-of-work";
import type { UiMessage } from "../../engine/types";
import type { Step, StepContext, StepResult } from "../../engine/step";
import { field } from "../../engine/step";
import { hookContextOf } from "../../engine/write-guest";

/** Sends a passcode to the address typed; the same answer whether or not the address is a guest's. */
export const enterEmail: Step = async (context) => {
  if (field(context.input, "action") === "restart") return { event: { type: "restart" }, ui: { messages: [], values: {} } };
  const typed = (field(context.input, "email") ?? "").slice(0, 320);
  return sendPasscode(context, typed);
};

export async function sendPasscode(context: StepContext, email: string): Promise<StepResult> {
  const { journey, tenant, client, locale, deps } = context;
  // Before anything is counted: a script without solutions spends nobody's allowance.
  const unsolved = await proofOfWorkProblem(context);
  if (unsolved) return { stay: true, ui: { messages: [unsolved], fieldErrors: {}, values: { email } } };
  const { refused, proofOfWorkRaised } = await refusedForSignUp(context, email);
  if (refused) return refused;
  let result;
  try {
    result = await deps.passcodes.request({
      journeyId: journey.id,
      email,
      client,
      // An OnOtpSend extension may send the code itself; otherwise (or on its fallback) our e-mail.
      deliver: async (delivery) => {
        const via = deps.deliverPasscode ? await deps.deliverPasscode(hookContextOf(context), delivery) : "mail";
        if (via === "mail") await deps.sendPasscode(tenant, locale, delivery);
      },
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
    ...(proofOfWorkRaised ? { internal: { proofOfWorkRaised: true } } : {}),
    ui: {
      email: result.address,
      messages: [{ id: "journey.otp.sent", context: { minutes: result.validForMinutes } }],
      fieldErrors: {},
      values: {},
    },
  };
}

/**
 * The sign-up rules, told on this page rather than after the code: an address that is not yet a
 * guest's and may not sign up (its domain, a disposable mailbox) gets the reason next to the field;
 * a client or tenant over its limits is told when to come back (429). An existing guest's address
 * is never held here, so sign-in goes on. This answer does say, for a refused domain only, that no
 * guest has the address, which the tenant accepted by refusing the domain.
 */
async function refusedForSignUp(
  context: StepContext,
  email: string,
): Promise<{ refused?: StepResult; proofOfWorkRaised?: boolean }> {
  // The admin sign-in and the redemption share this step; neither signs anyone up.
  if (context.journey.kind !== "signup") return {};
  const address = normaliseEmailAddress(email);
  if (!address || !(await isNewPasscodeIdentity(context, address, EMAIL_OTP_ISSUER))) return {};
  const gate = await signUpGate(context, address, "passcodesSent");
  if (!gate) return {};
  if ("proofOfWorkRaised" in gate) return { proofOfWorkRaised: true };
  if ("refused" in gate)
    return { refused: { stay: true, ui: { messages: [], fieldErrors: { email: gate.refused }, values: { email } } } };
  return {
    refused: { stay: true, ui: { messages: [], fieldErrors: {}, values: { email } }, retryAfterSeconds: gate.retryAfterSeconds },
  };
}
