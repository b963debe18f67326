import { submitAttributes } from "../../engine/attributes";
import type { Step } from "../../engine/step";

/**
 * The attribute page: a new guest types what the flow asks; a returning one only the required
 * values the flow gained since (progressive profiling). The engine writes the guest.
 */
export const collectAttributes: Step = async (context) => {
  const { attributes: asked, termsOnly } = context.journey.ui;
  return submitAttributes(context, termsOnly ? [] : asked && asked.length > 0 ? asked : undefined);
};
