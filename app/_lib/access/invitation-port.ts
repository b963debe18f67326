import type { Actor, SystemActor } from "../directory";
import type { EntitlementPorts } from "./common";

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
  ): Promise<{ guest: { id: string } }>;
}

/** Who provisions a guest for a delivery: the approval or the administrator's request is audited on its own. */
const PROVISIONER: SystemActor = { type: "system", name: "entitlementManagement" };

/**
 * The guest of a delivery made by the invitation machinery (contract §7.3: a silent invitation
 * during `delivering`): a pending guest created via `accessPackage`, no e-mail sent; the
 * invitation leads to the tenant's My Access page. An address that is a guest already is that guest.
 */
export function provisionThroughInvitations(
  invitations: SilentInviter,
  myAccessUrl: (tenantId: string) => string,
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
    return outcome.guest.id;
  };
}
