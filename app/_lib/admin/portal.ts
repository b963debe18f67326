import { createHash } from "node:crypto";

/**
 * The admin portal is a relying party of its own tenant, as Keycloak's console is a client of its
 * realm. Its application is built in, not registered: it exists for every tenant from the start,
 * its redirect URI follows GUESTGATE_BASE_URL, and no administrator (nor the Graph API) can add a
 * redirect URI to it — which would let whoever controls that URI collect administrators' codes.
 */
export const PORTAL_SCOPE = "openid profile email";

/** A fixed client id per tenant: UUID version 5 (RFC 9562 §5.5) of "guestgate-admin-portal:{slug}". */
export function portalClientId(tenantSlug: string): string {
  const namespace = Buffer.from("6f1d3c2a9b8e4f7d8c5a1e0b2d4f6a8c", "hex");
  const hash = createHash("sha1").update(namespace).update(`guestgate-admin-portal:${tenantSlug}`).digest();
  hash[6] = (hash[6]! & 0x0f) | 0x50;
  hash[8] = (hash[8]! & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export function portalRedirectUri(baseUrl: string, tenantSlug: string): string {
  return new URL(`/${tenantSlug}/admin/callback`, baseUrl).toString();
}

/** The tenant whose portal a client id is, if it is a portal's. */
export function portalTenantOf(clientId: string, tenantSlugs: readonly string[]): string | undefined {
  return tenantSlugs.find((slug) => portalClientId(slug) === clientId);
}
