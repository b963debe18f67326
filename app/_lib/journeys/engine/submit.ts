import type { ProvenIdentity } from "../../directory";
import type { Locale } from "../../i18n";
import type { Tenant } from "../../tenant";
import { completionOf } from "./completion";
import { recordFunnel } from "./funnel";
import type { JourneyKind } from "./kind";
import { bindingOf, emptyUi, loadJourney, replaceExpired, type LoadedJourney } from "./lifecycle";
import type { StepContext, StepResult } from "./step";
import type { JourneyDeps, JourneyOutcome, JourneyRecord, JourneyUi } from "./types";
import { writeGuest } from "./write-guest";

export interface Submission {
  tenant: Tenant;
  journeyId: string;
  /** The nonce from the browser's journey cookie. */
  binding: string | undefined;
  input: Readonly<Record<string, string | string[]>>;
  /** Who is asking (client IP), for rate limits. */
  client: string;
  /** The page's language now (the switcher may have changed it since the journey began). */
  locale: Locale;
  /** The guest this browser's OP session belongs to, if it has a live one. */
  signedInGuestId?: string;
}

/**
 * The one way a journey moves, whatever its kind: load → check binding, kind and expiry → check the
 * form's version → claim that version (one conditional update, so a double submit or a second tab
 * runs a step once) → run the state's step → write the guest → let the machine pick the next state
 * → complete or store → tell the route what next.
 */
export async function submitJourney(deps: JourneyDeps, submission: Submission): Promise<JourneyOutcome> {
  const prepared = await prepare(deps, submission);
  if ("outcome" in prepared) return prepared.outcome;
  const { journey, kind } = prepared;
  const step = kind.steps[journey.state];
  // A form from before the last change (another tab, the back button, a double click) runs nothing.
  if (!step || kind.machine.isTerminal(journey.state) || submission.input.version !== String(journey.version))
    return show(journey);
  return run(deps, kind, submission, journey, step);
}

/**
 * "Cancel": what the journey completes hears that it will not happen — the application gets
 * access_denied instead of waiting forever, a redirect target is returned to unchanged. Not once
 * the journey completed.
 */
export async function cancelJourney(deps: JourneyDeps, submission: Omit<Submission, "input">): Promise<JourneyOutcome> {
  const loaded = await loadJourney(deps, submission.tenant.slug, submission.journeyId, submission.binding);
  if (loaded.kind === "notFound" || loaded.kind === "forbidden") return { kind: loaded.kind };
  const { journey } = loaded;
  if (journey.state === "completed") return show(journey);
  const completion = completionOf(deps, journey);
  if (!(await completion.notAfter(journey))) return { kind: "gone" };
  const { redirectTo } = await completion.abort(journey);
  if (!loaded.journeyKind.machine.isTerminal(journey.state))
    await recordFunnel(deps, loaded.journeyKind, journey, [{ step: "ended", outcome: "cancelled" }]);
  return { kind: "redirect", to: redirectTo };
}

export type UpstreamResult =
  { identity: ProvenIdentity } | { failure: "cancelled" | "upstreamError" | "unreachable" | "unavailable" };

/** The person is back from the upstream provider (through Auth.js): proven, or with the reason it failed. */
export async function upstreamReturned(
  deps: JourneyDeps,
  submission: Omit<Submission, "input">,
  result: UpstreamResult,
): Promise<JourneyOutcome> {
  const prepared = await prepare(deps, { ...submission, input: {} });
  if ("outcome" in prepared) return prepared.outcome;
  const { journey, kind } = prepared;
  const federation = kind.federation;
  if (!federation || journey.state !== federation.state) return show(journey);
  return run(deps, kind, { ...submission, input: {} }, journey, async (context) => {
    if ("failure" in result) {
      return {
        event: { type: "upstreamFailed", reason: result.failure },
        ui: { messages: [{ id: `journey.errors.upstream.${result.failure}` }] },
      };
    }
    // The provider the person chose is the one that answered: a result for another is not accepted.
    if (result.identity.providerId !== context.journey.internal.federatingWith) {
      return {
        event: { type: "upstreamFailed", reason: "upstreamError" },
        ui: { messages: [{ id: "journey.errors.upstream.upstreamError" }] },
      };
    }
    return federation.identified(context, result.identity);
  });
}

type Prepared = { journey: JourneyRecord; kind: JourneyKind } | { outcome: JourneyOutcome };

/** Loaded, bound to this browser, alive, with what it completes still waiting, and (if the kind needs one) its guest signed in. */
async function prepare(deps: JourneyDeps, submission: Submission): Promise<Prepared> {
  const { tenant } = submission;
  const loaded = await loadJourney(deps, tenant.slug, submission.journeyId, submission.binding);
  if (loaded.kind !== "journey") return { outcome: await afterLoadFailure(deps, tenant, loaded, submission.signedInGuestId) };
  const { journey, journeyKind: kind } = loaded;
  if (kind.requiresSignedInGuest && (!submission.signedInGuestId || submission.signedInGuestId !== journey.internal.guestId))
    return { outcome: { kind: "signInRequired" } };
  // Nothing is created for a request nobody waits for any more (expired, answered, cancelled).
  if (!(await completionOf(deps, journey).notAfter(journey))) return { outcome: { kind: "gone" } };
  return { journey, kind };
}

async function run(
  deps: JourneyDeps,
  kind: JourneyKind,
  submission: Submission,
  journey: JourneyRecord,
  step: (context: StepContext) => Promise<StepResult>,
): Promise<JourneyOutcome> {
  const claimed = await claim(deps, journey);
  if (!claimed) return show(journey);
  const flow = await deps.flowFor(submission.tenant.slug, claimed.clientId);
  if (!flow) return { kind: "gone" };
  const context: StepContext = {
    journey: claimed,
    tenant: submission.tenant,
    flow,
    input: submission.input,
    client: submission.client,
    locale: submission.locale,
    deps,
  };
  return conclude(deps, kind, context, await step(context));
}

async function afterLoadFailure(
  deps: JourneyDeps,
  tenant: Tenant,
  loaded: Exclude<LoadedJourney, { kind: "journey" }>,
  signedInGuestId: string | undefined,
): Promise<JourneyOutcome> {
  if (loaded.kind !== "expired") return { kind: loaded.kind };
  const replacement = await replaceExpired(deps, tenant, loaded.journey, signedInGuestId);
  if (!replacement.ok) return replacement.reason === "signInRequired" ? { kind: "signInRequired" } : { kind: "gone" };
  return {
    kind: "show",
    journeyId: replacement.journey.id,
    state: replacement.journey.state,
    binding: bindingOf(replacement.journey, replacement.bindingNonce),
  };
}

/** Takes the journey from version v to v+1 unchanged: whoever does this first owns the step. */
async function claim(deps: JourneyDeps, journey: JourneyRecord): Promise<JourneyRecord | undefined> {
  const ok = await deps.journeys.advance(journey.id, journey.version, {
    state: journey.state,
    ui: journey.ui,
    internal: journey.internal,
  });
  return ok ? { ...journey, version: journey.version + 1 } : undefined;
}

async function conclude(deps: JourneyDeps, kind: JourneyKind, context: StepContext, result: StepResult): Promise<JourneyOutcome> {
  const { journey } = context;
  let created = false;
  if ("event" in result && result.write) ({ result, created } = await withGuestWritten(context, result));
  if ("stay" in result) {
    await deps.journeys.advance(journey.id, journey.version, {
      state: journey.state,
      ui: nextUi(journey.ui, result.ui),
      internal: journey.internal,
    });
    if (result.retryAfterSeconds !== undefined)
      return { kind: "tooMany", journeyId: journey.id, retryAfterSeconds: result.retryAfterSeconds };
    return show(journey);
  }
  const state = kind.machine.transition(journey.state, result.event);
  const ui = nextUi(journey.ui, result.ui ?? {});
  const internal = { ...journey.internal, ...result.internal };
  if (result.event.type === "guestReady") {
    if (!internal.guestId) throw new Error("guestReady without a guest");
    const done = { ...journey, internal };
    const { redirectTo, setCookies } = await completionOf(deps, done, { startsSession: kind.startsSession === true }).finish(
      done,
      internal.guestId,
    );
    await deps.journeys.advance(journey.id, journey.version, { state, ui: emptyUi(), internal });
    await recordFunnel(
      deps,
      kind,
      journey,
      kind.funnel?.marks({ from: journey.state, event: result.event, internal, created }) ?? [],
    );
    return { kind: "redirect", to: redirectTo, setCookies };
  }
  if (result.event.type === "outsiderIdentified") {
    if (!deps.myAccessOutsiders) throw new Error("outsiderIdentified without a My Access outsider port");
    const done = { ...journey, internal };
    const redirectTo = completionOf(deps, done).returnPath();
    const setCookies = await deps.myAccessOutsiders.startSession(done);
    await deps.journeys.advance(journey.id, journey.version, { state, ui: emptyUi(), internal });
    return { kind: "redirect", to: redirectTo, setCookies };
  }
  await deps.journeys.advance(journey.id, journey.version, { state, ui, internal });
  await recordFunnel(
    deps,
    kind,
    journey,
    kind.funnel?.marks({ from: journey.state, event: result.event, internal, created }) ?? [],
  );
  if (result.event.type === "upstreamChosen")
    return { kind: "federate", journeyId: journey.id, providerId: result.event.providerId };
  return { kind: "show", journeyId: journey.id, state };
}

/** The step asked for the guest to be written before its event counts: the one write, its hooks, and what they decided. */
async function withGuestWritten(
  context: StepContext,
  result: Extract<StepResult, { event: unknown }>,
): Promise<{ result: StepResult; created: boolean }> {
  const internal = { ...context.journey.internal, ...result.internal };
  const written = await writeGuest(context, internal, result.write!);
  if (written.ok)
    return { result: { ...result, internal: { ...result.internal, guestId: written.guest.id } }, created: written.created };
  if ("pendingApproval" in written)
    return { result: { event: { type: "approvalPending" }, internal: result.internal }, created: written.created };
  if ("blocked" in written) return { result: { stay: true, ui: { messages: [{ id: "journey.blocked.body" }] } }, created: false };
  return {
    result: { event: { type: "refused" }, ui: { messages: [written.refused] }, internal: result.internal },
    created: false,
  };
}

/** Messages and errors belong to one answer; what the person typed is kept only when a step says so. */
function nextUi(current: JourneyUi, patch: Partial<JourneyUi>): JourneyUi {
  return { ...current, messages: [], fieldErrors: {}, values: {}, ...patch };
}

function show(journey: JourneyRecord): JourneyOutcome {
  return { kind: "show", journeyId: journey.id, state: journey.state };
}
