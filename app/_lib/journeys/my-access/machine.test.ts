import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { drawnTransitions, ForbiddenTransition, tableTransitions } from "../../machine";
import type { JourneyEvent, JourneyEventType } from "../engine/events";
import { MY_ACCESS_STATES, myAccessMachine } from "./machine";

const sample: Record<JourneyEventType, JourneyEvent> = {
  emailChosen: { type: "emailChosen" },
  upstreamChosen: { type: "upstreamChosen", providerId: "google" },
  codeSent: { type: "codeSent" },
  restart: { type: "restart" },
  upstreamFailed: { type: "upstreamFailed", reason: "cancelled" },
  attributesNeeded: { type: "attributesNeeded", attributes: ["givenName"] },
  guestReady: { type: "guestReady" },
  outsiderIdentified: { type: "outsiderIdentified" },
  guestBlocked: { type: "guestBlocked" },
  signUpClosed: { type: "signUpClosed" },
  approvalPending: { type: "approvalPending" },
  refused: { type: "refused" },
  changeEmail: { type: "changeEmail" },
  proofRequired: { type: "proofRequired" },
  ticketClosed: { type: "ticketClosed", reason: "expired" },
};

/**
 * The table once more by hand: My Access signs in with the passcode, as the directory user of the
 * identity or, for an address no one in the directory has, as an identified outsider; nobody is created.
 */
const allowed: Record<string, string> = {
  "enterEmail/codeSent": "enterCode",
  "enterCode/codeSent": "enterCode",
  "enterCode/changeEmail": "enterEmail",
  "enterCode/guestReady": "completed",
  "enterCode/refused": "refused",
  "enterCode/outsiderIdentified": "identified",
};

describe("My Access sign-in journey state machine", () => {
  const pairs = MY_ACCESS_STATES.flatMap((state) =>
    (Object.keys(sample) as JourneyEventType[]).map((event) => [state, event] as const),
  );

  it.each(pairs)("%s + %s", (state, event) => {
    const expected = allowed[`${state}/${event}`];
    if (expected) expect(myAccessMachine.transition(state, sample[event])).toBe(expected);
    else expect(() => myAccessMachine.transition(state, sample[event])).toThrow(ForbiddenTransition);
  });

  it("is drawn as it is written", () => {
    const drawing = readFileSync(new URL("./machine.mermaid", import.meta.url), "utf8");
    expect(drawnTransitions(drawing)).toEqual(tableTransitions(myAccessMachine));
  });
});
