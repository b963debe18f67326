import type { ProviderContext } from "../context";
import { OAuthError } from "../errors";
import type { GrantType } from "../ports";
import { parseParameters } from "../web/params";
import { CORS, NO_STORE, json, methodNotAllowed, notFound, oauthErrorResponse, preflight } from "../web/responses";
import { authenticateClient } from "./authenticate-client";
import { checkGrantType } from "./check-grant-type";
import type { TokenContext, TokenStep } from "./context";
import { AUTHORIZATION_CODE_STEPS } from "./grants/authorization-code";
import { CLIENT_CREDENTIALS_STEPS } from "./grants/client-credentials";
import { REFRESH_TOKEN_STEPS } from "./grants/refresh-token";
import { readParameters } from "./read-parameters";

/** The token endpoint (RFC 6749 §3.2): common steps, then the grant's own. */
export const TOKEN_STEPS: readonly TokenStep[] = [readParameters, authenticateClient];

export const GRANTS: Record<GrantType, readonly TokenStep[]> = {
  authorization_code: AUTHORIZATION_CODE_STEPS,
  refresh_token: REFRESH_TOKEN_STEPS,
  client_credentials: CLIENT_CREDENTIALS_STEPS,
};

export function createTokenEndpoint(p: ProviderContext) {
  return async function token(request: Request, tenant: string): Promise<Response> {
    if (!p.tenants.find(tenant)) return notFound();
    if (request.method === "OPTIONS") return preflight("POST");
    if (request.method !== "POST") return methodNotAllowed("POST, OPTIONS");
    const urls = p.urls(tenant);
    const empty = parseParameters("", { known: [] });
    const ctx: TokenContext = { p, request, tenant, urls, body: empty, query: empty };
    try {
      for (const step of TOKEN_STEPS) await step(ctx);
      for (const step of GRANTS[checkGrantType(ctx)]) await step(ctx);
      return json(ctx.response, 200, { ...NO_STORE, ...CORS });
    } catch (error) {
      if (error instanceof OAuthError) return oauthErrorResponse(error, urls.issuer, CORS);
      p.reportError(error);
      return oauthErrorResponse(new OAuthError("server_error", "the request could not be processed"), urls.issuer, CORS);
    }
  };
}
