import type { AttributeValue, GuestSummary, ProvenIdentity } from "../../directory";
import { parseAttributeSubmission } from "../user-flows/attribute-schema";
import { runHooks, type HookContext, type JourneyHooks } from "./hooks";
import type { StepContext, StepResult } from "./step";
import type { UiMessage } from "./types";
import { flowAttributeNames, hookContextOf, self } from "./write-guest";

export interface CollectionStart {
  identity?: ProvenIdentity;
  guest: GuestSummary | null;
  /** The attributes to ask for; empty: all the flow's. */
  attributes: readonly string[];
  prefill: Record<string, string | string[]>;
}

/** The attribute page is about to show: onAttributeCollectionStart may prefill more, or stop. */
export async function startAttributeCollection(
  hooks: JourneyHooks,
  context: Omit<HookContext, "point">,
  allowed: ReadonlySet<string>,
  start: CollectionStart,
): Promise<{ blocked: UiMessage } | { blocked?: undefined; prefill: Record<string, string | string[]> }> {
  const run = await runHooks(hooks, "onAttributeCollectionStart", context, start, allowed);
  return run.blocked ? { blocked: run.blocked } : { prefill: { ...run.input.prefill } };
}

/**
 * The attribute form of any kind: validated with the schema built from the flow (server side,
 * whatever the browser checked), then onAttributeSubmit; the values go to the one guest write.
 */
export async function submitAttributes(context: StepContext, onlyMissing?: readonly string[]): Promise<StepResult> {
  const { journey, flow, input, deps, tenant } = context;
  const guestId = journey.internal.guestId;
  const guest = guestId ? await deps.directory.get(self(guestId), tenant.slug, guestId) : null;
  const parsed = parseAttributeSubmission(flow, input, {
    appId: journey.clientId,
    locale: journey.locale,
    onlyMissing,
    storedValues: guest?.attributes ?? {},
  });
  const terms = termsDue(context, guest);
  const refusedTerms = terms !== undefined && input.acceptTerms !== "yes";
  if (!parsed.ok || refusedTerms) {
    const fieldErrors: Record<string, UiMessage> = {};
    for (const problem of parsed.ok ? [] : parsed.problems) fieldErrors[problem.field] ??= problem.message as UiMessage;
    if (refusedTerms) fieldErrors.acceptTerms = { id: "journey.terms.required" };
    return { stay: true, ui: { fieldErrors, values: typedValues(input), messages: [{ id: "journey.attributes.fixErrors" }] } };
  }
  const values = Object.fromEntries(
    Object.entries(parsed.values).filter((entry): entry is [string, AttributeValue] => entry[1] !== null),
  );
  // An optional value the form showed and the person emptied is deleted, not kept.
  const cleared = Object.entries(parsed.values)
    .filter(([name, value]) => value === null && guest?.attributes[name] !== undefined)
    .map(([name]) => name);
  const submitted = await runHooks(
    deps.hooks,
    "onAttributeSubmit",
    hookContextOf(context),
    { identity: journey.internal.identity, guest, values },
    flowAttributeNames(flow, journey.clientId),
  );
  if (submitted.blocked && submitted.refused) return { event: { type: "refused" }, ui: { messages: [submitted.blocked] } };
  // Like a validation problem: the person stays on the form with the message and what they typed.
  if (submitted.blocked)
    return {
      stay: true,
      ui: {
        messages: [submitted.blocked],
        values: typedValues(input),
        ...(submitted.fieldErrors ? { fieldErrors: { ...submitted.fieldErrors } } : {}),
      },
    };
  const remove = cleared.filter((name) => !(name in submitted.input.values));
  return {
    event: { type: "guestReady" },
    write: {
      attributes: submitted.input.values,
      ...(remove.length ? { remove } : {}),
      ...(terms ? { termsVersion: terms } : {}),
    },
  };
}

/**
 * The terms version this sign-up form must have accepted: the flow's, unless the guest accepted
 * that version already. Sign-up only: a profile edit or a redemption never asks for terms.
 */
export function termsDue(context: Pick<StepContext, "journey" | "flow">, guest: Pick<GuestSummary, "termsAccepted"> | null) {
  const terms = context.flow.termsAcceptance;
  if (!terms || context.journey.kind !== "signup") return undefined;
  return guest?.termsAccepted?.version === terms.version ? undefined : terms.version;
}

const FORM_FIELDS = new Set(["version", "action", "altcha"]);

/** Stored values as the form shows them (strings, lists of strings). */
export function formValuesOf(attributes: GuestSummary["attributes"]): Record<string, string | string[]> {
  return Object.fromEntries(
    Object.entries(attributes).map(([name, value]) => [name, Array.isArray(value) ? [...value] : String(value)]),
  );
}

/** The form's own fields, to show again next to their errors (bounded: this is stored). */
export function typedValues(input: Readonly<Record<string, string | string[]>>): Record<string, string | string[]> {
  return Object.fromEntries(
    Object.entries(input)
      // Not the form's own fields, nor the proof-of-work widget's solution (`altcha`).
      .filter(([name]) => /^[A-Za-z][A-Za-z0-9_]{0,63}$/.test(name) && !FORM_FIELDS.has(name))
      .slice(0, 64)
      .map(([name, value]) => [
        name,
        Array.isArray(value) ? value.slice(0, 50).map((v) => v.slice(0, 500)) : value.slice(0, 500),
      ]),
  );
}
