import type { ProviderContext } from "../context";
import { randomToken, sha256 } from "../crypto";
import { LIFETIMES } from "../constants";
import { OAuthError } from "../errors";
import { bindingCookieName } from "../session/op-session";
import type { TenantUrls } from "../urls";
import { readCookie, serializeCookie } from "../web/cookies";
import { redirect, withQuery } from "../web/responses";
import type { AuthorizationRequest, InteractionReason } from "./context";

/** Who signed in, as an authorization code records it. */
export interface Authentication {
  guestId: string;
  sid: string;
  authTime: Date;
  amr: readonly string[];
  acr: string | null;
}

/** After a POST the browser must GET the next page (RFC 9700 §4.12: 303, never 307). */
export const redirectStatus = (request: Request): 302 | 303 => (request.method === "POST" ? 303 : 302);

/** Issues a single-use code (RFC 6749 §4.1.2) and sends the browser back with it, state and iss (RFC 9207). */
export async function redirectWithCode(
  p: ProviderContext,
  tenant: string,
  authorization: AuthorizationRequest,
  login: Authentication,
  status: 302 | 303,
): Promise<Response> {
  const code = randomToken();
  const now = p.clock.now();
  await p.repositories.tokens.createCode({
    codeHash: sha256(code),
    tenantId: tenant,
    clientId: authorization.clientId,
    guestId: login.guestId,
    redirectUri: authorization.redirectUri,
    scope: authorization.scope.join(" "),
    nonce: authorization.nonce ?? null,
    codeChallenge: authorization.codeChallenge ?? null,
    codeChallengeMethod: authorization.codeChallengeMethod ?? null,
    sid: login.sid,
    authTime: login.authTime,
    amr: [...login.amr],
    acr: login.acr,
    expiresAt: new Date(now.getTime() + LIFETIMES.authorizationCode * 1000),
  });
  return redirect(withQuery(authorization.redirectUri, { code, state: authorization.state, iss: p.urls(tenant).issuer }), status);
}

/** RFC 6749 §4.1.2.1 error response, with state and iss (RFC 9207 §2). */
export function redirectWithError(
  urls: TenantUrls,
  redirectUri: string,
  state: string | undefined,
  error: OAuthError,
  status: 302 | 303,
): Response {
  return redirect(
    withQuery(redirectUri, { error: error.code, error_description: error.description, state, iss: urls.issuer }),
    status,
  );
}

/**
 * Where a failed authorize or resume goes (RFC 6749 §4.1.2.1): back to the client, with state and
 * iss, once its redirect URI is verified and the error is not one for the person's eyes; otherwise
 * our own error page, in the language the client asked for. Anything unexpected is reported and
 * becomes server_error.
 */
export function respondWithError(
  p: ProviderContext,
  urls: TenantUrls,
  verified: { redirectUri?: string; state?: string; uiLocales?: string },
  error: unknown,
  status: 302 | 303,
): Response {
  const oauth = error instanceof OAuthError ? error : unexpected(p, error);
  if (verified.redirectUri && !oauth.page) return redirectWithError(urls, verified.redirectUri, verified.state, oauth, status);
  const page = oauth.page ?? (oauth.code === "server_error" ? "server_error" : "invalid_request");
  return redirectToErrorPage(urls, new OAuthError(oauth.code, oauth.description, { page }), status, verified.uiLocales);
}

function unexpected(p: ProviderContext, error: unknown): OAuthError {
  p.reportError(error);
  return new OAuthError("server_error", "the request could not be processed");
}

/** Our own localized page: for errors that must not go to an unverified redirect URI. */
export function redirectToErrorPage(urls: TenantUrls, error: OAuthError, status: 302 | 303, uiLocales?: string): Response {
  return redirect(withQuery(urls.errorPage(error.page ?? "invalid_request"), { ui_locales: uiLocales }), status);
}

/**
 * The person must act: store the validated request as an interaction bound to this browser and
 * send the browser to the interaction page (node-oidc-provider's interaction/resume design).
 */
export async function redirectToInteraction(
  p: ProviderContext,
  request: Request,
  tenant: string,
  authorization: AuthorizationRequest,
  reason: InteractionReason,
): Promise<Response> {
  const headers = new Headers();
  const cookieName = bindingCookieName(p);
  let binding = readCookie(request, cookieName);
  if (!binding || !/^[A-Za-z0-9_-]{43}$/.test(binding)) {
    binding = randomToken();
    headers.append(
      "Set-Cookie",
      serializeCookie({ name: cookieName, value: binding, httpOnly: true, secure: p.secure, sameSite: "lax", path: "/" }),
    );
  }
  const id = randomToken();
  const now = p.clock.now();
  await p.repositories.interactions.create({
    id,
    tenantId: tenant,
    clientId: authorization.clientId,
    request: JSON.stringify({ ...authorization, reason }),
    browserBindingHash: sha256(binding),
    expiresAt: new Date(now.getTime() + LIFETIMES.interaction * 1000),
  });
  // ui_locales travels along so the page speaks the language the client asked for (OIDC Core §3.1.2.1).
  return redirect(
    withQuery(p.urls(tenant).interaction(id), { ui_locales: authorization.uiLocales }),
    redirectStatus(request),
    headers,
  );
}
