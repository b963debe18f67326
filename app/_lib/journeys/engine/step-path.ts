/**
 * Each step of a journey has its own address (/{tenant}/journey/{id}/{step}), so the browser's
 * history holds one entry per step and Back means "the step before" rather than "this page again".
 * The journey's stored state stays the truth: the address names the step the person should see,
 * and a page asked for a step the journey has left redirects to the current one (see
 * `stepToShow`). Segments are short words, never a route of their own (submit, cancel, federate,
 * federated are taken).
 */
const STEP_SEGMENTS: Readonly<Record<string, string>> = {
  chooseProvider: "choose",
  enterEmail: "email",
  enterCode: "code",
  collectAttributes: "attributes",
  editAttributes: "attributes",
};

const RESERVED = new Set(["submit", "cancel", "federate", "federated"]);

/** The address segment of a state: the short word above, else the state's own name in kebab case. */
export function stepSegment(state: string): string {
  const segment = STEP_SEGMENTS[state] ?? state.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
  return RESERVED.has(segment) ? `${segment}-step` : segment;
}

export function journeyStepPath(tenantSlug: string, journeyId: string, state: string): string {
  return `/${tenantSlug}/journey/${journeyId}/${stepSegment(state)}`;
}

/**
 * Earlier steps a person may see again while the journey is further on, because the current step
 * accepts their form: from the passcode page, Back to the address page changes the address (the
 * passcode step takes a new address and sends a code there). Every other earlier step is gone
 * (a code used, a provider left) and its address redirects to the current step.
 */
const REVISITABLE: Readonly<Record<string, readonly string[]>> = {
  enterCode: ["enterEmail"],
};

/**
 * What a GET of /{tenant}/journey/{id}/{segment} shows: the current state when the segment names
 * it, an allowed earlier state when it names that, else nothing (the page redirects to the
 * current step). `isState`: the journey kind's machine knows the state (a kind without an address
 * page has none to go back to).
 */
export function stepToShow(
  current: string,
  segment: string,
  isState: (state: string) => boolean,
): { show: string } | { redirectTo: string } {
  if (stepSegment(current) === segment) return { show: current };
  const earlier = (REVISITABLE[current] ?? []).find((state) => isState(state) && stepSegment(state) === segment);
  return earlier ? { show: earlier } : { redirectTo: stepSegment(current) };
}
