import { defineMachine } from "../../machine";
import type { JourneyEventType } from "../engine/events";

/**
 * The profile journey as data: a signed-in guest edits the attributes their user flow collects.
 * `machine.mermaid` beside this file draws the same table; change both together.
 */
export const PROFILE_STATES = ["editAttributes", "completed", "refused"] as const;
export type ProfileState = (typeof PROFILE_STATES)[number];

export const profileMachine = defineMachine<ProfileState, JourneyEventType>({
  name: "the profile journey",
  states: PROFILE_STATES,
  terminal: ["completed", "refused"],
  transitions: {
    guestReady: { from: ["editAttributes"], to: "completed" },
    refused: { from: ["editAttributes"], to: "refused" },
  },
});
