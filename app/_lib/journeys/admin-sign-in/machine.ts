import { defineMachine } from "../../machine";
import type { JourneyEventType } from "../engine/events";

/**
 * The admin portal's sign-in journey as data. Like the sign-up journey up to the proof, then only
 * two ends: the Member signs in, or is refused — it never collects attributes nor creates anyone.
 * `machine.mermaid` beside this file draws the same table; change both together.
 */
export const ADMIN_SIGN_IN_STATES = ["chooseProvider", "enterEmail", "enterCode", "federating", "completed", "refused"] as const;
export type AdminSignInState = (typeof ADMIN_SIGN_IN_STATES)[number];

const IDENTIFIED: readonly AdminSignInState[] = ["enterCode", "federating"];

export const adminSignInMachine = defineMachine<AdminSignInState, JourneyEventType>({
  name: "the admin sign-in journey",
  states: ADMIN_SIGN_IN_STATES,
  terminal: ["completed", "refused"],
  transitions: {
    emailChosen: { from: ["chooseProvider"], to: "enterEmail" },
    upstreamChosen: { from: ["chooseProvider"], to: "federating" },
    codeSent: { from: ["enterEmail", "enterCode"], to: "enterCode" },
    changeEmail: { from: ["enterCode"], to: "enterEmail" },
    restart: { from: ["enterEmail", "enterCode", "federating"], to: "chooseProvider" },
    upstreamFailed: { from: ["federating"], to: "chooseProvider" },
    guestReady: { from: IDENTIFIED, to: "completed" },
    refused: { from: IDENTIFIED, to: "refused" },
  },
});
