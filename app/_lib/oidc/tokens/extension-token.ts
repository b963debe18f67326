import { createHash } from "node:crypto";
import { SignJWT } from "jose";
import { ID_TOKEN_ALG } from "../constants";
import { randomToken } from "../crypto";
import type { KeyStore } from "../keys/key-store";

/** About as long as Entra's tokens to an extension live: a call, its retry, and clock skew. */
export const EXTENSION_TOKEN_LIFETIME = 300;

export interface ExtensionTokenInput {
  tenant: string;
  tenantGuid: string;
  issuer: string;
  /** The extension's application id (from authenticationConfiguration.resourceId): `aud`. */
  audience: string;
  /** The tenant's authentication-events application: `azp`, `appid` and `sub`. */
  clientId: string;
  now: Date;
}

/**
 * The app-only token Guestgate sends a custom authentication extension, shaped like the token
 * Entra's authentication-events service gets by client credentials (contract §6.2): RS256 under the
 * tenant's published key, `aud` the extension's app id, `azp` (v2) and `appid` (v1) the caller.
 * A receiver that validates Entra's token switches by changing the authority (issuer and JWKS).
 */
export async function mintExtensionToken(keys: KeyStore, input: ExtensionTokenInput): Promise<string> {
  const key = await keys.signingKey(input.tenant, ID_TOKEN_ALG);
  const iat = Math.floor(input.now.getTime() / 1000);
  return new SignJWT({ azp: input.clientId, appid: input.clientId, tid: input.tenantGuid, ver: "2.0", idtyp: "app" })
    .setProtectedHeader({ alg: key.alg, kid: key.kid, typ: "JWT" })
    .setIssuer(input.issuer)
    .setSubject(input.clientId)
    .setAudience(input.audience)
    .setIssuedAt(iat)
    .setNotBefore(iat)
    .setExpirationTime(iat + EXTENSION_TOKEN_LIFETIME)
    .setJti(randomToken(16))
    .sign(key.privateKey);
}

/**
 * The id of the tenant's own "Guestgate authentication events" application: the client whose
 * credentials the extension tokens stand for (Entra's is the fixed 99045fe1-…). A name-based UUID
 * (RFC 9562 §5.5) of the tenant's GUID, so it is stable, per tenant, and needs no row.
 */
export function authenticationEventsClientId(tenantGuid: string): string {
  const hash = createHash("sha1").update("guestgate-authentication-events:").update(tenantGuid.toLowerCase()).digest();
  hash[6] = (hash[6]! & 0x0f) | 0x50;
  hash[8] = (hash[8]! & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * Claims a custom claims provider (OnTokenIssuanceStart) may not set, whatever it answers: the
 * registered JWT claims (RFC 7519 §4.1), the OpenID ones that bind a token to its request and
 * session (OIDC Core §2, §3.1.3.6), the identity and authorization claims Guestgate vouches for
 * (RFC 9068 §2.2, contract §3.3) and Entra's own identifiers.
 */
const PROTECTED_CLAIMS = new Set([
  "iss",
  "sub",
  "aud",
  "exp",
  "nbf",
  "iat",
  "jti",
  "typ",
  "cty",
  "cnf",
  "ver",
  "nonce",
  "auth_time",
  "acr",
  "amr",
  "azp",
  "at_hash",
  "c_hash",
  "s_hash",
  "sid",
  "client_id",
  "scope",
  "scp",
  "roles",
  "groups",
  "wids",
  "grant_id",
  "_claim_names",
  "_claim_sources",
  "tid",
  "oid",
  "appid",
  "idp",
  "idtyp",
  "upn",
  "unique_name",
  "preferred_username",
  "email",
  "email_verified",
  "phone_number",
  "phone_number_verified",
  "name",
]);

/** What of an extension's claims may reach a token: never a protected claim, in any case. */
export function releasableExtensionClaims(claims: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(claims).filter(([name]) => !PROTECTED_CLAIMS.has(name.toLowerCase())));
}
