import { mayConfigure, type Actor } from "../../directory";
import type { KeyStore } from "../keys/key-store";
import type { SigningAlgorithm } from "../ports";
import type { ApplicationAdmin, IssuedSecret, RegisterApplicationInput } from "./register";

/**
 * The provider's administrative verbs, each taking its actor: registering applications, adding
 * secrets, rotating signing keys. The CLI calls them as the system, later the portal as an
 * administrator; every change is audited with that actor in the same transaction as the change.
 */
export interface OidcAdministration {
  register(actor: Actor, input: RegisterApplicationInput): ReturnType<ApplicationAdmin["register"]>;
  addSecret(actor: Actor, tenantId: string, clientId: string, lifetimeSeconds?: number): Promise<IssuedSecret>;
  list(actor: Actor, tenantId: string): ReturnType<ApplicationAdmin["list"]>;
  rotateKeys(actor: Actor, tenantId: string): Promise<{ kid: string; alg: SigningAlgorithm }[]>;
}

export class AdministrationError extends Error {
  override readonly name = "AdministrationError";
  readonly code = "forbidden";
}

/**
 * Applications and keys are the tenant's security configuration: the system, global
 * administrators and applications holding Application.ReadWrite.All change them (contract §0.2).
 */
export function mayAdministerApplications(actor: Actor, write: boolean): boolean {
  return mayConfigure(actor, write, {
    read: ["Application.Read.All"],
    write: ["Application.ReadWrite.All"],
    // Entra's Application Administrator manages every application registration.
    roles: {
      read: ["globalAdministrator", "applicationAdministrator", "directoryReader"],
      write: ["globalAdministrator", "applicationAdministrator"],
    },
  });
}

export function createOidcAdministration(deps: {
  applications: ApplicationAdmin;
  keys: Pick<KeyStore, "rotate">;
}): OidcAdministration {
  const authorize = (actor: Actor, write: boolean) => {
    if (!mayAdministerApplications(actor, write)) throw new AdministrationError(`${actor.type} may not administer applications`);
  };
  return {
    async register(actor, input) {
      authorize(actor, true);
      return deps.applications.register(input, { actor });
    },
    async addSecret(actor, tenantId, clientId, lifetimeSeconds) {
      authorize(actor, true);
      return deps.applications.addSecret(tenantId, clientId, lifetimeSeconds, { actor });
    },
    async list(actor, tenantId) {
      authorize(actor, false);
      return deps.applications.list(tenantId);
    },
    async rotateKeys(actor, tenantId) {
      authorize(actor, true);
      return deps.keys.rotate(tenantId, ({ kid, alg }) => ({
        tenantId,
        type: "signingKey.rotated",
        actor,
        target: { type: "signingKey", id: kid },
        data: { alg },
      }));
    },
  };
}
