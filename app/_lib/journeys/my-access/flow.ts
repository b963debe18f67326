import { createHash } from "node:crypto";
import type { Tenant } from "../../tenant";
import type { UserFlow } from "../user-flows/types";

/** Where a My Access sign-in may return: the tenant's My Access pages only. */
export const myAccessPath = (tenantSlug: string) => `/${tenantSlug}/myaccess`;

/**
 * The client id the My Access sign-in journey runs under: no registered application asks for it,
 * so it is a fixed UUID version 5 (RFC 9562 §5.5) of "guestgate-myaccess:{slug}", like the portal's.
 */
export function myAccessClientId(tenantSlug: string): string {
  const namespace = Buffer.from("3b9e0d4c7a1f4e2b9c6d8a0f1e3b5d7c", "hex");
  const hash = createHash("sha1").update(namespace).update(`guestgate-myaccess:${tenantSlug}`).digest();
  hash[6] = (hash[6]! & 0x0f) | 0x50;
  hash[8] = (hash[8]! & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * My Access's built-in user flow: the tenant's e-mail passcode providers, sign-in only, nothing
 * collected. Not stored, so no flow edit can turn it into a way to sign up.
 */
export function myAccessUserFlow(tenant: Pick<Tenant, "identityProviders">, clientId: string): UserFlow {
  return {
    name: "my-access",
    displayName: "My Access",
    enabled: true,
    signUpAllowed: false,
    identityProviders: tenant.identityProviders.filter((provider) => provider.kind === "email-otp").map((p) => p.id),
    attributes: [],
    tokenClaims: [],
    overrides: {},
    applications: [clientId],
  };
}
