import { defineMachine } from "../../machine";
import type { JourneyEventType } from "../engine/events";

/**
 * The sign-up-or-sign-in journey as data: which event moves it from which state to which.
 * `machine.mermaid` beside this file draws the same table; change both together.
 *
 * A state is where the person is (what the page shows); an event is what a step concluded.
 */
export const SIGN_UP_STATES = [
  "chooseProvider",
  "enterEmail",
  "enterCode",
  "federating",
  "collectAttributes",
  "completed",
  "blocked",
  "signUpClosed",
  "refused",
  "pendingApproval",
] as const;
export type SignUpState = (typeof SIGN_UP_STATES)[number];

/** Where the person proved who they are: after this, only the directory (and the hooks) decide what comes next. */
const IDENTIFIED: readonly SignUpState[] = ["enterCode", "federating"];

export const signUpMachine = defineMachine<SignUpState, JourneyEventType>({
  name: "the sign-up journey",
  states: SIGN_UP_STATES,
  terminal: ["completed", "blocked", "signUpClosed", "refused", "pendingApproval"],
  transitions: {
    emailChosen: { from: ["chooseProvider"], to: "enterEmail" },
    upstreamChosen: { from: ["chooseProvider"], to: "federating" },
    codeSent: { from: ["enterEmail", "enterCode"], to: "enterCode" },
    changeEmail: { from: ["enterCode"], to: "enterEmail" },
    restart: { from: ["enterEmail", "enterCode", "federating"], to: "chooseProvider" },
    upstreamFailed: { from: ["federating"], to: "chooseProvider" },
    attributesNeeded: { from: IDENTIFIED, to: "collectAttributes" },
    guestReady: { from: [...IDENTIFIED, "collectAttributes"], to: "completed" },
    guestBlocked: { from: IDENTIFIED, to: "blocked" },
    signUpClosed: { from: IDENTIFIED, to: "signUpClosed" },
    refused: { from: [...IDENTIFIED, "collectAttributes"], to: "refused" },
    approvalPending: { from: [...IDENTIFIED, "collectAttributes"], to: "pendingApproval" },
  },
});
