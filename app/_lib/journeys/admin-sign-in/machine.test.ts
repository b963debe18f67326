import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { drawnTransitions, ForbiddenTransition, tableTransitions } from "../../machine";
import type { JourneyEvent, JourneyEventType } from "../engine/events";
import { ADMIN_SIGN_IN_STATES, adminSignInMachine } from "./machine";

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

/** The table once more by hand: the admin flow never collects attributes nor signs anyone up. */
const allowed: Record<string, string> = {
  "chooseProvider/emailChosen": "enterEmail",
  "chooseProvider/upstreamChosen": "federating",
  "enterEmail/codeSent": "enterCode",
  "enterCode/codeSent": "enterCode",
  "enterCode/changeEmail": "enterEmail",
  "enterEmail/restart": "chooseProvider",
  "enterCode/restart": "chooseProvider",
  "federating/restart": "chooseProvider",
  "federating/upstreamFailed": "chooseProvider",
  "enterCode/guestReady": "completed",
  "federating/guestReady": "completed",
  "enterCode/refused": "refused",
  "federating/refused": "refused",
};

describe("admin sign-in journey state machine", () => {
  const pairs = ADMIN_SIGN_IN_STATES.flatMap((state) =>
    (Object.keys(sample) as JourneyEventType[]).map((event) => [state, event] as const),
  );

  it.each(pairs)("%s + %s", (state, event) => {
    const expected = allowed[`${state}/${event}`];
    if (expected) expect(adminSignInMachine.transition(state, sample[event])).toBe(expected);
    else expect(() => adminSignInMachine.transition(state, sample[event])).toThrow(ForbiddenTransition);
  });

  it("is drawn as it is written", () => {
    const drawing = readFileSync(new URL("./machine.mermaid", import.meta.url), "utf8");
    expect(drawnTransitions(drawing)).toEqual(tableTransitions(adminSignInMachine));
  });
});
