// A server-side web app signing guests in with openid-client v6 (confidential client, code + PKCE).
import * as client from "openid-client";

/** Discovers the tenant from its issuer, e.g. https://id.example.com/woodgrove/v2.0. Do this once, at start-up. */
export function discover(issuer: string, clientId: string, clientSecret: string): Promise<client.Configuration> {
  return client.discovery(new URL(issuer), clientId, clientSecret);
}

/** What the app keeps between the redirect and the callback (server-side, or in an encrypted cookie). */
export interface PendingSignIn {
  codeVerifier: string;
  state: string;
  nonce: string;
}

/** Step 1: where to send the browser. */
export async function startSignIn(config: client.Configuration, redirectUri: string) {
  const pending: PendingSignIn = {
    codeVerifier: client.randomPKCECodeVerifier(),
    state: client.randomState(),
    nonce: client.randomNonce(),
  };
  const url = client.buildAuthorizationUrl(config, {
    redirect_uri: redirectUri,
    scope: "openid profile email offline_access",
    code_challenge: await client.calculatePKCECodeChallenge(pending.codeVerifier),
    code_challenge_method: "S256",
    state: pending.state,
    nonce: pending.nonce,
  });
  return { url, pending };
}

/** Step 2: the browser is back at redirectUri with ?code=…&state=…&iss=…; checks all three, then redeems the code. */
export async function finishSignIn(config: client.Configuration, callbackUrl: URL, pending: PendingSignIn) {
  const tokens = await client.authorizationCodeGrant(config, callbackUrl, {
    pkceCodeVerifier: pending.codeVerifier,
    expectedState: pending.state,
    expectedNonce: pending.nonce,
    idTokenExpected: true,
  });
  const claims = tokens.claims()!; // the validated ID token: sub, name, email, …
  const userinfo = await client.fetchUserInfo(config, tokens.access_token, claims.sub);
  return { tokens, claims, userinfo };
}

/** New tokens before the access token expires (refresh tokens rotate: keep the new one). */
export function refresh(config: client.Configuration, refreshToken: string) {
  return client.refreshTokenGrant(config, refreshToken);
}

/** Sign-out: end the app's own session, then send the browser here (RP-Initiated Logout). */
export function signOutUrl(config: client.Configuration, idToken: string, postLogoutRedirectUri: string): URL {
  return client.buildEndSessionUrl(config, { id_token_hint: idToken, post_logout_redirect_uri: postLogoutRedirectUri });
}
