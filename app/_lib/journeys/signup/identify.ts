import type { ProvenIdentity } from "../../directory";
import { startAttributeCollection, termsDue, type CollectionStart } from "../engine/attributes";
import { runHooks } from "../engine/hooks";
import type { StepContext, StepResult } from "../engine/step";
import type { JourneyInternal } from "../engine/types";
import { flowAttributeNames, hookContextOf } from "../engine/write-guest";
import { userFlowAccess } from "../user-flows/access";
import { missingRequiredAttributes } from "../user-flows/progressive";
import { editableAttributesFor } from "../user-flows/visible-attributes";
import { signUpGate } from "./protection";

/**
 * The issuer of identities proven by a passcode: the address itself is the subject. Kept apart from
 * every upstream issuer, so a passcode never signs someone into an account made with Google.
 */
export const EMAIL_OTP_ISSUER = "urn:guestgate:email-otp";

/**
 * The person proved an identity; the directory decides what follows. A known identity signs in
 * (asked only for required attributes the flow gained since: progressive profiling), an unknown
 * one signs up if the flow and tenant allow it. Never matched by e-mail (identities are keyed by
 * issuer and subject). afterIdentityProof runs for everyone who may go on.
 */
export async function identified(context: StepContext, identity: ProvenIdentity, amr: string[]): Promise<StepResult> {
  const { journey, tenant, flow, deps } = context;
  const guest = await deps.directory.findByIdentity(tenant.slug, identity);
  const internal = { identity, amr, ...(guest ? { guestId: guest.id } : {}) };
  if (guest?.state === "blocked") return { event: { type: "guestBlocked" }, internal };
  // Signed up, not yet decided on: the same "your request is with …" page, nothing else runs.
  if (guest?.state === "pendingApproval") return { event: { type: "approvalPending" }, internal };
  if (!guest) {
    // The portal's Settings may have changed the tenants file's default (read now, not cached).
    const open = deps.selfServiceSignUp ? await deps.selfServiceSignUp(tenant) : tenant.selfServiceSignUp.enabled;
    if (!userFlowAccess(flow, { selfServiceSignUp: { enabled: open } }).signUp)
      return { event: { type: "signUpClosed" }, internal };
    // The sign-up rules for a new identity (an upstream's e-mail is first seen here; a passcode's
    // address passed them on the e-mail page, and the sign-up itself is counted now).
    const gate = await signUpGate(context, identity.email, "signUps", { verified: identity.emailVerified });
    if (gate && "refused" in gate) return { event: { type: "refused" }, ui: { messages: [gate.refused] }, internal };
    if (gate && "retryAfterSeconds" in gate)
      return { stay: true, ui: { messages: [] }, retryAfterSeconds: gate.retryAfterSeconds };
  }

  const proof = await runHooks(deps.hooks, "afterIdentityProof", hookContextOf(context), { identity, guest });
  if (proof.blocked) return { event: { type: "refused" }, ui: { messages: [proof.blocked] }, internal };

  const terms = termsDue(context, guest);
  if (guest) {
    const missing = missingRequiredAttributes(flow, journey.clientId, guest.attributes);
    if (missing.length === 0 && !terms) return { event: { type: "guestReady" }, internal };
    // A new version of the terms with nothing else missing: the page asks for the terms alone.
    return collect(context, internal, { identity, guest, attributes: missing, prefill: {} }, missing.length === 0);
  }
  const nothingToAsk = editableAttributesFor(flow, { appId: journey.clientId }).length === 0;
  // Nothing to ask: the guest is written straight away (with no attributes).
  if (nothingToAsk && !terms) return { event: { type: "guestReady" }, internal, write: { attributes: {} } };
  return collect(context, internal, { identity, guest: null, attributes: [], prefill: prefill(identity) }, nothingToAsk);
}

async function collect(
  context: StepContext,
  internal: Partial<JourneyInternal>,
  start: CollectionStart,
  termsOnly = false,
): Promise<StepResult> {
  const started = await startAttributeCollection(
    context.deps.hooks,
    hookContextOf(context),
    flowAttributeNames(context.flow, context.journey.clientId),
    start,
  );
  if (started.blocked) return { event: { type: "refused" }, ui: { messages: [started.blocked] }, internal };
  return {
    event: { type: "attributesNeeded", attributes: start.attributes },
    ui: { attributes: [...start.attributes], values: started.prefill, ...(termsOnly ? { termsOnly: true } : {}) },
    internal,
  };
}

/** What the identity provider already told us, offered as a starting point the person can change. */
function prefill(identity: ProvenIdentity): Record<string, string> {
  const values: Record<string, string> = {};
  if (identity.name) values.displayName = identity.name;
  if (identity.givenName) values.givenName = identity.givenName;
  if (identity.familyName) values.surname = identity.familyName;
  return values;
}
