import * as client from "openid-client";
import { DEMO_SCOPE, demoClientId, isLoopbackHttp, tenantIssuer } from "./config";

/**
 * The demo application's side of OpenID Connect, done the way any application would do it with
 * openid-client v6: discovery from the tenant's issuer, the authorization code flow with PKCE
 * (S256), state and nonce, the ID token's signature checked against the tenant's JWKS, userinfo,
 * and RP-Initiated Logout. Nothing here knows Guestgate's internals: it speaks to Guestgate over
 * HTTP, exactly as a third-party application would.
 */
export interface DemoRelyingPartyOptions {
  /** GUESTGATE_BASE_URL: issuers are `{baseUrl}/{tenant}/v2.0`. */
  baseUrl: string;
  /** The registered redirect URI, on the demo's own origin. */
  redirectUri: string;
  /** Sent on logout when set (it must be registered exactly). */
  postLogoutRedirectUri?: string;
  /** For tests: where HTTP requests go instead of the network. */
  fetch?: client.CustomFetch;
  /** How long a discovered configuration is reused, in seconds. */
  cacheSeconds?: number;
}

/** What the demo keeps, sealed, between sending the person to Guestgate and their return. */
export interface LoginTransaction {
  tenant: string;
  lang?: string;
  state: string;
  nonce: string;
  codeVerifier: string;
}

export interface SignedIn {
  tenant: string;
  lang?: string;
  /** Kept for id_token_hint on logout; its claims were verified on arrival. */
  idToken: string;
  claims: client.IDToken;
  userinfo: client.UserInfoResponse;
}

/** Guestgate could not be reached, or its discovery document was not what the issuer promised. */
export class DiscoveryError extends Error {
  override readonly name = "DiscoveryError";
  constructor(
    readonly issuer: string,
    options: { cause: unknown },
  ) {
    super(`discovery of ${issuer} failed`, options);
  }
}

export interface DemoRelyingParty {
  startLogin(tenant: string, lang?: string): Promise<{ url: URL; transaction: LoginTransaction }>;
  /** Validates the authorization response and exchanges the code; throws openid-client's errors. */
  finishLogin(transaction: LoginTransaction, callback: URLSearchParams): Promise<SignedIn>;
  logoutUrl(session: Pick<SignedIn, "tenant" | "idToken" | "lang">): Promise<URL>;
}

export function createDemoRelyingParty(options: DemoRelyingPartyOptions): DemoRelyingParty {
  const cacheMs = (options.cacheSeconds ?? 300) * 1000;
  const cache = new Map<string, { at: number; config: Promise<client.Configuration> }>();

  function configuration(tenant: string): Promise<client.Configuration> {
    const cached = cache.get(tenant);
    if (cached && Date.now() - cached.at < cacheMs) return cached.config;
    const issuer = tenantIssuer(options.baseUrl, tenant);
    const config = client
      .discovery(new URL(issuer), demoClientId(tenant), undefined, client.None(), {
        execute: [
          // Over plain http (the quick start on this machine) there is no TLS to vouch for the ID
          // token, so its signature is checked against the tenant's JWKS, always.
          client.enableNonRepudiationChecks,
          // openid-client refuses http:// endpoints. The quick start serves Guestgate on
          // http://localhost, so for a loopback issuer — and only for one — that is allowed: the
          // traffic never leaves this machine. Any other issuer must be https.
          ...(isLoopbackHttp(issuer) ? [client.allowInsecureRequests] : []),
        ],
        timeout: 10,
        ...(options.fetch ? { [client.customFetch]: options.fetch } : {}),
      })
      .catch((cause: unknown) => {
        cache.delete(tenant);
        throw new DiscoveryError(issuer, { cause });
      });
    cache.set(tenant, { at: Date.now(), config });
    return config;
  }

  return {
    async startLogin(tenant, lang) {
      const config = await configuration(tenant);
      const transaction: LoginTransaction = {
        tenant,
        ...(lang ? { lang } : {}),
        state: client.randomState(),
        nonce: client.randomNonce(),
        codeVerifier: client.randomPKCECodeVerifier(),
      };
      const url = client.buildAuthorizationUrl(config, {
        redirect_uri: options.redirectUri,
        response_type: "code",
        scope: DEMO_SCOPE,
        code_challenge: await client.calculatePKCECodeChallenge(transaction.codeVerifier),
        code_challenge_method: "S256",
        state: transaction.state,
        nonce: transaction.nonce,
        ...(lang ? { ui_locales: lang } : {}),
      });
      return { url, transaction };
    },

    async finishLogin(transaction, callback) {
      const config = await configuration(transaction.tenant);
      // The URL Guestgate redirected to: the registered redirect URI plus the response parameters.
      // openid-client sends this URL, without them, as the token request's redirect_uri.
      const currentUrl = new URL(options.redirectUri);
      for (const [name, value] of callback) currentUrl.searchParams.append(name, value);
      const tokens = await client.authorizationCodeGrant(config, currentUrl, {
        pkceCodeVerifier: transaction.codeVerifier,
        expectedState: transaction.state,
        expectedNonce: transaction.nonce,
        idTokenExpected: true,
      });
      const claims = tokens.claims();
      if (!claims || !tokens.id_token) throw new Error("the token response has no ID token");
      // The userinfo response must be about the same person as the ID token (OIDC Core §5.3.2).
      const userinfo = await client.fetchUserInfo(config, tokens.access_token, claims.sub);
      return {
        tenant: transaction.tenant,
        ...(transaction.lang ? { lang: transaction.lang } : {}),
        idToken: tokens.id_token,
        claims,
        userinfo,
      };
    },

    async logoutUrl(session) {
      const config = await configuration(session.tenant);
      return client.buildEndSessionUrl(config, {
        id_token_hint: session.idToken,
        ...(options.postLogoutRedirectUri ? { post_logout_redirect_uri: options.postLogoutRedirectUri } : {}),
        ...(session.lang ? { ui_locales: session.lang } : {}),
      });
    },
  };
}
