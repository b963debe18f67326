export type { JourneyEvent, JourneyEventType } from "./events";
export {
  startJourney,
  loadJourney,
  replaceExpired,
  bindingOf,
  emptyUi,
  JOURNEY_LIFETIME_MS,
  type StartedJourney,
  type LoadedJourney,
} from "./lifecycle";
export { submitJourney, upstreamReturned, cancelJourney, type Submission, type UpstreamResult } from "./submit";
export { journeyCookie, JOURNEY_COOKIE } from "./cookie";
export { journeyStepPath, stepSegment, stepToShow } from "./step-path";
export { tenantReturnPath } from "./completion";
export {
  createJourneyKinds,
  type JourneyKind,
  type JourneyKinds,
  type StartJourneyInput,
  type StartFailure,
  type BeginContext,
  type BeginResult,
} from "./kind";
export {
  HOOK_POINTS,
  NO_HOOKS,
  runHooks,
  type HookPoint,
  type Hook,
  type HookContext,
  type HookDecision,
  type HookInputs,
  type HookModifications,
  type JourneyHooks,
} from "./hooks";
export { field, type Step, type StepContext, type StepResult, type GuestWrite } from "./step";
export { createMemoryJourneyRepository, createMemoryDirectory, type MemoryAuditEvent } from "./memory";
export type {
  JourneyDeps,
  JourneyDirectory,
  JourneyRecord,
  JourneyRepository,
  JourneyUi,
  JourneyInternal,
  JourneyCompletion,
  JourneyBinding,
  JourneyOutcome,
  SignInCompletion,
  JourneyInvitations,
  AdminSignInPort,
  UiMessage,
} from "./types";
export { recordFunnel, type FunnelPassage, type FunnelCounting } from "./funnel";
