import type { GuestSummary, ProvenIdentity, StoredAttributes } from "../../directory";
import type { Locale } from "../../i18n";
import type { UiMessage } from "./types";

/**
 * The named points where code outside the engine (API connectors, issue 12) may continue, change or
 * stop a journey that creates or changes a guest. The same points exist in every such kind; Kratos
 * and Entra's API connectors name the same moments.
 */
export const HOOK_POINTS = [
  "afterIdentityProof",
  "onAttributeCollectionStart",
  "onAttributeSubmit",
  "beforeGuestWritten",
  "afterGuestWritten",
] as const;
export type HookPoint = (typeof HOOK_POINTS)[number];

/** Where a hook runs: the same for every point. */
export interface HookContext {
  point: HookPoint;
  tenantId: string;
  journeyId: string;
  kind: string;
  clientId: string;
  flowName: string;
  locale: Locale;
  /** The person's client address, when the point runs in a request (custom extensions send it). */
  client?: string;
}

/** What each point hands a hook. */
export interface HookInputs {
  /** The person proved an identity (sign-up: passcode or upstream; profile: the OP session of this guest). */
  afterIdentityProof: { identity?: ProvenIdentity; guest: GuestSummary | null };
  /** The attribute page is about to show: which attributes (empty: all the flow's) and their starting values. */
  onAttributeCollectionStart: {
    identity?: ProvenIdentity;
    guest: GuestSummary | null;
    attributes: readonly string[];
    prefill: Readonly<Record<string, string | string[]>>;
  };
  /** The attribute form passed the flow's validation. */
  onAttributeSubmit: { identity?: ProvenIdentity; guest: GuestSummary | null; values: StoredAttributes };
  /** About to create the guest (guest: null) or change its attributes. */
  beforeGuestWritten: { identity?: ProvenIdentity; guest: GuestSummary | null; attributes: StoredAttributes };
  /** Written; the journey has not completed yet. */
  afterGuestWritten: { guest: GuestSummary; created: boolean };
}

/** What a hook may change at each point (none where nothing is left to change). */
export interface HookModifications {
  afterIdentityProof: never;
  onAttributeCollectionStart: { prefill: Readonly<Record<string, string | string[]>> };
  onAttributeSubmit: { attributes: StoredAttributes };
  beforeGuestWritten: { attributes: StoredAttributes };
  afterGuestWritten: never;
}

export type HookDecision<P extends HookPoint> =
  | { action: "continue" }
  /**
   * Stops the journey; the message (a catalog id with its context) is what the person reads. At
   * onAttributeSubmit the person stays on the form, with `fieldErrors` next to the fields they name.
   */
  | { action: "block"; message: UiMessage; fieldErrors?: Readonly<Record<string, UiMessage>> }
  /**
   * Ends the journey with the message even where `block` keeps the person on the form
   * (onAttributeSubmit): an API connector's ShowBlockPage after the form was sent.
   */
  | { action: "refuse"; message: UiMessage }
  | ([HookModifications[P]] extends [never] ? never : { action: "modify" } & HookModifications[P]);

export type Hook<P extends HookPoint> = (input: HookInputs[P], context: HookContext) => Promise<HookDecision<P>>;

/** The hooks registered per point, run in order. */
export type JourneyHooks = { readonly [P in HookPoint]?: readonly Hook<P>[] };

export const NO_HOOKS: JourneyHooks = {};

export type HookRun<P extends HookPoint> =
  | { blocked: UiMessage; refused?: boolean; fieldErrors?: Readonly<Record<string, UiMessage>> }
  | { blocked?: undefined; input: HookInputs[P] };

/**
 * Runs a point's hooks in order; each sees what the one before changed. A modification only
 * reaches names the caller allows (`allowed`: the flow's attributes), so a hook cannot smuggle in a
 * value the flow never collects (userType, e-mail).
 */
export async function runHooks<P extends HookPoint>(
  hooks: JourneyHooks,
  point: P,
  context: Omit<HookContext, "point">,
  input: HookInputs[P],
  allowed?: ReadonlySet<string>,
): Promise<HookRun<P>> {
  let current = input;
  for (const hook of (hooks[point] ?? []) as readonly Hook<P>[]) {
    const decision = await hook(current, { ...context, point });
    if (decision.action === "block")
      return { blocked: decision.message, ...(decision.fieldErrors ? { fieldErrors: decision.fieldErrors } : {}) };
    if (decision.action === "refuse") return { blocked: decision.message, refused: true };
    if (decision.action === "modify") current = modified(point, current, decision, allowed);
  }
  return { input: current };
}

function modified<P extends HookPoint>(
  point: P,
  input: HookInputs[P],
  decision: Record<string, unknown>,
  allowed: ReadonlySet<string> | undefined,
): HookInputs[P] {
  const only = <T>(values: Readonly<Record<string, T>>) =>
    Object.fromEntries(Object.entries(values).filter(([name]) => !allowed || allowed.has(name)));
  if (point === "onAttributeCollectionStart") {
    const current = input as HookInputs["onAttributeCollectionStart"];
    const prefill = decision.prefill as HookModifications["onAttributeCollectionStart"]["prefill"];
    return { ...current, prefill: { ...current.prefill, ...only(prefill) } } as HookInputs[P];
  }
  if (point === "onAttributeSubmit") {
    const current = input as HookInputs["onAttributeSubmit"];
    const attributes = decision.attributes as StoredAttributes;
    return { ...current, values: { ...current.values, ...only(attributes) } } as HookInputs[P];
  }
  if (point === "beforeGuestWritten") {
    const current = input as HookInputs["beforeGuestWritten"];
    const attributes = decision.attributes as StoredAttributes;
    return { ...current, attributes: { ...current.attributes, ...only(attributes) } } as HookInputs[P];
  }
  return input;
}
