import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  ForbiddenTransition,
  JOURNEY_STATES,
  TRANSITIONS,
  isTerminal,
  transition,
  type JourneyEvent,
  type JourneyEventType,
} from "./machine";

const sample: Record<JourneyEventType, JourneyEvent> = {
  emailChosen: { type: "emailChosen" },
  upstreamChosen: { type: "upstreamChosen", providerId: "google" },
  codeSent: { type: "codeSent" },
  restart: { type: "restart" },
  upstreamFailed: { type: "upstreamFailed", reason: "cancelled" },
  attributesNeeded: { type: "attributesNeeded", attributes: ["givenName"] },
  guestReady: { type: "guestReady", guestId: "g" },
  guestBlocked: { type: "guestBlocked" },
  signUpClosed: { type: "signUpClosed" },
};

/** The whole table written out once more, by hand: a change to machine.ts must be made here too, on purpose. */
const allowed: Record<string, string> = {
  "chooseProvider/emailChosen": "enterEmail",
  "chooseProvider/upstreamChosen": "federating",
  "enterEmail/codeSent": "enterCode",
  "enterCode/codeSent": "enterCode",
  "enterEmail/restart": "chooseProvider",
  "enterCode/restart": "chooseProvider",
  "federating/restart": "chooseProvider",
  "federating/upstreamFailed": "chooseProvider",
  "enterCode/attributesNeeded": "collectAttributes",
  "federating/attributesNeeded": "collectAttributes",
  "enterCode/guestReady": "completed",
  "federating/guestReady": "completed",
  "collectAttributes/guestReady": "completed",
  "enterCode/guestBlocked": "blocked",
  "federating/guestBlocked": "blocked",
  "enterCode/signUpClosed": "signUpClosed",
  "federating/signUpClosed": "signUpClosed",
};

describe("journey state machine", () => {
  const pairs = JOURNEY_STATES.flatMap((state) =>
    (Object.keys(TRANSITIONS) as JourneyEventType[]).map((event) => [state, event] as const),
  );

  it.each(pairs)("%s + %s", (state, event) => {
    const expected = allowed[`${state}/${event}`];
    if (expected) expect(transition(state, sample[event])).toBe(expected);
    else expect(() => transition(state, sample[event])).toThrow(ForbiddenTransition);
  });

  it("lets nothing leave a terminal state", () => {
    for (const state of JOURNEY_STATES.filter(isTerminal)) {
      for (const event of Object.values(sample)) expect(() => transition(state, event)).toThrow(ForbiddenTransition);
    }
  });

  it("draws exactly the table in machine.mermaid", () => {
    const diagram = readFileSync(new URL("./machine.mermaid", import.meta.url), "utf8");
    const drawn = new Set(
      [...diagram.matchAll(/^\s*(\w+) --> (\w+): ([\w /()]+)$/gm)].flatMap(([, from, to, label]) =>
        label!.split(" / ").map((event) => `${from}/${event.replace(/ \(.*\)$/, "").trim()}>${to}`),
      ),
    );
    expect(drawn).toEqual(new Set(Object.entries(allowed).map(([pair, to]) => `${pair}>${to}`)));
  });
});
