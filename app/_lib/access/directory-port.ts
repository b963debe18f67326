import type { DirectoryService } from "../directory";
import type { ExternalUserPort } from "./common";

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
