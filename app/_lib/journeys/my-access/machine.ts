import { defineMachine } from "../../machine";
import type { JourneyEventType } from "../engine/events";

/**
 * The My Access sign-in journey as data: prove an address with the passcode, then sign in as the
 * directory user it belongs to, or be told there is none. `machine.mermaid` beside this file draws
 * the same table; change both together. An address no one in the directory has ends `identified`:
 * a My Access session of the proven address, not a guest (access packages create guests when they deliver).
 */
export const MY_ACCESS_STATES = ["enterEmail", "enterCode", "completed", "identified", "refused"] as const;
export type MyAccessState = (typeof MY_ACCESS_STATES)[number];

export const myAccessMachine = defineMachine<MyAccessState, JourneyEventType>({
  name: "the My Access sign-in journey",
  states: MY_ACCESS_STATES,
  terminal: ["completed", "identified", "refused"],
  transitions: {
    codeSent: { from: ["enterEmail", "enterCode"], to: "enterCode" },
    changeEmail: { from: ["enterCode"], to: "enterEmail" },
    guestReady: { from: ["enterCode"], to: "completed" },
    outsiderIdentified: { from: ["enterCode"], to: "identified" },
    refused: { from: ["enterCode"], to: "refused" },
  },
});
