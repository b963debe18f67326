import type { Tenant } from "../../tenant";
import { tenantReturnPath, completionOf } from "./completion";
import { recordFunnel } from "./funnel";
import type { JourneyKind, StartFailure, StartJourneyInput } from "./kind";
import type { JourneyBinding, JourneyDeps, JourneyRecord, JourneyUi, UiMessage } from "./types";

/** Long enough to find a passcode e-mail and fill in a form; short enough that a forgotten tab dies. */
export const JOURNEY_LIFETIME_MS = 30 * 60 * 1000;

export type StartedJourney = { ok: true; journey: JourneyRecord; bindingNonce: string } | { ok: false; reason: StartFailure };

/** A fresh journey of a kind, bound to this browser by a nonce only it holds. */
export async function startJourney(
  deps: JourneyDeps,
  tenant: Tenant,
  input: StartJourneyInput,
  messages: UiMessage[] = [],
): Promise<StartedJourney> {
  const kind = deps.kinds.get(input.kind);
  if (!kind) throw new Error(`no journey kind "${input.kind}"`);
  const completion = checkedCompletion(tenant, kind, input);
  if (!completion) return { ok: false, reason: "badCompletion" };
  const id = deps.randomToken();
  const begun = await kind.begin({ tenant, deps, input: { ...input, completion }, journeyId: id });
  if (!begun.ok) return begun;

  const bindingNonce = deps.randomToken();
  const now = deps.now();
  const journey: JourneyRecord = {
    id,
    tenantId: tenant.slug,
    kind: kind.name,
    state: begun.event ? kind.machine.transition(kind.initial, begun.event) : kind.initial,
    version: 0,
    completion,
    clientId: begun.clientId,
    flowId: begun.flow.name,
    locale: input.locale,
    bindingHash: deps.sha256(bindingNonce),
    ui: { ...emptyUi(messages), ...begun.ui },
    internal: { ...begun.internal },
    expiresAt: new Date(Math.min(now.getTime() + JOURNEY_LIFETIME_MS, input.notAfter?.getTime() ?? Infinity)),
    createdAt: now,
  };
  await deps.journeys.create(journey);
  await recordFunnel(deps, kind, journey, [{ step: "started" }]);
  return { ok: true, journey, bindingNonce };
}

/**
 * The live journey that already finishes this interaction, bound afresh to the browser asking.
 * Only for a caller that has checked this browser is the one the authorization request is bound
 * to (the interaction's own binding), so no one else can take a journey over this way; the old
 * nonce stops working. Undefined when there is none to go back to (none, expired, ended, or a
 * step ran at this very moment): then a new journey starts, and the purge job removes the rest.
 */
export async function resumeForInteraction(
  deps: JourneyDeps,
  tenant: Tenant,
  interactionId: string,
): Promise<{ journey: JourneyRecord; bindingNonce: string } | undefined> {
  const journey = await deps.journeys.findLiveForInteraction(tenant.slug, interactionId, deps.now());
  const kind = journey && deps.kinds.get(journey.kind);
  if (!journey || !kind || !kind.machine.isState(journey.state) || kind.machine.isTerminal(journey.state)) return undefined;
  const bindingNonce = deps.randomToken();
  if (!(await deps.journeys.rebind(journey.id, journey.version, deps.sha256(bindingNonce)))) return undefined;
  return { journey, bindingNonce };
}

/** The target must be one this kind finishes; a redirect only to a path of this tenant. */
function checkedCompletion(tenant: Tenant, kind: JourneyKind, input: StartJourneyInput) {
  const target = input.completion;
  if (target.type !== kind.completes) return undefined;
  if (target.type === "interaction") return target;
  const url = tenantReturnPath(tenant.slug, target.url);
  return url ? { type: "redirect" as const, url } : undefined;
}

/** What the journey cookie carries for a journey just started. */
export function bindingOf(journey: JourneyRecord, nonce: string): JourneyBinding {
  const maxAgeSeconds = Math.max(0, Math.floor((journey.expiresAt.getTime() - journey.createdAt.getTime()) / 1000));
  return { tenantId: journey.tenantId, journeyId: journey.id, nonce, maxAgeSeconds };
}

/** The cookie for a journey bound afresh: it lives as long as the journey has left. */
export function rebound(journey: JourneyRecord, nonce: string, now: Date): JourneyBinding {
  const maxAgeSeconds = Math.max(0, Math.floor((journey.expiresAt.getTime() - now.getTime()) / 1000));
  return { tenantId: journey.tenantId, journeyId: journey.id, nonce, maxAgeSeconds };
}

export function emptyUi(messages: UiMessage[] = []): JourneyUi {
  return { messages, fieldErrors: {}, values: {} };
}

export type LoadedJourney =
  | { kind: "journey"; journey: JourneyRecord; journeyKind: JourneyKind }
  | { kind: "notFound" }
  | { kind: "forbidden" }
  | { kind: "expired"; journey: JourneyRecord; journeyKind: JourneyKind };

/** The journey, if it exists under this tenant, is of a kind this deployment runs, and this browser holds its nonce. */
export async function loadJourney(
  deps: JourneyDeps,
  tenantId: string,
  id: string,
  bindingNonce: string | undefined,
): Promise<LoadedJourney> {
  const journey = /^[A-Za-z0-9_-]{20,64}$/.test(id) ? await deps.journeys.find(id) : null;
  if (!journey || journey.tenantId !== tenantId) return { kind: "notFound" };
  const journeyKind = deps.kinds.get(journey.kind);
  if (!journeyKind || !journeyKind.machine.isState(journey.state)) return { kind: "notFound" };
  if (!bindingNonce || deps.sha256(bindingNonce) !== journey.bindingHash) return { kind: "forbidden" };
  if (journey.expiresAt.getTime() <= deps.now().getTime()) return { kind: "expired", journey, journeyKind };
  return { kind: "journey", journey, journeyKind };
}

/**
 * An expired journey is replaced, keeping where the person was going (the same authorization
 * request, the same return path) and telling them why they start again; if what it completes died
 * too, there is nothing to resume. A kind acting on a signed-in guest starts again for the guest
 * signed in now, never for the one stored on the old journey.
 */
export async function replaceExpired(
  deps: JourneyDeps,
  tenant: Tenant,
  expired: JourneyRecord,
  signedInGuestId: string | undefined,
): Promise<StartedJourney | { ok: false; reason: "gone" }> {
  const kind = deps.kinds.get(expired.kind);
  if (!kind) return { ok: false, reason: "gone" };
  if (kind.requiresSignedInGuest && !signedInGuestId) return { ok: false, reason: "signInRequired" };
  const notAfter = expired.completion.type === "interaction" ? await completionOf(deps, expired).notAfter(expired) : undefined;
  if (expired.completion.type === "interaction" && !notAfter) return { ok: false, reason: "gone" };
  // The old journey ends here as "expired"; the one replacing it counts as a journey of its own.
  if (!kind.machine.isTerminal(expired.state)) await recordFunnel(deps, kind, expired, [{ step: "ended", outcome: "expired" }]);
  return startJourney(
    deps,
    tenant,
    {
      kind: kind.name,
      completion: expired.completion,
      clientId: expired.clientId,
      locale: expired.locale,
      ...(signedInGuestId ? { guestId: signedInGuestId } : {}),
      ...(notAfter ? { notAfter } : {}),
    },
    [{ id: "journey.errors.expired" }],
  );
}
