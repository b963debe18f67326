import type { FunnelPassage, FunnelCounting } from "../engine/funnel";
import type { FunnelMark, FunnelOutcome } from "../funnel/types";
import type { JourneyEvent } from "../engine/events";

/** The states in which a step can conclude that an identity was just proven (machine.ts: IDENTIFIED). */
const PROVING = new Set(["enterCode", "federating"]);

function outcomeOf(event: JourneyEvent, created: boolean): FunnelOutcome | undefined {
  switch (event.type) {
    case "guestReady":
      return created ? "created" : "signedIn";
    case "guestBlocked":
      return "blocked";
    case "signUpClosed":
      return "signUpClosed";
    case "refused":
      return "refused";
    // A new guest was created (it waits for approval); one back before the decision was held off.
    case "approvalPending":
      return created ? "created" : "blocked";
    default:
      return undefined;
  }
}

/**
 * The sign-up kind's funnel: the provider when one is picked, "identity proven" when a step in a
 * proving state leads on (to the attributes, to the guest, or to a refusal), "attributes submitted"
 * when the attribute form was accepted, and the outcome of a terminal move.
 */
export const signUpFunnel: FunnelCounting = {
  marks({ from, event, internal, created }: FunnelPassage): FunnelMark[] {
    if (event.type === "emailChosen" || event.type === "upstreamChosen")
      return internal.federatingWith ? [{ step: "providerChosen", provider: internal.federatingWith }] : [];
    const marks: FunnelMark[] = [];
    const outcome = outcomeOf(event, created);
    if (PROVING.has(from) && internal.identity && (outcome || event.type === "attributesNeeded"))
      marks.push({ step: "identityProven", provider: internal.identity.providerId });
    // Only an accepted form leaves collectAttributes (a refusal here came after it, before the write).
    if (from === "collectAttributes" && outcome) marks.push({ step: "attributesSubmitted" });
    if (outcome) marks.push({ step: "ended", outcome });
    return marks;
  },
};
