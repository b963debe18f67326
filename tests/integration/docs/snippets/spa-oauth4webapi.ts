// A single-page app (public client, no secret) with oauth4webapi: code + PKCE in the browser. The
// tenant's discovery, token and userinfo endpoints answer CORS requests from any origin.
import * as oauth from "oauth4webapi";

const KEY = "guestgate-sign-in";

async function server(issuer: string): Promise<oauth.AuthorizationServer> {
  const url = new URL(issuer);
  return oauth.processDiscoveryResponse(url, await oauth.discoveryRequest(url));
}

/** Step 1: remember the PKCE verifier, state and nonce for this tab; then `location.assign(url)`. */
export async function signInUrl(issuer: string, clientId: string, redirectUri: string): Promise<URL> {
  const as = await server(issuer);
  const verifier = oauth.generateRandomCodeVerifier();
  const state = oauth.generateRandomState();
  const nonce = oauth.generateRandomNonce();
  sessionStorage.setItem(KEY, JSON.stringify({ verifier, state, nonce }));
  const url = new URL(as.authorization_endpoint!);
  url.search = new URLSearchParams({
    client_id: clientId,
    redirect_uri: redirectUri,
    response_type: "code",
    scope: "openid profile email",
    code_challenge: await oauth.calculatePKCECodeChallenge(verifier),
    code_challenge_method: "S256",
    state,
    nonce,
  }).toString();
  return url;
}

/** Step 2, on the redirect URI's page: `await handleCallback(issuer, clientId, redirectUri, location.href)`. */
export async function handleCallback(issuer: string, clientId: string, redirectUri: string, currentUrl: string) {
  const as = await server(issuer);
  const client: oauth.Client = { client_id: clientId };
  const saved = JSON.parse(sessionStorage.getItem(KEY) ?? "null") as { verifier: string; state: string; nonce: string } | null;
  sessionStorage.removeItem(KEY);
  if (!saved) throw new Error("no sign-in was started in this tab");
  // Checks state and the iss parameter (RFC 9207), and turns an error response into an exception.
  const params = oauth.validateAuthResponse(as, client, new URL(currentUrl), saved.state);
  const response = await oauth.authorizationCodeGrantRequest(as, client, oauth.None(), params, redirectUri, saved.verifier);
  const result = await oauth.processAuthorizationCodeResponse(as, client, response, {
    expectedNonce: saved.nonce,
    requireIdToken: true,
  });
  return { accessToken: result.access_token, claims: oauth.getValidatedIdTokenClaims(result)! };
}

/** The guest's profile from the userinfo endpoint. */
export async function userinfo(issuer: string, clientId: string, accessToken: string, subject: string) {
  const as = await server(issuer);
  const client: oauth.Client = { client_id: clientId };
  return oauth.processUserInfoResponse(as, client, subject, await oauth.userInfoRequest(as, client, accessToken));
}
