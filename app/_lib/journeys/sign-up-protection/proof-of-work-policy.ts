import type { ProofOfWorkSettings } from "../../tenant";
import type { SignUpCounts } from "./limits";

/**
 * Whether a sign-up journey's passcode sends and sign-up form ask for a solution: always, never, or
 * (`aboveRate`) once one of its counts reached a threshold, which the journey then remembers.
 */
export function proofOfWorkAsked(settings: ProofOfWorkSettings, raisedForJourney: boolean | undefined): boolean {
  if (settings.mode === "always") return true;
  return settings.mode === "aboveRate" && raisedForJourney === true;
}

/**
 * Whether the counts of one counter (journeys started, passcodes sent) reached the `aboveRate`
 * threshold for this client or for the whole tenant: from then on the journey is asked.
 */
export function reachedProofOfWorkThreshold(
  settings: ProofOfWorkSettings,
  name: "journeysStarted" | "passcodesSent",
  counts: SignUpCounts,
): boolean {
  if (settings.mode !== "aboveRate") return false;
  const threshold = settings.aboveRate[name];
  if (!threshold) return false;
  const reached = (count: number | undefined, at: number | undefined) => count !== undefined && at !== undefined && count >= at;
  return reached(counts.perClient, threshold.perClient) || reached(counts.perTenant, threshold.perTenant);
}
