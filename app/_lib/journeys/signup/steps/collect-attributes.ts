import { submitAttributes, typedValues } from "../../engine/attributes";
import type { Step } from "../../engine/step";
import { proofOfWorkProblem } from "../proof-of-work";

/**
 * The attribute page: a new guest types what the flow asks; a returning one only the required
 * values the flow gained since (progressive profiling). The engine writes the guest. A new guest's
 * form may have to carry a solved challenge first (signUpProtection.proofOfWork); what was typed
 * stays in the fields.
 */
export const collectAttributes: Step = async (context) => {
  const unsolved = await proofOfWorkProblem(context);
  if (unsolved) return { stay: true, ui: { messages: [unsolved], fieldErrors: {}, values: typedValues(context.input) } };
  const { attributes: asked, termsOnly } = context.journey.ui;
  return submitAttributes(context, termsOnly ? [] : asked && asked.length > 0 ? asked : undefined);
};
