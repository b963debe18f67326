import { compactVerify, errors, jwtVerify, type JWTPayload, type JWSHeaderParameters } from "jose";
import { ACCESS_TOKEN_ALG, ID_TOKEN_ALG } from "../constants";
import type { KeyStore } from "../keys/key-store";

export interface AccessTokenClaims extends JWTPayload {
  sub: string;
  client_id: string;
  grant_id: string;
  scp?: string;
  roles?: string[];
  sid?: string;
}

function keyResolver(keys: KeyStore, tenant: string, alg: string) {
  return async (header: JWSHeaderParameters) => {
    if (header.alg !== alg || typeof header.kid !== "string") throw new errors.JWSInvalid("unexpected alg or kid");
    const found = await keys.verificationKey(tenant, header.kid);
    if (!found || found.alg !== alg) throw new errors.JWKSNoMatchingKey();
    return found.key;
  };
}

/** An access token of ours (RFC 9068 §4): signature, typ, issuer, audience and expiry. undefined when any fails. */
export async function verifyAccessToken(
  keys: KeyStore,
  tenant: string,
  token: string,
  expected: { issuer: string; audience?: string | string[]; now: Date },
): Promise<AccessTokenClaims | undefined> {
  if (token.length > 8192 || !/^[\w-]+\.[\w-]+\.[\w-]+$/.test(token)) return undefined;
  try {
    const { payload } = await jwtVerify(token, keyResolver(keys, tenant, ACCESS_TOKEN_ALG), {
      issuer: expected.issuer,
      audience: expected.audience,
      typ: "at+jwt",
      currentDate: expected.now,
      algorithms: [ACCESS_TOKEN_ALG],
      requiredClaims: ["sub", "exp", "iat", "jti"],
    });
    if (typeof payload.client_id !== "string" || typeof payload.grant_id !== "string") return undefined;
    return payload as AccessTokenClaims;
  } catch {
    return undefined;
  }
}

/**
 * An ID token we issued, presented back as id_token_hint (OIDC Core §3.1.2.1, RP-Initiated Logout
 * §2): our signature and issuer; an expired one is still a valid hint.
 */
export async function verifyIdTokenHint(
  keys: KeyStore,
  tenant: string,
  token: string,
  issuer: string,
): Promise<{ sub: string; aud: string[]; sid?: string } | undefined> {
  if (token.length > 8192 || !/^[\w-]+\.[\w-]+\.[\w-]+$/.test(token)) return undefined;
  try {
    const { payload } = await compactVerify(token, keyResolver(keys, tenant, ID_TOKEN_ALG), { algorithms: [ID_TOKEN_ALG] });
    const claims = JSON.parse(new TextDecoder().decode(payload)) as JWTPayload;
    if (claims.iss !== issuer || typeof claims.sub !== "string") return undefined;
    const aud =
      typeof claims.aud === "string"
        ? [claims.aud]
        : Array.isArray(claims.aud)
          ? claims.aud.filter((a) => typeof a === "string")
          : [];
    if (aud.length === 0) return undefined;
    return { sub: claims.sub, aud, ...(typeof claims.sid === "string" ? { sid: claims.sid } : {}) };
  } catch {
    return undefined;
  }
}
