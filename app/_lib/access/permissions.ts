import { mayConfigure, type Actor, type ConfigurationAccess } from "../directory";
import { EntitlementError } from "./errors";

/**
 * Who may read or change entitlement management (contract §0.2): applications with
 * EntitlementManagement.Read.All / ReadWrite.All; of the administrators, Global and User
 * Administrators write (Entra's Identity Governance Administrator has no counterpart here) and
 * Directory Readers read. Guests never.
 */
export const ENTITLEMENT_ACCESS: ConfigurationAccess = {
  read: ["EntitlementManagement.Read.All"],
  write: ["EntitlementManagement.ReadWrite.All"],
  roles: { read: ["directoryReader"], write: ["globalAdministrator", "userAdministrator"] },
};

export function authorize(actor: Actor, write: boolean): void {
  if (!mayConfigure(actor, write, ENTITLEMENT_ACCESS))
    throw new EntitlementError("forbidden", `${actor.type} may not ${write ? "change" : "read"} entitlement management`);
}
