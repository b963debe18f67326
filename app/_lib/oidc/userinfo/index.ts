import type { ProviderContext } from "../context";
import { errorBody } from "../errors";
import { claimsForClient, splitScope } from "../tokens/claims";
import { accessTokenGrant } from "../tokens/app-grants";
import { verifyAccessToken } from "../tokens/verify";
import { CORS, NO_STORE, json, methodNotAllowed, notFound, preflight } from "../web/responses";

/**
 * The UserInfo endpoint (OIDC Core §5.3), GET and POST, with a Bearer token in the Authorization
 * header (RFC 6750 §2.1). Errors as RFC 6750 §3: no error code when no token was sent,
 * invalid_token when it is not good, insufficient_scope without openid.
 */
export function createUserinfoEndpoint(p: ProviderContext) {
  return async function userinfo(request: Request, tenant: string): Promise<Response> {
    if (!p.tenants.find(tenant)) return notFound();
    if (request.method === "OPTIONS") return preflight("GET, POST");
    if (request.method !== "GET" && request.method !== "POST") return methodNotAllowed("GET, POST, OPTIONS");
    const urls = p.urls(tenant);
    const challenge = (status: number, error?: string, description = "") => {
      const body = error ? errorBody(error, description) : undefined;
      const params = [
        `realm="${urls.issuer}"`,
        ...(body ? [`error="${body.error}"`, `error_description="${body.error_description}"`] : []),
      ];
      const headers = { ...NO_STORE, ...CORS, "WWW-Authenticate": `Bearer ${params.join(", ")}` };
      // RFC 6750 §3: no error code (and so no body) when the request carried no token at all.
      return body ? json(body, status, headers) : new Response(null, { status, headers });
    };
    try {
      const authorization = request.headers.get("authorization");
      if (authorization === null) return challenge(401);
      const match = /^Bearer +([A-Za-z0-9._~+/-]+=*) *$/i.exec(authorization);
      if (!match) return challenge(400, "invalid_request", "malformed Authorization header");
      const now = p.clock.now();
      const claims = await verifyAccessToken(p.keys, tenant, match[1]!, {
        issuer: urls.issuer,
        // A token for the Graph API with openid in it also reads userinfo, as Entra's Graph tokens do.
        audience: [urls.userinfoResource, urls.managementResource],
        now,
      });
      // An app-only token (no scp) is about no user: not a token for userinfo.
      if (!claims || claims.scp === undefined) return challenge(401, "invalid_token", "the access token is not valid");
      const scope = splitScope(claims.scp);
      if (!scope.includes("openid")) return challenge(403, "insufficient_scope", "the openid scope is required");
      const grant = await accessTokenGrant(p.repositories.tokens, tenant, claims);
      if (!grant || grant.guestId === null) return challenge(401, "invalid_token", "the access token was revoked");
      const guest = await p.repositories.guests.find(tenant, claims.sub);
      if (!guest || guest.state !== "active") return challenge(401, "invalid_token", "the guest may not sign in");
      // The application's own release rule (claimsByScope); an application deleted meanwhile gets the default.
      const client = (await p.repositories.applications.findByClientId(claims.client_id)) ?? { clientId: claims.client_id };
      return json({ sub: guest.id, ...(await claimsForClient(p.repositories.guests, guest, client, scope)) }, 200, {
        ...NO_STORE,
        ...CORS,
      });
    } catch (error) {
      p.reportError(error);
      return json(errorBody("server_error", "the request could not be processed"), 500, NO_STORE);
    }
  };
}
