import type { ProvenIdentity } from "../../../directory";
import { passcodeProblem } from "../../otp";
import { identified, EMAIL_OTP_ISSUER } from "../identify";
import type { Step } from "../../engine/step";
import { field } from "../../engine/step";
import { sendPasscode } from "./enter-email";

/** Checks the passcode; a correct one proves the address, which is then the identity's subject. */
export const enterCode: Step = (context) => checkPasscode(context, identified);

/** The passcode step of any kind: what a proven address leads to is the kind's (`onProven`). */
export const checkPasscode = async (
  context: Parameters<Step>[0],
  onProven: (context: Parameters<Step>[0], identity: ProvenIdentity, amr: string[]) => ReturnType<Step>,
): ReturnType<Step> => {
  const { journey, input, deps } = context;
  const action = field(input, "action");
  const email = journey.ui.email ?? "";
  if (action === "restart")
    return { event: { type: "restart" }, ui: { messages: [], fieldErrors: {}, values: {}, email: undefined } };
  // The address typed comes back into the field, so a typo is fixed rather than typed again.
  if (action === "changeEmail")
    return { event: { type: "changeEmail" }, ui: { messages: [], fieldErrors: {}, values: { email }, email: undefined } };
  if (action === "resend") return sendPasscode(context, email);
  // The address page again, reached by the browser's Back from this one (its own address, D10):
  // a new address gets a new code; one the passcode service refuses goes back to the address step
  // with its message, where the person can correct it.
  const typed = field(input, "email");
  if (typed !== undefined) {
    const sent = await sendPasscode(context, typed.slice(0, 320));
    return "stay" in sent ? { event: { type: "changeEmail" }, ui: { ...sent.ui, email: undefined } } : sent;
  }

  const result = await deps.passcodes.verify({
    journeyId: journey.id,
    email,
    code: (field(input, "code") ?? "").trim().slice(0, 32),
  });
  if (result.status !== "verified") {
    const problem = passcodeProblem(result) ?? { id: "otp.errors.expired" };
    return { stay: true, ui: { messages: [], fieldErrors: { code: problem } } };
  }
  return onProven(
    context,
    {
      providerId: journey.internal.federatingWith ?? "email",
      issuer: EMAIL_OTP_ISSUER,
      subject: result.address,
      email: result.address,
      emailVerified: true,
    },
    ["otp"],
  );
};
