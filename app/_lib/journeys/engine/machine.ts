/**
 * The sign-up-or-sign-in journey as data: which event moves a journey from which state to which.
 * `machine.mermaid` beside this file draws the same table; change both together.
 *
 * A state is where the person is (what the page shows); an event is what a step concluded. Steps
 * decide events, this table alone decides states, so a forged or replayed form can never move a
 * journey somewhere the table does not allow.
 */
export const JOURNEY_STATES = [
  "chooseProvider",
  "enterEmail",
  "enterCode",
  "federating",
  "collectAttributes",
  "completed",
  "blocked",
  "signUpClosed",
] as const;
export type JourneyState = (typeof JOURNEY_STATES)[number];

export const TERMINAL_STATES: readonly JourneyState[] = ["completed", "blocked", "signUpClosed"];

export type JourneyEvent =
  | { type: "emailChosen" }
  | { type: "upstreamChosen"; providerId: string }
  | { type: "codeSent" }
  | { type: "restart" }
  | { type: "upstreamFailed"; reason: string }
  | { type: "attributesNeeded"; attributes: readonly string[] }
  | { type: "guestReady"; guestId: string }
  | { type: "guestBlocked" }
  | { type: "signUpClosed" };

export type JourneyEventType = JourneyEvent["type"];

/** Where the person proved who they are: after this, only the directory decides what comes next. */
const IDENTIFIED: readonly JourneyState[] = ["enterCode", "federating"];

export const TRANSITIONS: Readonly<Record<JourneyEventType, { from: readonly JourneyState[]; to: JourneyState }>> = {
  emailChosen: { from: ["chooseProvider"], to: "enterEmail" },
  upstreamChosen: { from: ["chooseProvider"], to: "federating" },
  codeSent: { from: ["enterEmail", "enterCode"], to: "enterCode" },
  restart: { from: ["enterEmail", "enterCode", "federating"], to: "chooseProvider" },
  upstreamFailed: { from: ["federating"], to: "chooseProvider" },
  attributesNeeded: { from: IDENTIFIED, to: "collectAttributes" },
  guestReady: { from: [...IDENTIFIED, "collectAttributes"], to: "completed" },
  guestBlocked: { from: IDENTIFIED, to: "blocked" },
  signUpClosed: { from: IDENTIFIED, to: "signUpClosed" },
};

export class ForbiddenTransition extends Error {
  override readonly name = "ForbiddenTransition";
  constructor(
    readonly state: JourneyState,
    readonly event: JourneyEventType,
  ) {
    super(`a journey in state "${state}" cannot take the event "${event}"`);
  }
}

/** The next state, or ForbiddenTransition. Pure: the engine stores the result, nothing else happens here. */
export function transition(state: JourneyState, event: JourneyEvent): JourneyState {
  const rule = TRANSITIONS[event.type];
  if (!rule.from.includes(state)) throw new ForbiddenTransition(state, event.type);
  return rule.to;
}

export function isTerminal(state: JourneyState): boolean {
  return TERMINAL_STATES.includes(state);
}

export function isJourneyState(value: unknown): value is JourneyState {
  return typeof value === "string" && (JOURNEY_STATES as readonly string[]).includes(value);
}
