import type { Tenant } from "../../tenant";
import type { StepContext } from "../engine/step";
import { field } from "../engine/step";
import type { JourneyRecord, UiMessage } from "../engine/types";
import { proofOfWorkAsked, type ProofOfWorkStep } from "../sign-up-protection";

/** The form field the ALTCHA widget fills with its solution (its default name). */
export const PROOF_OF_WORK_FIELD = "altcha";

/**
 * Which challenge the journey's current page asks for, if any: a sign-up journey's address and
 * code pages (their sends), and the attribute form that creates a new guest. Never the admin
 * sign-in or the redemption (which share the passcode steps), nor a returning guest's attribute
 * form: that is a sign-in. Every send asks, whoever the address belongs to, so that whether the
 * challenge was asked cannot tell which addresses are guests'.
 */
export function proofOfWorkStepOf(
  tenant: Tenant,
  journey: Pick<JourneyRecord, "kind" | "state" | "internal">,
): ProofOfWorkStep | undefined {
  if (journey.kind !== "signup") return undefined;
  if (!proofOfWorkAsked(tenant.signUpProtection.proofOfWork, journey.internal.proofOfWorkRaised)) return undefined;
  if (journey.state === "enterEmail" || journey.state === "enterCode") return "passcode";
  if (journey.state === "collectAttributes" && !journey.internal.guestId) return "signUp";
  return undefined;
}

/** The message for a submission of such a page without a valid, unspent solution; undefined when it may go on. */
export async function proofOfWorkProblem(context: StepContext): Promise<UiMessage | undefined> {
  const { tenant, journey, deps, input } = context;
  const step = proofOfWorkStepOf(tenant, journey);
  if (!step || !deps.proofOfWork) return undefined;
  const verdict = await deps.proofOfWork.verify(tenant, journey.id, step, field(input, PROOF_OF_WORK_FIELD));
  return verdict.ok ? undefined : { id: `signUpProtection.proofOfWork.${verdict.reason}` };
}
