import { matchRedirectUri } from "../clients/redirect-uri";
import { pageError } from "../errors";
import type { AuthorizeContext, RequestCheckContext } from "./context";

/**
 * redirect_uri is required (OIDC Core §3.1.2.1) and must match a registered one exactly
 * (RFC 9700 §4.1.3; loopback port excepted, RFC 8252 §7.3). A mismatch is shown to the person,
 * never redirected to: that would make us an open redirector.
 */
export function checkRedirectUri(ctx: AuthorizeContext): void {
  const problem = ctx.params.problemWith("redirect_uri");
  if (problem) throw pageError("invalid_redirect_uri", "invalid_request", problem.problem);
  const redirectUri = ctx.params.get("redirect_uri");
  if (!redirectUri) throw pageError("invalid_redirect_uri", "invalid_request", "redirect_uri is missing");
  ctx.authorization.redirectUri = redirectUri;
  checkRedirectUriRegistered(ctx);
}

/**
 * The request's redirect_uri is registered for the verified client, else our error page; only then
 * may errors be sent to it. Resume runs it again: a URI removed from the client while the person was
 * signing in must not receive the code (nor an error).
 */
export function checkRedirectUriRegistered(ctx: RequestCheckContext): void {
  const redirectUri = ctx.authorization.redirectUri;
  if (!redirectUri || !matchRedirectUri(ctx.client!.redirectUris, redirectUri)) {
    throw pageError("invalid_redirect_uri", "invalid_request", "redirect_uri is not registered for this client");
  }
  ctx.redirectUri = redirectUri;
}
