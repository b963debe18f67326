import { SignJWT } from "jose";
import { ACCESS_TOKEN_ALG, ID_TOKEN_ALG, LIFETIMES } from "../constants";
import { randomToken } from "../crypto";
import type { KeyStore } from "../keys/key-store";

export interface IdTokenInput {
  tenant: string;
  /** The tenant's GUID (tenants[].id): the `tid` claim, which outlives a change of slug and issuer. */
  tenantGuid: string;
  issuer: string;
  clientId: string;
  sub: string;
  now: Date;
  authTime: Date;
  nonce?: string | null;
  sid?: string | null;
  acr?: string | null;
  amr?: readonly string[];
  claims: Record<string, unknown>;
}

const seconds = (date: Date) => Math.floor(date.getTime() / 1000);

/**
 * OIDC Core §2: iss, sub, aud, exp, iat, auth_time, nonce (when sent), plus sid (Front/Back-Channel
 * Logout), scope claims and `tid` (the tenant's GUID, as Entra ID tokens carry it).
 */
export async function mintIdToken(keys: KeyStore, input: IdTokenInput): Promise<string> {
  const key = await keys.signingKey(input.tenant, ID_TOKEN_ALG);
  const iat = seconds(input.now);
  const payload: Record<string, unknown> = {
    ...input.claims,
    // after the claims: an application's claim selection cannot replace the tenant
    tid: input.tenantGuid,
    auth_time: seconds(input.authTime),
    ...(input.nonce ? { nonce: input.nonce } : {}),
    ...(input.sid ? { sid: input.sid } : {}),
    ...(input.acr ? { acr: input.acr } : {}),
    ...(input.amr && input.amr.length ? { amr: [...input.amr] } : {}),
  };
  return new SignJWT(payload)
    .setProtectedHeader({ alg: key.alg, kid: key.kid, typ: "JWT" })
    .setIssuer(input.issuer)
    .setSubject(input.sub)
    .setAudience(input.clientId)
    .setIssuedAt(iat)
    .setExpirationTime(iat + LIFETIMES.idToken)
    .sign(key.privateKey);
}

export interface AccessTokenInput {
  tenant: string;
  /** The tenant's GUID: the `tid` claim. */
  tenantGuid: string;
  issuer: string;
  audience: string;
  clientId: string;
  /** The guest id, or the client id for client credentials (RFC 9068 §2.2). */
  sub: string;
  now: Date;
  grantId: string;
  scope?: readonly string[];
  roles?: readonly string[];
  authTime?: Date | null;
  sid?: string | null;
  /** The guest's `roles`/`groups` (contract §3.3); the registered claims above win over them. */
  claims?: Record<string, unknown>;
}

/** JWT access tokens as RFC 9068: typ at+jwt, client_id, jti, tid, and scp (delegated) or roles (application). */
export async function mintAccessToken(keys: KeyStore, input: AccessTokenInput): Promise<{ token: string; expiresIn: number }> {
  const key = await keys.signingKey(input.tenant, ACCESS_TOKEN_ALG);
  const iat = seconds(input.now);
  const payload: Record<string, unknown> = {
    ...input.claims,
    client_id: input.clientId,
    tid: input.tenantGuid,
    grant_id: input.grantId,
    ...(input.scope ? { scp: input.scope.join(" ") } : {}),
    ...(input.roles ? { roles: [...input.roles] } : {}),
    ...(input.authTime ? { auth_time: seconds(input.authTime) } : {}),
    ...(input.sid ? { sid: input.sid } : {}),
  };
  const token = await new SignJWT(payload)
    .setProtectedHeader({ alg: key.alg, kid: key.kid, typ: "at+jwt" })
    .setIssuer(input.issuer)
    .setSubject(input.sub)
    .setAudience(input.audience)
    .setIssuedAt(iat)
    .setExpirationTime(iat + LIFETIMES.accessToken)
    .setJti(randomToken(16))
    .sign(key.privateKey);
  return { token, expiresIn: LIFETIMES.accessToken };
}

/** The GUID of a tenant the request already resolved by slug; missing only if the directory changed under it. */
export function tenantGuidOf(tenants: { find(slug: string): { id: string } | undefined }, slug: string): string {
  const tenant = tenants.find(slug);
  if (!tenant) throw new Error(`no tenant "${slug}" in the tenants file`);
  return tenant.id;
}
