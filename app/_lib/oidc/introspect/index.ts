import type { ProviderContext } from "../context";
import { sha256 } from "../crypto";
import { OAuthError } from "../errors";
import type { GrantRecord } from "../ports";
import { looksLikeJwt, readClientTokenRequest } from "../revoke/client-request";
import { accessTokenGrant } from "../tokens/app-grants";
import { verifyAccessToken } from "../tokens/verify";
import { NO_STORE, json, methodNotAllowed, notFound, oauthErrorResponse } from "../web/responses";

const seconds = (date: Date) => Math.floor(date.getTime() / 1000);

/**
 * Token introspection (RFC 7662) for confidential clients, about tokens issued to themselves:
 * anything else — unknown, expired, revoked, another client's — is `{"active": false}` (§2.2), so
 * the endpoint tells no client about another's tokens (§4).
 */
export function createIntrospectionEndpoint(p: ProviderContext) {
  return async function introspect(request: Request, tenant: string): Promise<Response> {
    if (!p.tenants.find(tenant)) return notFound();
    if (request.method !== "POST") return methodNotAllowed("POST");
    const urls = p.urls(tenant);
    const inactive = () => json({ active: false }, 200, NO_STORE);
    // A blocked (or deleted) guest's tokens are not active, as userinfo and the refresh grant refuse them too.
    const guestMayUse = async (grant: GrantRecord) =>
      grant.guestId === null || (await p.repositories.guests.find(tenant, grant.guestId))?.state === "active";
    try {
      const { client, token } = await readClientTokenRequest(p, request, tenant);
      if (client.clientType !== "confidential")
        throw new OAuthError("invalid_client", "introspection is for confidential clients", { status: 401 });
      const now = p.clock.now();
      if (looksLikeJwt(token)) {
        const claims = await verifyAccessToken(p.keys, tenant, token, { issuer: urls.issuer, now });
        if (!claims || claims.client_id !== client.clientId) return inactive();
        const grant = await accessTokenGrant(p.repositories.tokens, tenant, claims);
        if (!grant || !(await guestMayUse(grant))) return inactive();
        return json(
          {
            active: true,
            token_type: "Bearer",
            client_id: claims.client_id,
            sub: claims.sub,
            iss: claims.iss,
            aud: claims.aud,
            exp: claims.exp,
            iat: claims.iat,
            jti: claims.jti,
            ...(claims.scp ? { scope: claims.scp } : { scope: grant.scope }),
            ...(claims.roles ? { roles: claims.roles } : {}),
          },
          200,
          NO_STORE,
        );
      }
      const refresh = await p.repositories.tokens.findRefreshToken(sha256(token));
      if (!refresh || refresh.tenantId !== tenant || refresh.clientId !== client.clientId) return inactive();
      if (refresh.revokedAt || refresh.consumedAt || refresh.expiresAt.getTime() <= now.getTime()) return inactive();
      const grant = await p.repositories.tokens.findGrant(refresh.grantId);
      if (!grant || grant.revokedAt || !(await guestMayUse(grant))) return inactive();
      return json(
        {
          active: true,
          client_id: refresh.clientId,
          ...(grant.guestId ? { sub: grant.guestId } : {}),
          iss: urls.issuer,
          scope: refresh.scope,
          exp: seconds(refresh.expiresAt),
        },
        200,
        NO_STORE,
      );
    } catch (error) {
      if (error instanceof OAuthError) return oauthErrorResponse(error, urls.issuer);
      p.reportError(error);
      return oauthErrorResponse(new OAuthError("server_error", "the request could not be processed"), urls.issuer);
    }
  };
}
