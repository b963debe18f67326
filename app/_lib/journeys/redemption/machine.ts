import { defineMachine } from "../../machine";
import type { JourneyEventType } from "../engine/events";

/**
 * The invitation redemption journey as data. `machine.mermaid` beside this file draws the same
 * table; change both together. The invited address is known, so there is no "type your address"
 * state: the passcode always goes to the invited address.
 */
export const REDEMPTION_STATES = [
  "chooseProvider",
  "enterCode",
  "federating",
  "collectAttributes",
  "completed",
  "refused",
  "closed",
] as const;
export type RedemptionState = (typeof REDEMPTION_STATES)[number];

/** Where the person may have proven the invited address (the ticket is spent only on completing). */
const PROVEN: readonly RedemptionState[] = ["enterCode", "federating"];

export const redemptionMachine = defineMachine<RedemptionState, JourneyEventType>({
  name: "the invitation redemption journey",
  states: REDEMPTION_STATES,
  terminal: ["completed", "refused", "closed"],
  transitions: {
    codeSent: { from: ["chooseProvider", "enterCode"], to: "enterCode" },
    upstreamChosen: { from: ["chooseProvider"], to: "federating" },
    restart: { from: ["enterCode", "federating"], to: "chooseProvider" },
    upstreamFailed: { from: ["federating"], to: "chooseProvider" },
    proofRequired: { from: ["federating"], to: "enterCode" },
    attributesNeeded: { from: PROVEN, to: "collectAttributes" },
    guestReady: { from: [...PROVEN, "collectAttributes"], to: "completed" },
    refused: { from: [...PROVEN, "collectAttributes"], to: "refused" },
    // The ticket is spent only when the attributes are in: it may die (revoked, expired, redeemed in another tab) until then.
    ticketClosed: { from: ["chooseProvider", ...PROVEN, "collectAttributes"], to: "closed" },
  },
});
