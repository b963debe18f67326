import * as client from "openid-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDatabaseProviders } from "../../helpers/database";
import { createTestbed, ISSUER, POST_LOGOUT, REDIRECT, TENANT, type Testbed } from "./harness";

describe.each(testDatabaseProviders())("openid-client v6 against the provider on %s", (provider) => {
  let bed: Testbed;
  beforeAll(async () => {
    bed = await createTestbed(provider);
  });
  afterAll(async () => {
    expect(bed?.errors).toEqual([]);
    await bed?.close();
  });

  async function discover(clientId: string, secret?: string) {
    return client.discovery(new URL(ISSUER), clientId, secret, secret ? client.ClientSecretBasic(secret) : client.None(), {
      [client.customFetch]: bed.fetch as unknown as client.CustomFetch,
    });
  }

  it("public client: discovery, code + PKCE, ID token signature, refresh, userinfo, logout URL", async () => {
    const clientId = await bed.publicClient();
    const guestId = await bed.guest({
      email: "ada@example.com",
      displayName: "Ada Lovelace",
      attributes: { givenName: "Ada", surname: "Lovelace", city: "London" },
    });
    const config = await discover(clientId);
    expect(config.serverMetadata().issuer).toBe(ISSUER);

    const verifier = client.randomPKCECodeVerifier();
    const state = client.randomState();
    const nonce = client.randomNonce();
    const url = client.buildAuthorizationUrl(config, {
      redirect_uri: REDIRECT,
      scope: "openid profile email address offline_access",
      code_challenge: await client.calculatePKCECodeChallenge(verifier),
      code_challenge_method: "S256",
      state,
      nonce,
    });
    const browser = bed.browser();
    const first = await browser.navigate(url);
    expect(first.kind).toBe("interaction");
    const back = await browser.signIn(bed.op, first.interactionId!, guestId);
    expect(back.kind).toBe("client");
    expect(back.url.searchParams.get("iss")).toBe(ISSUER);

    const tokens = await client.authorizationCodeGrant(config, back.url, {
      pkceCodeVerifier: verifier,
      expectedState: state,
      expectedNonce: nonce,
      idTokenExpected: true,
    });
    const claims = tokens.claims()!;
    expect(claims).toMatchObject({
      iss: ISSUER,
      sub: guestId,
      aud: clientId,
      nonce,
      email: "ada@example.com",
      email_verified: true,
      name: "Ada Lovelace",
      given_name: "Ada",
      family_name: "Lovelace",
      address: { locality: "London" },
    });
    expect(claims.sid).toEqual(expect.any(String));
    expect(claims.auth_time).toEqual(expect.any(Number));
    expect(await bed.verify(tokens.id_token!, clientId)).toMatchObject({ sub: guestId });
    expect(await bed.verify(tokens.access_token, `${bed.op.urls(TENANT).userinfo}`, { typ: "at+jwt" })).toMatchObject({
      sub: guestId,
      client_id: clientId,
      scp: "openid profile email address offline_access",
    });
    expect(tokens.refresh_token).toEqual(expect.any(String));

    const userinfo = await client.fetchUserInfo(config, tokens.access_token, guestId);
    expect(userinfo).toMatchObject({ sub: guestId, email: "ada@example.com", name: "Ada Lovelace" });

    const refreshed = await client.refreshTokenGrant(config, tokens.refresh_token!);
    expect(refreshed.refresh_token).not.toBe(tokens.refresh_token);
    expect(refreshed.claims()).toMatchObject({ sub: guestId, aud: clientId });
    expect(await bed.verify(refreshed.id_token!, clientId)).toMatchObject({ sub: guestId });

    // A second authorization request is silent: the OP session is live.
    const silent = await browser.navigate(
      client.buildAuthorizationUrl(config, {
        redirect_uri: REDIRECT,
        scope: "openid",
        prompt: "none",
        code_challenge: await client.calculatePKCECodeChallenge(verifier),
        code_challenge_method: "S256",
        state: "s2",
      }),
    );
    expect(silent.kind).toBe("client");
    expect(silent.url.searchParams.get("code")).toEqual(expect.any(String));

    const logoutUrl = client.buildEndSessionUrl(config, {
      id_token_hint: tokens.id_token!,
      post_logout_redirect_uri: POST_LOGOUT,
      state: "bye",
    });
    const out = await browser.navigate(logoutUrl);
    expect(out.kind).toBe("client");
    expect(out.url.href).toBe(`${POST_LOGOUT}?state=bye`);
    const after = await browser.navigate(
      client.buildAuthorizationUrl(config, {
        redirect_uri: REDIRECT,
        scope: "openid",
        prompt: "none",
        code_challenge: await client.calculatePKCECodeChallenge(verifier),
        code_challenge_method: "S256",
        state: "s3",
      }),
    );
    expect(after.url.searchParams.get("error")).toBe("login_required");
  });

  it("confidential client with client_secret_basic", async () => {
    const { clientId, secret } = await bed.confidentialClient();
    const guestId = await bed.guest();
    const config = await discover(clientId, secret);
    const state = client.randomState();
    const browser = bed.browser();
    const first = await browser.navigate(
      client.buildAuthorizationUrl(config, { redirect_uri: REDIRECT, scope: "openid email", state }),
    );
    const back = await browser.signIn(bed.op, first.interactionId!, guestId);
    const tokens = await client.authorizationCodeGrant(config, back.url, { expectedState: state, idTokenExpected: true });
    expect(await bed.verify(tokens.id_token!, clientId)).toMatchObject({ sub: guestId });
    expect(tokens.refresh_token).toBeUndefined();
  });
});
