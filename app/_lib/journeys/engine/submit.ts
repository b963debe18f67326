import type { ProvenIdentity } from "../../directory";
import type { Locale } from "../../i18n";
import type { Tenant } from "../../tenant";
import { identified } from "./identify";
import { emptyUi, loadJourney, replaceExpired } from "./lifecycle";
import { isTerminal, transition } from "./machine";
import { STEPS, type StepContext, type StepResult } from "./steps";
import type { JourneyDeps, JourneyOutcome, JourneyRecord, JourneyUi } from "./types";

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
}

/**
 * The one way a journey moves: load → check binding and expiry → check the form's version →
 * claim that version (one conditional update, so a double submit or a second tab runs a step once)
 * → run the state's step → let the machine pick the next state → store → tell the route what next.
 */
export async function submitJourney(deps: JourneyDeps, submission: Submission): Promise<JourneyOutcome> {
  const { tenant, input } = submission;
  const loaded = await loadJourney(deps, tenant.slug, submission.journeyId, submission.binding);
  if (loaded.kind !== "journey") return afterLoadFailure(deps, tenant, loaded);
  const { journey } = loaded;

  const step = STEPS[journey.state];
  // A form from before the last change (another tab, the back button, a double click) runs nothing.
  if (!step || isTerminal(journey.state) || input.version !== String(journey.version)) return show(journey);
  // Nothing is created for a request nobody waits for any more (expired, answered, cancelled).
  if (!(await deps.signIn.expiresAt(tenant.slug, journey.interactionId))) return { kind: "gone" };

  const claimed = await claim(deps, journey);
  if (!claimed) return show(journey);
  const flow = await deps.flowFor(tenant.slug, journey.clientId);
  if (!flow) return { kind: "gone" };
  const context: StepContext = {
    journey: claimed,
    tenant,
    flow,
    input,
    client: submission.client,
    locale: submission.locale,
    deps,
  };
  return conclude(deps, context, await step(context));
}

/**
 * "Return to the application" without signing in: the authorization request ends with
 * access_denied, so the application hears back instead of waiting forever. Not once a guest signed in.
 */
export async function cancelJourney(deps: JourneyDeps, submission: Omit<Submission, "input">): Promise<JourneyOutcome> {
  const loaded = await loadJourney(deps, submission.tenant.slug, submission.journeyId, submission.binding);
  if (loaded.kind === "notFound" || loaded.kind === "forbidden") return { kind: loaded.kind };
  if (loaded.journey.state === "completed") return show(loaded.journey);
  if (!(await deps.signIn.expiresAt(submission.tenant.slug, loaded.journey.interactionId))) return { kind: "gone" };
  const { redirectTo } = await deps.signIn.abort(loaded.journey);
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
  const { tenant } = submission;
  const loaded = await loadJourney(deps, tenant.slug, submission.journeyId, submission.binding);
  if (loaded.kind !== "journey") return afterLoadFailure(deps, tenant, loaded);
  if (loaded.journey.state !== "federating") return show(loaded.journey);
  if (!(await deps.signIn.expiresAt(tenant.slug, loaded.journey.interactionId))) return { kind: "gone" };

  const claimed = await claim(deps, loaded.journey);
  if (!claimed) return show(loaded.journey);
  const flow = await deps.flowFor(tenant.slug, claimed.clientId);
  if (!flow) return { kind: "gone" };
  const context: StepContext = {
    journey: claimed,
    tenant,
    flow,
    input: {},
    client: submission.client,
    locale: submission.locale,
    deps,
  };
  if ("failure" in result) {
    return conclude(deps, context, {
      event: { type: "upstreamFailed", reason: result.failure },
      ui: { messages: [{ id: `journey.errors.upstream.${result.failure}` }] },
    });
  }
  // The provider the person chose is the one that answered: a result for another is not accepted.
  if (result.identity.providerId !== claimed.internal.federatingWith) {
    return conclude(deps, context, {
      event: { type: "upstreamFailed", reason: "upstreamError" },
      ui: { messages: [{ id: "journey.errors.upstream.upstreamError" }] },
    });
  }
  return conclude(deps, context, await identified(context, result.identity, ["fed"]));
}

async function afterLoadFailure(
  deps: JourneyDeps,
  tenant: Tenant,
  loaded: Exclude<Awaited<ReturnType<typeof loadJourney>>, { kind: "journey" }>,
): Promise<JourneyOutcome> {
  if (loaded.kind !== "expired") return { kind: loaded.kind };
  const replacement = await replaceExpired(deps, tenant, loaded.journey);
  if (!replacement.ok) return { kind: "gone" };
  return {
    kind: "show",
    journeyId: replacement.journey.id,
    setCookies: [journeyCookie(replacement.journey, replacement.bindingNonce, deps.secureCookies)],
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

async function conclude(deps: JourneyDeps, { journey }: StepContext, result: StepResult): Promise<JourneyOutcome> {
  if ("stay" in result) {
    await deps.journeys.advance(journey.id, journey.version, {
      state: journey.state,
      ui: nextUi(journey.ui, result.ui),
      internal: journey.internal,
    });
    return show(journey);
  }
  const state = transition(journey.state, result.event);
  const ui = nextUi(journey.ui, result.ui ?? {});
  const internal = { ...journey.internal, ...result.internal };
  if (result.event.type === "guestReady") {
    const { redirectTo, setCookies } = await deps.signIn.complete({ ...journey, internal }, result.event.guestId);
    await deps.journeys.advance(journey.id, journey.version, { state, ui: emptyUi(), internal });
    return { kind: "redirect", to: redirectTo, setCookies };
  }
  await deps.journeys.advance(journey.id, journey.version, { state, ui, internal });
  if (result.event.type === "upstreamChosen")
    return { kind: "federate", journeyId: journey.id, providerId: result.event.providerId };
  return { kind: "show", journeyId: journey.id };
}

/** Messages and errors belong to one answer; what the person typed is kept only when a step says so. */
function nextUi(current: JourneyUi, patch: Partial<JourneyUi>): JourneyUi {
  return { ...current, messages: [], fieldErrors: {}, values: {}, ...patch };
}

function show(journey: JourneyRecord): JourneyOutcome {
  return { kind: "show", journeyId: journey.id };
}

/** The cookie that binds a journey to its browser: only sent to that journey's own paths. */
export function journeyCookie(journey: JourneyRecord, nonce: string, secure = false): string {
  const maxAge = Math.max(0, Math.floor((journey.expiresAt.getTime() - journey.createdAt.getTime()) / 1000));
  return `${JOURNEY_COOKIE}=${nonce}; Path=/${journey.tenantId}/journey/${journey.id}; Max-Age=${maxAge}; HttpOnly; SameSite=Lax${secure ? "; Secure" : ""}`;
}

export const JOURNEY_COOKIE = "gg_journey";
