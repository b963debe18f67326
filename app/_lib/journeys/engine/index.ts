export {
  JOURNEY_STATES,
  TERMINAL_STATES,
  TRANSITIONS,
  transition,
  isTerminal,
  isJourneyState,
  ForbiddenTransition,
} from "./machine";
export type { JourneyState, JourneyEvent, JourneyEventType } from "./machine";
export {
  startJourney,
  loadJourney,
  replaceExpired,
  emptyUi,
  JOURNEY_LIFETIME_MS,
  type StartedJourney,
  type LoadedJourney,
} from "./lifecycle";
export {
  submitJourney,
  upstreamReturned,
  cancelJourney,
  journeyCookie,
  JOURNEY_COOKIE,
  type Submission,
  type UpstreamResult,
} from "./submit";
export { EMAIL_OTP_ISSUER } from "./identify";
export { offeredProviders } from "./steps";
export { createMemoryJourneyRepository, createMemoryGuestRepository } from "./memory";
export type {
  JourneyDeps,
  JourneyRecord,
  JourneyRepository,
  JourneyUi,
  JourneyInternal,
  JourneyOutcome,
  SignInCompletion,
  UiMessage,
} from "./types";
