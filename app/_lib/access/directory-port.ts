import type { DirectoryService } from "../directory";
import type { ExternalUserPort } from "./common";
import type { IdentityLinker } from "./invitation-port";

/**
 * The external-user lifecycle's port over the directory service (server.ts builds it on the same
 * database client as the entitlement store, so each verb joins the entitlement unit of work and
 * audits itself there, with the job as its actor).
 */
export function externalUsersThroughDirectory(
  directory: Pick<DirectoryService, "block" | "unblock" | "delete">,
): ExternalUserPort {
  return {
    async block(actor, tenantId, guestId) {
      await directory.block(actor, tenantId, guestId);
    },
    async unblock(actor, tenantId, guestId) {
      await directory.unblock(actor, tenantId, guestId);
    },
    async delete(actor, tenantId, guestId) {
      await directory.delete(actor, tenantId, guestId);
    },
  };
}

/**
 * Links a My Access requestor's proven identity to the guest their delivery created, through the
 * directory's `linkIdentity` (which makes a pending guest active and audits it). Delivered again
 * after a failure, the identity may be this guest's already: nothing to do then.
 */
export function linkThroughDirectory(
  directory: Pick<DirectoryService, "findByIdentity" | "linkIdentity">,
  passcodeProviderOf: (tenantId: string) => string,
): IdentityLinker {
  return async (actor, tenantId, guestId, identity) => {
    if ((await directory.findByIdentity(tenantId, identity))?.id === guestId) return;
    await directory.linkIdentity(actor, tenantId, guestId, {
      providerId: passcodeProviderOf(tenantId),
      issuer: identity.issuer,
      subject: identity.subject,
      email: identity.email,
      emailVerified: true,
    });
  };
}
