import { randomToken, sha256 } from "../crypto";
import { LIFETIMES } from "../constants";
import { OAuthError } from "../errors";
import type { NewRefreshToken } from "../ports";
import { releasableExtensionClaims } from "../tokens/extension-token";

import { accessTokenTarget } from "../tokens/graph-scopes";
import { claimsForClient, directoryClaimsOf } from "../tokens/claims";
import { mintAccessToken, mintIdToken, tenantGuidOf } from "../tokens/mint";
import type { TokenContext } from "./context";

/** A new refresh token for the context's grant, with the grant's full scope (RFC 6749 §6: narrowing applies to the access token). */
export function newRefreshToken(ctx: TokenContext, scope: readonly string[]): { token: string; record: NewRefreshToken } {
  const token = randomToken();
  return {
    token,
    record: {
      tokenHash: sha256(token),
      tenantId: ctx.tenant,
      grantId: ctx.grant!.id,
      clientId: ctx.client!.clientId,
      scope: scope.join(" "),
      expiresAt: new Date(ctx.p.clock.now().getTime() + LIFETIMES.refreshToken * 1000),
    },
  };
}

/**
 * Tokens for a guest's grant: a JWT access token for the userinfo resource (RFC 9068) and an ID
 * token when openid was granted (OIDC Core §3.1.3.3; §12.2 on refresh), plus the refresh token the
 * grant step made, if any.
 */
export async function issueUserTokens(
  ctx: TokenContext,
  options: { nonce?: string | null; refreshToken?: string },
): Promise<void> {
  const { p, tenant, urls } = ctx;
  const client = ctx.client!;
  const grant = ctx.grant!;
  const guest = ctx.guest!;
  const scope = ctx.scope ?? grant.scope.split(" ").filter(Boolean);
  const now = p.clock.now();
  const tenantGuid = tenantGuidOf(p.tenants, tenant);
  const target = accessTokenTarget(scope, urls);
  // One read for roles and groups, shared by both tokens (contract §3.3).
  const directory = directoryClaimsOf(
    await p.repositories.guests.directoryClaims?.(tenant, guest.id, client),
    `${urls.managementResource}/v1.0`,
    guest.id,
  );
  // A custom claims provider's additions, asked once for both tokens and never cached past them.
  const provided = await p.repositories.guests.tokenIssuanceClaims?.(guest, client.clientId, grant.id);
  if (provided && "refused" in provided)
    throw new OAuthError("server_error", "a custom claims provider of this application did not answer");
  const extra = provided ? releasableExtensionClaims(provided.claims) : {};
  const access = await mintAccessToken(p.keys, {
    tenant,
    tenantGuid,
    issuer: urls.issuer,
    audience: target.audience,
    clientId: client.clientId,
    sub: guest.id,
    now,
    grantId: grant.id,
    scope: target.scp,
    authTime: grant.authTime,
    sid: grant.sid,
    claims: { ...extra, ...directory },
  });
  const response: Record<string, unknown> = {
    access_token: access.token,
    token_type: "Bearer",
    expires_in: access.expiresIn,
    scope: scope.join(" "),
  };
  if (scope.includes("openid")) {
    response.id_token = await mintIdToken(p.keys, {
      tenant,
      tenantGuid,
      issuer: urls.issuer,
      clientId: client.clientId,
      sub: guest.id,
      now,
      authTime: grant.authTime ?? now,
      nonce: options.nonce,
      sid: grant.sid,
      acr: grant.acr,
      amr: grant.amr,
      // The provider's claims first: every claim Guestgate sets itself wins over them.
      claims: { ...extra, ...(await claimsForClient(p.repositories.guests, guest, client, scope)), ...directory },
    });
  }
  if (options.refreshToken) response.refresh_token = options.refreshToken;
  ctx.response = response;
}
