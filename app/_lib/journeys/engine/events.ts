/**
 * What steps conclude. Every kind's machine lists the events it takes; an event a kind does not
 * list is forbidden in every state of that kind.
 */
export type JourneyEvent =
  | { type: "emailChosen" }
  | { type: "upstreamChosen"; providerId: string }
  | { type: "codeSent" }
  | { type: "restart" }
  /** Back from the code to the address, to type another one. */
  | { type: "changeEmail" }
  | { type: "upstreamFailed"; reason: string }
  | { type: "attributesNeeded"; attributes: readonly string[] }
  /** The guest is written and may go on: the engine finishes the journey's completion target. */
  | { type: "guestReady" }
  /**
   * My Access: the address is proven and no one in the directory has it; the engine finishes the
   * journey's redirect with a My Access outsider session (the person is identified, not a guest).
   */
  | { type: "outsiderIdentified" }
  | { type: "guestBlocked" }
  | { type: "signUpClosed" }
  /** The guest waits in its flow's approval queue (new, or back before an approver decided). */
  | { type: "approvalPending" }
  /** A hook stopped the journey with a message. */
  | { type: "refused" }
  /** Redemption: the identity does not prove the invited address; a passcode to it went out. */
  | { type: "proofRequired" }
  /** Redemption: the ticket died meanwhile (revoked, expired, redeemed in another tab). */
  | { type: "ticketClosed"; reason: string };

export type JourneyEventType = JourneyEvent["type"];
