import type { Locale } from "../../i18n";
import type { Tenant } from "../../tenant";
import type { JourneyDeps, JourneyRecord, JourneyUi, UiMessage } from "./types";

/** Long enough to find a passcode e-mail and fill in a form; short enough that a forgotten tab dies. */
export const JOURNEY_LIFETIME_MS = 30 * 60 * 1000;

export interface StartJourneyInput {
  interactionId: string;
  clientId: string;
  locale: Locale;
  /** When the authorization request expires: a journey never outlives what it would complete. */
  notAfter?: Date;
}

export type StartedJourney =
  { ok: true; journey: JourneyRecord; bindingNonce: string } | { ok: false; reason: "noUserFlow" | "flowDisabled" };

/** A fresh journey for an authorization request, bound to this browser by a nonce only it holds. */
export async function startJourney(
  deps: JourneyDeps,
  tenant: Tenant,
  input: StartJourneyInput,
  messages: UiMessage[] = [],
): Promise<StartedJourney> {
  const flow = await deps.flowFor(tenant.slug, input.clientId);
  if (!flow) return { ok: false, reason: "noUserFlow" };
  if (!flow.enabled) return { ok: false, reason: "flowDisabled" };
  const bindingNonce = deps.randomToken();
  const now = deps.now();
  const journey: JourneyRecord = {
    id: deps.randomToken(),
    tenantId: tenant.slug,
    state: "chooseProvider",
    version: 0,
    interactionId: input.interactionId,
    clientId: input.clientId,
    flowId: flow.name,
    locale: input.locale,
    bindingHash: deps.sha256(bindingNonce),
    ui: emptyUi(messages),
    internal: {},
    expiresAt: new Date(Math.min(now.getTime() + JOURNEY_LIFETIME_MS, input.notAfter?.getTime() ?? Infinity)),
    createdAt: now,
  };
  await deps.journeys.create(journey);
  return { ok: true, journey, bindingNonce };
}

export function emptyUi(messages: UiMessage[] = []): JourneyUi {
  return { messages, fieldErrors: {}, values: {} };
}

export type LoadedJourney =
  | { kind: "journey"; journey: JourneyRecord }
  | { kind: "notFound" }
  | { kind: "forbidden" }
  | { kind: "expired"; journey: JourneyRecord };

/** The journey, if it exists under this tenant and this browser holds its nonce. */
export async function loadJourney(
  deps: JourneyDeps,
  tenantId: string,
  id: string,
  bindingNonce: string | undefined,
): Promise<LoadedJourney> {
  const journey = /^[A-Za-z0-9_-]{20,64}$/.test(id) ? await deps.journeys.find(id) : null;
  if (!journey || journey.tenantId !== tenantId) return { kind: "notFound" };
  if (!bindingNonce || deps.sha256(bindingNonce) !== journey.bindingHash) return { kind: "forbidden" };
  if (journey.expiresAt.getTime() <= deps.now().getTime()) return { kind: "expired", journey };
  return { kind: "journey", journey };
}

/**
 * An expired journey is replaced, keeping where the person was going (the same authorization
 * request) and telling them why they start again; if that request died too, there is nothing to
 * resume and the person must go back to the application.
 */
export async function replaceExpired(
  deps: JourneyDeps,
  tenant: Tenant,
  expired: JourneyRecord,
): Promise<StartedJourney | { ok: false; reason: "gone" }> {
  const notAfter = await deps.signIn.expiresAt(tenant.slug, expired.interactionId);
  if (!notAfter) return { ok: false, reason: "gone" };
  return startJourney(
    deps,
    tenant,
    { interactionId: expired.interactionId, clientId: expired.clientId, locale: expired.locale, notAfter },
    [{ id: "journey.errors.expired" }],
  );
}
