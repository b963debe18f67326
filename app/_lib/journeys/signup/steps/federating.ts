import type { Step } from "../../engine/step";
import { field } from "../../engine/step";

/** While the person is at the upstream provider, the only thing our page offers is to choose again. */
export const federating: Step = async ({ input }) => {
  if (field(input, "action") === "restart") return { event: { type: "restart" } };
  return { stay: true, ui: {} };
};
