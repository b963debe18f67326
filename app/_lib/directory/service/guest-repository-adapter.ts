import type { GuestRepository } from "../guests";
import { isDirectoryError, type DirectoryService } from "../service-contract";

/**
 * The journeys' older `GuestRepository` port, answered by the directory service, until the journey
 * engine consumes the service directly. Sign-up is audited by `directory.signUp` with the new guest
 * as actor; attribute changes with the guest acting on their own record.
 */
export function guestRepositoryOver(directory: DirectoryService): GuestRepository {
  return {
    findByIdentity: (tenantId, issuer, subject) => directory.findByIdentity(tenantId, { issuer, subject }),
    async find(tenantId, guestId) {
      try {
        return await directory.get({ type: "guest", guestId }, tenantId, guestId);
      } catch (error) {
        if (isDirectoryError(error) && error.code === "notFound") return null;
        throw error;
      }
    },
    createWithIdentity: (guest) =>
      directory.signUp({
        tenantId: guest.tenantId,
        identity: guest.identity,
        attributes: guest.attributes,
        displayName: guest.displayName,
        userFlowName: guest.userFlowId,
        clientId: guest.applicationId,
        correlationId: guest.journeyId,
      }),
    saveAttributes: (tenantId, guestId, values, journeyId) =>
      directory.updateAttributes({ type: "guest", guestId }, tenantId, guestId, { values, correlationId: journeyId }),
    recordSignIn: (tenantId, issuer, subject, at) => directory.recordSignIn(tenantId, { issuer, subject }, at),
  };
}
