import type { ProviderContext } from "../context";
import { notFound, methodNotAllowed } from "../web/responses";
import { parseParameters } from "../web/params";
import { checkClient } from "./check-client";
import { checkGrantAllowed } from "./check-grant-allowed";
import { checkHints } from "./check-hints";
import { checkIdTokenHint } from "./check-id-token-hint";
import { checkMaxAge } from "./check-max-age";
import { checkParameters } from "./check-parameters";
import { checkPkce } from "./check-pkce";
import { checkPrompt } from "./check-prompt";
import { checkRedirectUri } from "./check-redirect-uri";
import { checkResponseMode } from "./check-response-mode";
import { checkResponseType } from "./check-response-type";
import { checkScope } from "./check-scope";
import { checkUnsupportedParameters } from "./check-unsupported-parameters";
import type { AuthorizationRequest, AuthorizeContext, AuthorizeStep } from "./context";
import { decideInteraction } from "./decide-interaction";
import { loadSession } from "./load-session";
import { readParameters } from "./read-parameters";
import { redirectStatus, redirectToInteraction, redirectWithCode, respondWithError } from "./respond";

/** The authorization endpoint, step by step (OIDC Core §3.1.2; RFC 6749 §4.1.1; RFC 9700). */
export const AUTHORIZE_STEPS: readonly AuthorizeStep[] = [
  readParameters,
  checkClient,
  checkRedirectUri,
  // ── from here on, errors go back to the verified redirect_uri ──
  checkParameters,
  checkUnsupportedParameters,
  checkResponseType,
  checkResponseMode,
  checkGrantAllowed,
  checkScope,
  checkPkce,
  checkPrompt,
  checkMaxAge,
  checkHints,
  checkIdTokenHint,
  loadSession,
  decideInteraction,
];

export function createAuthorizeEndpoint(p: ProviderContext) {
  return async function authorize(request: Request, tenant: string): Promise<Response> {
    if (!p.tenants.find(tenant)) return notFound();
    if (request.method !== "GET" && request.method !== "POST") return methodNotAllowed("GET, POST");
    const urls = p.urls(tenant);
    const status = redirectStatus(request);
    const ctx: AuthorizeContext = {
      p,
      request,
      tenant,
      urls,
      params: parseParameters("", { known: [] }),
      authorization: { scope: [], prompt: [] },
    };
    try {
      for (const step of AUTHORIZE_STEPS) await step(ctx);
      const authorization = ctx.authorization as AuthorizationRequest;
      if (ctx.interaction) return await redirectToInteraction(p, request, tenant, authorization, ctx.interaction);
      const session = ctx.session!;
      return await redirectWithCode(p, tenant, authorization, session, status);
    } catch (error) {
      const verified = { redirectUri: ctx.redirectUri, state: ctx.state, uiLocales: ctx.params.get("ui_locales") };
      return respondWithError(p, urls, verified, error, status);
    }
  };
}
