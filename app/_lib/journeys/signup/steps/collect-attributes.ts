import { submitAttributes } from "../../engine/attributes";
import type { Step } from "../../engine/step";

/**
 * The attribute page: a new guest types what the flow asks; a returning one only the required
 * values the flow gained since (progressive profiling). The engine writes the guest.
 */
export const collectAttributes: Step = async (context) => {
  const asked = context.journey.ui.attributes;
  return submitAttributes(context, asked && asked.length > 0 ? asked : undefined);
};
