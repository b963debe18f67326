import type { ProviderContext } from "../context";
import { sha256 } from "../crypto";
import { OAuthError } from "../errors";
import { accessTokenGrant, isAppGrantId } from "../tokens/app-grants";
import { verifyAccessToken, type AccessTokenClaims } from "../tokens/verify";
import { NO_STORE, methodNotAllowed, notFound, oauthErrorResponse } from "../web/responses";
import { looksLikeJwt, readClientTokenRequest } from "./client-request";

/**
 * Token revocation (RFC 7009). Revoking a refresh token revokes its grant, and with it the access
 * tokens issued from that grant (§2.1: "SHOULD also invalidate all access tokens based on the same
 * authorization grant"); revoking an access token does the same. An unknown or invalid token is
 * answered 200 (§2.2); a token of another client is refused (§2.1).
 */
export function createRevocationEndpoint(p: ProviderContext) {
  return async function revoke(request: Request, tenant: string): Promise<Response> {
    if (!p.tenants.find(tenant)) return notFound();
    if (request.method !== "POST") return methodNotAllowed("POST");
    const urls = p.urls(tenant);
    try {
      const { client, token } = await readClientTokenRequest(p, request, tenant);
      const now = p.clock.now();
      let grantId: string | undefined;
      let owner: string | undefined;
      let appGrant: AccessTokenClaims | undefined;
      if (looksLikeJwt(token)) {
        const claims = await verifyAccessToken(p.keys, tenant, token, { issuer: urls.issuer, now });
        grantId = claims?.grant_id;
        owner = claims?.client_id;
        if (claims && isAppGrantId(claims.grant_id)) appGrant = claims;
      } else {
        const refresh = await p.repositories.tokens.findRefreshToken(sha256(token));
        if (refresh && refresh.tenantId === tenant) {
          grantId = refresh.grantId;
          owner = refresh.clientId;
        }
      }
      if (grantId) {
        if (owner !== client.clientId) throw new OAuthError("invalid_request", "the token was issued to another client");
        if (appGrant) {
          const grant = await accessTokenGrant(p.repositories.tokens, tenant, appGrant);
          if (grant) await p.repositories.tokens.revokeAppGrant(grant, now);
        } else await p.repositories.tokens.revokeGrant(grantId, now);
      }
      return new Response(null, { status: 200, headers: NO_STORE });
    } catch (error) {
      if (error instanceof OAuthError) return oauthErrorResponse(error, urls.issuer);
      p.reportError(error);
      return oauthErrorResponse(new OAuthError("server_error", "the request could not be processed"), urls.issuer);
    }
  };
}
