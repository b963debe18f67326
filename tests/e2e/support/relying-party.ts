// An application signing people in with a tenant, as a real one would: openid-client v6 in the test
// process (discovery on the tenant's issuer, an authorization URL with PKCE S256, state, nonce and
// ui_locales; the code exchanged with those checks), the ID token's signature verified again with
// jose against the published JWKS, and userinfo asked. Its redirect_uri is served by a tiny HTTP
// server on 127.0.0.1 that records what the browser brought back.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { createRemoteJWKSet, jwtVerify, type JWTPayload } from "jose";
import * as client from "openid-client";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, expect } from "vitest";
import type { TestApplication } from "./applications";
import { baseURL } from "./site";

export interface SignInResult {
  /** The ID token's claims, as openid-client validated them and jose verified the signature. */
  claims: JWTPayload & Record<string, unknown>;
  userinfo: Record<string, unknown>;
  /** The query the browser brought to the redirect_uri (code, state, iss). */
  callback: URL;
  /** What the token endpoint answered (access_token, and refresh_token when offline_access was asked). */
  tokens: client.TokenEndpointResponse;
}

export interface PendingSignIn {
  /** Where to send the browser: the tenant's authorization endpoint with this request. */
  url: string;
  redirectUri: string;
  /** The request's state, which the application's redirect_uri gets back. */
  state: string;
  /** Waits until the browser is at the redirect_uri, then finishes the sign-in as the application would. */
  complete(page: Page): Promise<SignInResult>;
  /**
   * Waits until the browser is at the redirect_uri with an error instead of a code, and returns that
   * error once openid-client has checked the response (state, iss) as an application would.
   */
  refused(page: Page): Promise<{ error: string; callback: URL }>;
}

export interface RelyingParty {
  /** http://127.0.0.1:PORT, where the redirect_uri is. */
  origin(): string;
  /** Every URL the browser requested at the application, in order. */
  arrivals(): readonly URL[];
  begin(app: TestApplication, options?: { uiLocales?: string; scope?: string }): Promise<PendingSignIn>;
  /** The refresh grant (RFC 6749 §6) as the application sends it; rejects with the server's error. */
  refresh(app: TestApplication, refreshToken: string): Promise<client.TokenEndpointResponse>;
}

/** The tenant's issuer (app/_lib/oidc/urls.ts), on the suite's server or another one. */
export const issuerOf = (tenant: string, origin = baseURL()) => `${origin}/${tenant}/v2.0`;

/**
 * Call at the top of a test file: the application's HTTP server runs for the file. `origin`: the
 * Guestgate it signs in with, when not the suite's (a test file's own server, read once it runs).
 */
export function withRelyingParty(options: { origin?: () => string } = {}): RelyingParty {
  const guestgate = options.origin ?? baseURL;
  let server: Server | undefined;
  let port = 0;
  const seen: URL[] = [];
  const configs = new Map<string, Promise<client.Configuration>>();

  beforeAll(async () => {
    server = createServer((req, res) => {
      seen.push(new URL(req.url ?? "/", `http://127.0.0.1:${port}`));
      res.writeHead(200, { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store" });
      res.end(
        '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Test application</title><link rel="icon" href="data:,"></head>' +
          "<body><main><h1>Back at the test application</h1></main></body></html>",
      );
    });
    await new Promise<void>((resolve) => server!.listen(0, "127.0.0.1", resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(async () => {
    if (!server) return;
    const closed = new Promise<void>((resolve) => server!.close(() => resolve()));
    server.closeAllConnections();
    await closed;
  });

  const discover = (app: TestApplication) => {
    const key = `${app.tenant} ${app.clientId}`;
    if (!configs.has(key)) {
      configs.set(
        key,
        client.discovery(new URL(issuerOf(app.tenant, guestgate())), app.clientId, undefined, client.None(), {
          // The server under test is http://localhost (a loopback address; never in production).
          execute: [client.allowInsecureRequests],
        }),
      );
    }
    return configs.get(key)!;
  };

  return {
    origin: () => `http://127.0.0.1:${port}`,
    arrivals: () => seen,
    async begin(app, options = {}) {
      const config = await discover(app);
      const redirectUri = `http://127.0.0.1:${port}${app.redirectPath}`;
      const verifier = client.randomPKCECodeVerifier();
      const state = client.randomState();
      const nonce = client.randomNonce();
      const url = client.buildAuthorizationUrl(config, {
        redirect_uri: redirectUri,
        scope: options.scope ?? "openid profile email",
        code_challenge: await client.calculatePKCECodeChallenge(verifier),
        code_challenge_method: "S256",
        state,
        nonce,
        ...(options.uiLocales ? { ui_locales: options.uiLocales } : {}),
      });
      /** The URL the browser brought to the redirect_uri, once the application's server has received it. */
      const arrival = async (page: Page) => {
        await page.waitForURL((at) => at.href.startsWith(`${redirectUri}?`), { timeout: 15_000 });
        const callback = new URL(page.url());
        // The browser really delivered it to the application (not only navigated somewhere).
        const arrived = seen.find((at) => at.search === callback.search && at.pathname === app.redirectPath);
        if (!arrived) throw new Error(`the application's server never received ${callback.href}`);
        return callback;
      };
      return {
        url: url.href,
        redirectUri,
        state,
        async refused(page) {
          const callback = await arrival(page);
          try {
            await client.authorizationCodeGrant(config, callback, { pkceCodeVerifier: verifier, expectedState: state });
          } catch (error) {
            if (error instanceof client.AuthorizationResponseError) return { error: error.error, callback };
            throw error;
          }
          throw new Error(`expected an error at the redirect_uri, got a code: ${callback.href}`);
        },
        async complete(page) {
          const callback = await arrival(page);
          const tokens = await client.authorizationCodeGrant(config, callback, {
            pkceCodeVerifier: verifier,
            expectedState: state,
            expectedNonce: nonce,
            idTokenExpected: true,
          });
          const jwks = createRemoteJWKSet(new URL(config.serverMetadata().jwks_uri!));
          const { payload } = await jwtVerify(tokens.id_token!, jwks, {
            issuer: issuerOf(app.tenant, guestgate()),
            audience: app.clientId,
            algorithms: ["RS256", "ES256", "PS256", "EdDSA"],
          });
          expect(payload, "jose's verified payload is what openid-client validated").toEqual(tokens.claims());
          const userinfo = await client.fetchUserInfo(config, tokens.access_token, payload.sub!);
          return { claims: payload as SignInResult["claims"], userinfo: userinfo as Record<string, unknown>, callback, tokens };
        },
      };
    },
    async refresh(app, refreshToken) {
      return client.refreshTokenGrant(await discover(app), refreshToken);
    },
  };
}
