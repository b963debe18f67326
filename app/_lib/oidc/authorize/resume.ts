import type { ProviderContext } from "../context";
import { GUID, sha256 } from "../crypto";
import { OAuthError, pageError } from "../errors";
import { matchRedirectUri } from "../clients/redirect-uri";
import type { InteractionResult, StoredRequest } from "../interaction/interaction";
import { bindingCookieName } from "../session/op-session";
import { readCookie } from "../web/cookies";
import { methodNotAllowed, notFound, redirect } from "../web/responses";
import { redirectToErrorPage, redirectWithCode, redirectWithError } from "./respond";

/**
 * GET /{tenant}/oauth2/v2.0/authorize/resume/{id}: the browser comes back after the journey
 * completed the interaction. Only the browser that started it may resume (binding cookie), and
 * only once; the client and redirect URI are checked again, as they may have changed meanwhile.
 */
export function createResumeEndpoint(p: ProviderContext) {
  return async function resume(request: Request, tenant: string, id: string): Promise<Response> {
    if (!p.tenants.find(tenant)) return notFound();
    if (request.method !== "GET") return methodNotAllowed("GET");
    const urls = p.urls(tenant);
    const fail = (page: Parameters<typeof pageError>[0], description: string) =>
      redirectToErrorPage(urls, pageError(page, "invalid_request", description), 302);
    try {
      const record = /^[A-Za-z0-9_-]{43}$/.test(id) ? await p.repositories.interactions.find(id) : null;
      const now = p.clock.now();
      if (!record || record.tenantId !== tenant || record.consumedAt || record.expiresAt.getTime() <= now.getTime()) {
        return fail("interaction_expired", "the interaction is unknown, used or expired");
      }
      const binding = readCookie(request, bindingCookieName(p));
      if (!binding || sha256(binding) !== record.browserBindingHash)
        return fail("interaction_other_browser", "another browser started this sign-in");
      if (!record.completedAt || !record.result) return redirect(urls.interaction(id), 302);
      if (!(await p.repositories.interactions.consume(id, now)))
        return fail("interaction_expired", "the interaction was already used");

      const snapshot = JSON.parse(record.request) as StoredRequest;
      const client = GUID.test(snapshot.clientId) ? await p.repositories.applications.findByClientId(snapshot.clientId) : null;
      if (!client || client.tenantId !== tenant) return fail("unknown_client", "the client no longer exists");
      if (!matchRedirectUri(client.redirectUris, snapshot.redirectUri))
        return fail("invalid_redirect_uri", "the redirect URI is no longer registered");

      const result = JSON.parse(record.result) as InteractionResult;
      const back = (error: OAuthError) => redirectWithError(urls, snapshot.redirectUri, snapshot.state, error, 302);
      if ("error" in result) return back(new OAuthError(result.error, result.errorDescription));
      if (snapshot.expectedSubject !== undefined && snapshot.expectedSubject !== result.guestId) {
        return back(new OAuthError("login_required", "the person who signed in is not the one id_token_hint names"));
      }
      const guest = await p.repositories.guests.find(tenant, result.guestId);
      if (guest?.state !== "active") return back(new OAuthError("access_denied", "the guest may not sign in"));
      return await redirectWithCode(p, tenant, snapshot, { ...result, authTime: new Date(result.authTime) }, 302);
    } catch (error) {
      p.reportError(error);
      return fail("server_error", "the request could not be processed");
    }
  };
}
