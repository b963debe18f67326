import { isSameOriginPost, readBoundedBody } from "../../../../_lib/http";
import { isLocale } from "../../../../_lib/i18n";
import { services, settings, tenants } from "../../../../_lib/server";
import { client, PORTAL_SCOPE, portalConfiguration, portalRedirect } from "../../_lib/openid";
import { portalReturnPath, seeOther, signInCookie, SIGN_IN_SECONDS } from "../../_lib/sign-in";

/**
 * POST /{tenant}/admin/sign-in/start (the sign-in page's button): stores a fresh OpenID request
 * (state, nonce, PKCE verifier, where to return) on the server, ties it to this browser with a
 * cookie, and sends the browser to the tenant's own authorize endpoint with the portal's client.
 * `prompt=login` always (the admin flow runs each time, never an earlier guest session);
 * `max_age=0` too for a re-authentication (OIDC Core §3.1.2.1).
 * Statuses: 303 to authorize; 403 cross-site; 404 unknown tenant; 413 too large.
 */
export async function POST(request: Request, { params }: { params: Promise<{ tenant: string }> }): Promise<Response> {
  const tenant = tenants().find((await params).tenant);
  if (!tenant) return new Response(null, { status: 404 });
  if (!isSameOriginPost(request.headers, settings().GUESTGATE_BASE_URL)) return new Response(null, { status: 403 });
  const body = await readBoundedBody(request, 8 * 1024);
  if (!body) return new Response(null, { status: 413 });
  const form = new URLSearchParams(new TextDecoder().decode(body));
  const reauthenticate = form.get("reauthenticate") === "1";
  const locale = form.get("locale");

  const state = client.randomState();
  const nonce = client.randomNonce();
  const verifier = client.randomPKCECodeVerifier();
  const token = await services().admin.ceremonies.begin(
    tenant.slug,
    "oidc",
    { state, nonce, verifier, returnTo: portalReturnPath(tenant.slug, form.get("returnTo")), reauthenticate },
    SIGN_IN_SECONDS,
  );
  const config = await portalConfiguration(tenant.slug);
  const authorize = client.buildAuthorizationUrl(config, {
    redirect_uri: portalRedirect(tenant.slug),
    scope: PORTAL_SCOPE,
    response_type: "code",
    code_challenge: await client.calculatePKCECodeChallenge(verifier),
    code_challenge_method: "S256",
    state,
    nonce,
    prompt: "login",
    ...(reauthenticate ? { max_age: "0" } : {}),
    ...(isLocale(locale) ? { ui_locales: locale } : {}),
  });
  return seeOther(authorize.toString(), [signInCookie(tenant.slug, token, SIGN_IN_SECONDS)]);
}
