import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { drawnTransitions, ForbiddenTransition, tableTransitions } from "../../machine";
import type { JourneyEvent, JourneyEventType } from "../engine/events";
import { REDEMPTION_STATES, redemptionMachine } from "./machine";

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
  "chooseProvider/codeSent": "enterCode",
  "enterCode/codeSent": "enterCode",
  "chooseProvider/upstreamChosen": "federating",
  "enterCode/restart": "chooseProvider",
  "federating/restart": "chooseProvider",
  "federating/upstreamFailed": "chooseProvider",
  "federating/proofRequired": "enterCode",
  "enterCode/attributesNeeded": "collectAttributes",
  "federating/attributesNeeded": "collectAttributes",
  "enterCode/guestReady": "completed",
  "federating/guestReady": "completed",
  "collectAttributes/guestReady": "completed",
  "enterCode/refused": "refused",
  "federating/refused": "refused",
  "collectAttributes/refused": "refused",
  "chooseProvider/ticketClosed": "closed",
  "enterCode/ticketClosed": "closed",
  "federating/ticketClosed": "closed",
  "collectAttributes/ticketClosed": "closed",
};

describe("invitation redemption journey state machine", () => {
  const pairs = REDEMPTION_STATES.flatMap((state) => EVENTS.map((event) => [state, event] as const));

  it.each(pairs)("%s + %s", (state, event) => {
    const expected = allowed[`${state}/${event}`];
    const fired = { type: event } as JourneyEvent;
    if (expected) expect(redemptionMachine.transition(state, fired)).toBe(expected);
    else expect(() => redemptionMachine.transition(state, fired)).toThrow(ForbiddenTransition);
  });

  it("draws exactly the table in machine.mermaid", () => {
    const drawn = drawnTransitions(readFileSync(new URL("./machine.mermaid", import.meta.url), "utf8"));
    const expected = new Set(Object.entries(allowed).map(([pair, to]) => `${pair}>${to}`));
    expect(drawn).toEqual(expected);
    expect(tableTransitions(redemptionMachine)).toEqual(expected);
  });

  it("lets no email typed by the person in: there is no enterEmail state", () => {
    expect(REDEMPTION_STATES).not.toContain("enterEmail");
  });
});
