import * as oauth from "oauth4webapi";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDatabaseProviders } from "../../helpers/database";
import { authorizeUrl, BASE, createTestbed, ISSUER, REDIRECT, TENANT, USERINFO_URL, type Testbed } from "./harness";

describe.each(testDatabaseProviders())("oauth4webapi against the provider on %s", (provider) => {
  let bed: Testbed;
  let as: oauth.AuthorizationServer;
  let options: { [oauth.customFetch]: typeof fetch };
  beforeAll(async () => {
    bed = await createTestbed(provider);
    options = { [oauth.customFetch]: bed.fetch };
    const issuer = new URL(ISSUER);
    as = await oauth.processDiscoveryResponse(issuer, await oauth.discoveryRequest(issuer, options));
  });
  afterAll(async () => {
    expect(bed?.errors).toEqual([]);
    await bed?.close();
  });

  it("code + PKCE with RFC 9207 iss validation, userinfo, refresh, introspection and revocation", async () => {
    const { clientId, secret } = await bed.confidentialClient();
    const guestId = await bed.guest({ displayName: "Lin Qiao", attributes: { givenName: "Lin" } });
    const client: oauth.Client = { client_id: clientId };
    const clientAuth = oauth.ClientSecretPost(secret);
    const verifier = oauth.generateRandomCodeVerifier();
    const state = oauth.generateRandomState();
    const nonce = oauth.generateRandomNonce();
    const url = authorizeUrl({
      client_id: clientId,
      redirect_uri: REDIRECT,
      response_type: "code",
      scope: "openid profile offline_access",
      state,
      nonce,
      code_challenge: await oauth.calculatePKCECodeChallenge(verifier),
      code_challenge_method: "S256",
    });
    const browser = bed.browser();
    const first = await browser.navigate(url);
    const back = await browser.signIn(bed.op, first.interactionId!, guestId);

    const params = oauth.validateAuthResponse(as, client, back.url, state);
    const response = await oauth.authorizationCodeGrantRequest(as, client, clientAuth, params, REDIRECT, verifier, options);
    const result = await oauth.processAuthorizationCodeResponse(as, client, response, {
      expectedNonce: nonce,
      requireIdToken: true,
    });
    const claims = oauth.getValidatedIdTokenClaims(result)!;
    expect(claims).toMatchObject({ iss: ISSUER, sub: guestId, aud: clientId, nonce, name: "Lin Qiao", given_name: "Lin" });
    expect(await bed.verify(result.id_token!, clientId)).toMatchObject({ sub: guestId });

    // A resource server's RFC 9068 validation of our access token.
    const resourceRequest = new Request(USERINFO_URL, { headers: { authorization: `Bearer ${result.access_token}` } });
    const jwtClaims = await oauth.validateJwtAccessToken(as, resourceRequest, USERINFO_URL, options);
    expect(jwtClaims).toMatchObject({ sub: guestId, client_id: clientId, scp: "openid profile offline_access" });

    const info = await oauth.processUserInfoResponse(
      as,
      client,
      guestId,
      await oauth.userInfoRequest(as, client, result.access_token, options),
    );
    expect(info).toMatchObject({ sub: guestId, name: "Lin Qiao" });

    const refreshed = await oauth.processRefreshTokenResponse(
      as,
      client,
      await oauth.refreshTokenGrantRequest(as, client, clientAuth, result.refresh_token!, options),
    );
    expect(refreshed.refresh_token).not.toBe(result.refresh_token);
    expect(await bed.verify(refreshed.id_token!, clientId)).toMatchObject({ sub: guestId });

    const introspection = await oauth.processIntrospectionResponse(
      as,
      client,
      await oauth.introspectionRequest(as, client, clientAuth, refreshed.access_token, options),
    );
    expect(introspection).toMatchObject({ active: true, client_id: clientId, sub: guestId });

    await oauth.processRevocationResponse(
      await oauth.revocationRequest(as, client, clientAuth, refreshed.refresh_token!, options),
    );
    const after = await oauth.processIntrospectionResponse(
      as,
      client,
      await oauth.introspectionRequest(as, client, clientAuth, refreshed.access_token, options),
    );
    expect(after.active).toBe(false);
  });

  it("rejects an authorization response whose iss is not the issuer (RFC 9207 mix-up defence)", async () => {
    const client: oauth.Client = { client_id: await bed.publicClient() };
    const forged = new URL(`${REDIRECT}?code=abc&state=s&iss=${encodeURIComponent(`${BASE}/sparbanken/v2.0`)}`);
    expect(() => oauth.validateAuthResponse(as, client, forged, "s")).toThrow();
  });

  it("client credentials for the management API", async () => {
    const { clientId, secret } = await bed.confidentialClient({
      grantTypes: ["client_credentials"],
      redirectUris: [],
      permissions: ["User.Read.All"],
    });
    const client: oauth.Client = { client_id: clientId };
    const resource = `${BASE}/${TENANT}/graph`;
    const response = await oauth.clientCredentialsGrantRequest(
      as,
      client,
      oauth.ClientSecretBasic(secret),
      new URLSearchParams({ scope: `${resource}/.default` }),
      options,
    );
    const result = await oauth.processClientCredentialsResponse(as, client, response);
    const claims = await oauth.validateJwtAccessToken(
      as,
      new Request(resource, { headers: { authorization: `Bearer ${result.access_token}` } }),
      resource,
      options,
    );
    expect(claims).toMatchObject({ sub: clientId, roles: ["User.Read.All"] });
  });
});
