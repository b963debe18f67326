import type { Tenant } from "../../tenant";
import type { UserFlow } from "../user-flows/types";

/**
 * The admin portal's built-in user flow: the tenant's e-mail passcode providers, then the
 * providers `admin.identityProviders` allows for administrators; sign-in only, nothing collected,
 * no claims beyond the scopes'. It is not stored, so no flow edit can open the portal to sign-ups.
 */
export function adminUserFlow(tenant: Pick<Tenant, "identityProviders" | "admin">, portalClientId: string): UserFlow {
  const passcode = tenant.identityProviders.filter((provider) => provider.kind === "email-otp").map((provider) => provider.id);
  const federated = tenant.admin.identityProviders.filter((id) => !passcode.includes(id));
  return {
    name: "admin-portal",
    displayName: "Admin portal",
    enabled: true,
    signUpAllowed: false,
    identityProviders: [...passcode, ...federated],
    attributes: [],
    tokenClaims: [],
    overrides: {},
    applications: [portalClientId],
  };
}
