import type { AttributeValue } from "../../directory";
import type { UserFlow } from "./types";

export type TokenClaims = Record<string, AttributeValue | Record<string, AttributeValue>>;

/**
 * The ID-token claims a flow releases for a guest's values: the flow's `tokenClaims`, each under
 * its attribute's claim name (built-in.ts explains the names; custom attributes are
 * `extension_<name>`). Address parts are gathered into the OIDC `address` object, which then
 * also carries the country (OIDC Core §5.1.1). Empty values are left out rather than sent as null.
 */
export function tokenClaimsFor(flow: UserFlow, values: Readonly<Record<string, AttributeValue | null | undefined>>): TokenClaims {
  const claims: TokenClaims = {};
  const address: Record<string, AttributeValue> = {};
  for (const name of flow.tokenClaims) {
    const value = values[name];
    if (value === undefined || value === null || value === "") continue;
    const claim = flow.attributes.find((a) => a.definition.name === name)?.definition.claim ?? { name };
    if (claim.member) address[claim.member] = value;
    else claims[claim.name] = value;
  }
  if (Object.keys(address).length > 0) {
    if (typeof claims.country === "string") address.country = claims.country;
    claims.address = address;
  }
  return claims;
}

/**
 * The claim of a flow with terms: `terms_version`, the version the guest last accepted (absent
 * until they accepted one), so an application can tell who accepted which (docs/INTEGRATION.md).
 */
export function termsClaims(flow: Pick<UserFlow, "termsAcceptance">, termsVersion: string | null | undefined): TokenClaims {
  return flow.termsAcceptance && termsVersion ? { terms_version: termsVersion } : {};
}
