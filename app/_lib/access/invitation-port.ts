import type { Actor, SystemActor } from "../directory";
import type { EntitlementPorts } from "./common";
import type { OutsiderIdentity } from "./records";

/** Links a proven identity to a guest, as the directory's `linkIdentity` (a pending guest becomes active). */
export type IdentityLinker = (actor: SystemActor, tenantId: string, guestId: string, identity: OutsiderIdentity) => Promise<void>;

/** The invitation service's `create`, as far as a delivery uses it (access depends on no module above it). */
export interface SilentInviter {
  create(
    actor: Actor,
    tenantId: string,
    input: {
      email: string;
      displayName: string | null;
      redirectUrl: string;
      sendInvitationMessage: false;
      createdVia: "accessPackage";
      correlationId?: string;
    },
  ): Promise<{ guest: { id: string }; status: "PendingAcceptance" | "Completed"; redeemUrl: string }>;
}

/** Who provisions a guest for a delivery: the approval or the administrator's request is audited on its own. */
const PROVISIONER: SystemActor = { type: "system", name: "entitlementManagement" };

/**
 * The guest of a delivery made by the invitation machinery (contract §7.3: a silent invitation
 * during `delivering`): a pending guest created via `accessPackage`, no e-mail sent; the
 * invitation leads to the tenant's My Access page. An address that is a guest already is that guest.
 * The identity a My Access requestor proved is linked then, so their next sign-in is as the guest
 * (a failure leaves the request `deliveryFailed`; reprocessing finds the guest and links again).
 */
export function provisionThroughInvitations(
  invitations: SilentInviter,
  myAccessUrl: (tenantId: string) => string,
  linkIdentity?: IdentityLinker,
): NonNullable<EntitlementPorts["provisionGuest"]> {
  return async (tenantId, person, correlationId) => {
    const outcome = await invitations.create(PROVISIONER, tenantId, {
      email: person.email,
      displayName: person.displayName,
      redirectUrl: myAccessUrl(tenantId),
      sendInvitationMessage: false,
      createdVia: "accessPackage",
      ...(correlationId ? { correlationId } : {}),
    });
    if (person.identity && linkIdentity) {
      await linkIdentity(PROVISIONER, tenantId, outcome.guest.id, person.identity);
      return { guestId: outcome.guest.id, redeemUrl: null };
    }
    // A guest still to redeem (an administrator's adminAdd for a new address) gets the invitation's link.
    return { guestId: outcome.guest.id, redeemUrl: outcome.status === "PendingAcceptance" ? outcome.redeemUrl : null };
  };
}
