import type { ProvenIdentity } from "../../directory";
import { userFlowAccess } from "../user-flows/access";
import { missingRequiredAttributes } from "../user-flows/progressive";
import { editableAttributesFor } from "../user-flows/visible-attributes";
import type { StepContext, StepResult } from "./steps/step";
import { createGuest } from "./create-guest";

/**
 * The issuer of identities proven by a passcode: the address itself is the subject. Kept apart from
 * every upstream issuer, so a passcode never signs someone into an account made with Google.
 */
export const EMAIL_OTP_ISSUER = "urn:guestgate:email-otp";

/**
 * The person proved an identity; the directory decides what follows. A known identity signs in
 * (asked only for required attributes the flow gained since: progressive profiling), an unknown
 * one signs up if the flow and tenant allow it. Never matched by e-mail (identities are keyed by
 * issuer and subject).
 */
export async function identified(context: StepContext, identity: ProvenIdentity, amr: string[]): Promise<StepResult> {
  const { journey, tenant, flow, deps } = context;
  const guest = await deps.guests.findByIdentity(tenant.slug, identity.issuer, identity.subject);
  if (guest) {
    const internal = { identity, amr, guestId: guest.id };
    if (guest.state === "blocked") return { event: { type: "guestBlocked" }, internal };
    const missing = missingRequiredAttributes(flow, journey.clientId, guest.attributes);
    if (missing.length > 0)
      return { event: { type: "attributesNeeded", attributes: missing }, ui: { attributes: missing }, internal };
    await deps.guests.recordSignIn(tenant.slug, identity.issuer, identity.subject, deps.now());
    return { event: { type: "guestReady", guestId: guest.id }, internal };
  }

  const internal = { identity, amr };
  if (!userFlowAccess(flow, tenant).signUp) return { event: { type: "signUpClosed" }, internal };
  if (editableAttributesFor(flow, { appId: journey.clientId }).length === 0) {
    const created = await createGuest(context, identity, {});
    return { event: { type: "guestReady", guestId: created.id }, internal: { ...internal, guestId: created.id } };
  }
  return { event: { type: "attributesNeeded", attributes: [] }, ui: { attributes: [], values: prefill(identity) }, internal };
}

/** What the identity provider already told us, offered as a starting point the person can change. */
function prefill(identity: ProvenIdentity): Record<string, string> {
  const values: Record<string, string> = {};
  if (identity.name) values.displayName = identity.name;
  if (identity.givenName) values.givenName = identity.givenName;
  if (identity.familyName) values.surname = identity.familyName;
  return values;
}
