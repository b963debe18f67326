// MSAL for Node in OIDC mode: the tenant is a plain OpenID provider, not an Entra authority.
import {
  ConfidentialClientApplication,
  CryptoProvider,
  ProtocolMode,
  type AccountInfo,
  type AuthorizationCodeRequest,
  type NodeSystemOptions,
} from "@azure/msal-node";

/**
 * What every MSAL library needs for a Guestgate tenant: the issuer as authority, its host as a known
 * authority (so MSAL looks for no Entra instance), and OIDC protocol mode — which MSAL for Node 7
 * and msal-browser 5 take under `system`, not `auth`.
 */
export function guestgateOptions(issuer: string) {
  return {
    auth: { authority: issuer, knownAuthorities: [new URL(issuer).host] }, // issuer: https://id.example.com/woodgrove/v2.0
    system: { protocolMode: ProtocolMode.OIDC },
  };
}

/** `system` may add MSAL system options (a logger, a proxy, a network client). */
export function createMsalApp(issuer: string, clientId: string, clientSecret: string, system?: NodeSystemOptions) {
  const options = guestgateOptions(issuer);
  return new ConfidentialClientApplication({
    auth: { ...options.auth, clientId, clientSecret },
    system: { ...system, ...options.system },
  });
}

const SCOPES = ["openid", "profile", "email", "offline_access"];

/** Step 1: the URL to send the browser to, with PKCE (keep the verifier until the callback). */
export async function signInUrl(msal: ConfidentialClientApplication, redirectUri: string, state: string) {
  const { verifier, challenge } = await new CryptoProvider().generatePkceCodes();
  const url = await msal.getAuthCodeUrl({
    scopes: SCOPES,
    redirectUri,
    state,
    codeChallenge: challenge,
    codeChallengeMethod: "S256",
  });
  return { url, verifier };
}

/** Step 2: the code from the callback → ID token claims, access token, and an account for silent renewal. */
export function redeemCode(msal: ConfidentialClientApplication, code: string, redirectUri: string, verifier: string) {
  const request: AuthorizationCodeRequest = { code, redirectUri, scopes: SCOPES, codeVerifier: verifier };
  return msal.acquireTokenByCode(request);
}

/** Fresh tokens for a signed-in account: from MSAL's cache, or through the refresh token. */
export function renew(msal: ConfidentialClientApplication, account: AccountInfo) {
  return msal.acquireTokenSilent({ account, scopes: SCOPES });
}

/** The management API with the application's own permissions (client credentials). */
export async function managementToken(msal: ConfidentialClientApplication, base: string, tenant: string) {
  const result = await msal.acquireTokenByClientCredential({ scopes: [`${base}/${tenant}/graph/.default`] });
  return result!.accessToken;
}
