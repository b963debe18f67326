import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { drawnTransitions, ForbiddenTransition, tableTransitions } from "../../machine";
import type { JourneyEvent, JourneyEventType } from "../engine/events";
import { SIGN_UP_STATES, signUpMachine } from "./machine";

const sample: Record<JourneyEventType, JourneyEvent> = {
  emailChosen: { type: "emailChosen" },
  upstreamChosen: { type: "upstreamChosen", providerId: "google" },
  codeSent: { type: "codeSent" },
  restart: { type: "restart" },
  changeEmail: { type: "changeEmail" },
  upstreamFailed: { type: "upstreamFailed", reason: "cancelled" },
  attributesNeeded: { type: "attributesNeeded", attributes: ["givenName"] },
  guestReady: { type: "guestReady" },
  outsiderIdentified: { type: "outsiderIdentified" },
  guestBlocked: { type: "guestBlocked" },
  signUpClosed: { type: "signUpClosed" },
  approvalPending: { type: "approvalPending" },
  refused: { type: "refused" },
  proofRequired: { type: "proofRequired" },
  ticketClosed: { type: "ticketClosed", reason: "expired" },
};

/** The whole table written out once more, by hand: a change to machine.ts must be made here too, on purpose. */
const allowed: Record<string, string> = {
  "chooseProvider/emailChosen": "enterEmail",
  "chooseProvider/upstreamChosen": "federating",
  "enterEmail/codeSent": "enterCode",
  "enterCode/codeSent": "enterCode",
  "enterEmail/restart": "chooseProvider",
  "enterCode/restart": "chooseProvider",
  "enterCode/changeEmail": "enterEmail",
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
  "enterCode/refused": "refused",
  "federating/refused": "refused",
  "collectAttributes/refused": "refused",
  "enterCode/approvalPending": "pendingApproval",
  "federating/approvalPending": "pendingApproval",
  "collectAttributes/approvalPending": "pendingApproval",
};

describe("sign-up journey state machine", () => {
  const pairs = SIGN_UP_STATES.flatMap((state) =>
    (Object.keys(sample) as JourneyEventType[]).map((event) => [state, event] as const),
  );

  it.each(pairs)("%s + %s", (state, event) => {
    const expected = allowed[`${state}/${event}`];
    if (expected) expect(signUpMachine.transition(state, sample[event])).toBe(expected);
    else expect(() => signUpMachine.transition(state, sample[event])).toThrow(ForbiddenTransition);
  });

  it("lets nothing leave a terminal state", () => {
    for (const state of SIGN_UP_STATES.filter(signUpMachine.isTerminal)) {
      for (const event of Object.values(sample))
        expect(() => signUpMachine.transition(state, event)).toThrow(ForbiddenTransition);
    }
  });

  it("draws exactly the table in machine.mermaid", () => {
    const drawn = drawnTransitions(readFileSync(new URL("./machine.mermaid", import.meta.url), "utf8"));
    const expected = new Set(Object.entries(allowed).map(([pair, to]) => `${pair}>${to}`));
    expect(drawn).toEqual(expected);
    expect(tableTransitions(signUpMachine)).toEqual(expected);
  });
});
