import type { JourneyState } from "../machine";
import { chooseProvider } from "./choose-provider";
import { collectAttributes } from "./collect-attributes";
import { enterCode } from "./enter-code";
import { enterEmail } from "./enter-email";
import { federating } from "./federating";
import type { Step } from "./step";

/** The step that handles a form posted in each state; terminal states take no input. */
export const STEPS: Partial<Record<JourneyState, Step>> = {
  chooseProvider,
  enterEmail,
  enterCode,
  federating,
  collectAttributes,
};

export { offeredProviders } from "./choose-provider";
export type { StepContext, StepResult } from "./step";
