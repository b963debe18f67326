import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { drawnTransitions, ForbiddenTransition, tableTransitions } from "../../machine";
import type { JourneyEventType } from "../engine/events";
import { PROFILE_STATES, profileMachine } from "./machine";

const EVENTS: JourneyEventType[] = [
  "emailChosen",
  "upstreamChosen",
  "codeSent",
  "restart",
  "upstreamFailed",
  "attributesNeeded",
  "guestReady",
  "guestBlocked",
  "signUpClosed",
  "refused",
  "proofRequired",
  "ticketClosed",
];

/** The table written out once more, by hand. */
const allowed: Record<string, string> = {
  "editAttributes/guestReady": "completed",
  "editAttributes/refused": "refused",
};

describe("profile journey state machine", () => {
  const pairs = PROFILE_STATES.flatMap((state) => EVENTS.map((event) => [state, event] as const));

  it.each(pairs)("%s + %s", (state, event) => {
    const expected = allowed[`${state}/${event}`];
    if (expected) expect(profileMachine.transition(state, { type: event })).toBe(expected);
    else expect(() => profileMachine.transition(state, { type: event })).toThrow(ForbiddenTransition);
  });

  it("draws exactly the table in machine.mermaid", () => {
    const drawn = drawnTransitions(readFileSync(new URL("./machine.mermaid", import.meta.url), "utf8"));
    const expected = new Set(Object.entries(allowed).map(([pair, to]) => `${pair}>${to}`));
    expect(drawn).toEqual(expected);
    expect(tableTransitions(profileMachine)).toEqual(expected);
  });
});
