import type { ProviderContext } from "../../context";
import type { StoredRequest } from "../../interaction/interaction";
import { methodNotAllowed, notFound } from "../../web/responses";
import { checkClientRegistered } from "../check-client";
import { checkGrantAllowed } from "../check-grant-allowed";
import { checkRedirectUriRegistered } from "../check-redirect-uri";
import { redirectWithCode, respondWithError } from "../respond";
import { awaitCompletion } from "./await-completion";
import { checkBrowserBinding } from "./check-browser-binding";
import { checkExpectedSubject } from "./check-expected-subject";
import { checkGuest } from "./check-guest";
import { checkInteractionResult } from "./check-interaction-result";
import { consumeInteraction } from "./consume-interaction";
import type { ResumeContext, ResumeStep } from "./context";
import { loadInteraction } from "./load-interaction";

/**
 * GET /{tenant}/oauth2/v2.0/authorize/resume/{id}: the browser comes back after the journey
 * finished the interaction, and the authorization request it stored is answered. Minutes may have
 * passed, so resume runs authorize's client, redirect-URI and guest checks again on the stored
 * request (the same functions), before any code is issued.
 */
export const RESUME_STEPS: readonly ResumeStep[] = [
  loadInteraction,
  checkBrowserBinding,
  awaitCompletion,
  consumeInteraction,
  // ── authorize's checks again: the client and its redirect URIs may have changed meanwhile ──
  checkClientRegistered,
  checkRedirectUriRegistered,
  // ── from here on, errors go back to the verified redirect_uri ──
  checkGrantAllowed,
  checkInteractionResult,
  checkExpectedSubject,
  checkGuest,
];

export function createResumeEndpoint(p: ProviderContext) {
  return async function resume(request: Request, tenant: string, id: string): Promise<Response> {
    if (!p.tenants.find(tenant)) return notFound();
    if (request.method !== "GET") return methodNotAllowed("GET");
    const urls = p.urls(tenant);
    const ctx: ResumeContext = { p, request, tenant, urls, id, now: p.clock.now(), authorization: {} };
    try {
      for (const step of RESUME_STEPS) {
        const early = await step(ctx);
        if (early) return early;
      }
      return await redirectWithCode(p, tenant, ctx.authorization as StoredRequest, ctx.login!, 302);
    } catch (error) {
      const verified = { redirectUri: ctx.redirectUri, state: ctx.state, uiLocales: ctx.authorization.uiLocales };
      return respondWithError(p, urls, verified, error, 302);
    }
  };
}
