import { displayNameFor, type GuestSummary, type ProvenIdentity, type StoredAttributes } from "../../directory";
import type { StepContext } from "./steps/step";

/** Creates the guest with identity and attributes in one transaction; a retry gets the same guest back. */
export async function createGuest(
  context: StepContext,
  identity: ProvenIdentity,
  attributes: StoredAttributes,
): Promise<GuestSummary> {
  const { journey, tenant, deps } = context;
  const { guest, created } = await deps.guests.createWithIdentity({
    tenantId: tenant.slug,
    identity,
    attributes,
    displayName: displayNameFor(attributes, identity),
    userFlowId: journey.flowId,
    applicationId: journey.clientId,
    journeyId: journey.id,
  });
  // A double submit or a second tab got there first: same person, so their typed values still count.
  if (!created && Object.keys(attributes).length > 0)
    return deps.guests.saveAttributes(tenant.slug, guest.id, attributes, journey.id);
  return guest;
}
