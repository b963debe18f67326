import {
  ConfidentialClientApplication,
  ProtocolMode,
  PublicClientApplication,
  type INetworkModule,
  type NetworkResponse,
} from "@azure/msal-node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDatabaseProviders } from "../../helpers/database";
import { BASE, createTestbed, ISSUER, pkce, REDIRECT, TENANT, USERINFO_URL, type Testbed } from "./harness";

/** MSAL's network hook, answered by the in-process router: MSAL builds and parses the real HTTP exchanges. */
function networkClient(routed: typeof fetch): INetworkModule {
  const send = async <T>(url: string, init: RequestInit): Promise<NetworkResponse<T>> => {
    const response = await routed(url, init);
    return { headers: Object.fromEntries(response.headers), body: (await response.json()) as T, status: response.status };
  };
  return {
    sendGetRequestAsync: (url, options) => send(url, { headers: options?.headers }),
    sendPostRequestAsync: (url, options) => send(url, { method: "POST", headers: options?.headers, body: options?.body }),
  };
}

describe.each(testDatabaseProviders())("@azure/msal-node in OIDC mode against the provider on %s", (provider) => {
  let bed: Testbed;
  beforeAll(async () => {
    bed = await createTestbed(provider);
  });
  afterAll(async () => {
    expect(bed?.errors).toEqual([]);
    await bed?.close();
  });

  const auth = (clientId: string, extra: Record<string, string> = {}) => ({
    clientId,
    authority: ISSUER,
    knownAuthorities: [new URL(BASE).host],
    protocolMode: ProtocolMode.OIDC,
    ...extra,
  });

  it("acquires tokens by authorization code (confidential client, PKCE)", async () => {
    const { clientId, secret } = await bed.confidentialClient();
    const guestId = await bed.guest({ email: "msal@example.com" });
    const msal = new ConfidentialClientApplication({
      auth: auth(clientId, { clientSecret: secret }),
      system: { networkClient: networkClient(bed.fetch) },
    });
    const { verifier, challenge } = pkce();
    const url = await msal.getAuthCodeUrl({
      scopes: ["openid", "profile", "email"],
      redirectUri: REDIRECT,
      codeChallenge: challenge,
      codeChallengeMethod: "S256",
      state: "msal-state",
      nonce: "msal-nonce",
      loginHint: "msal@example.com",
    });
    expect(url.startsWith(`${BASE}/${TENANT}/oauth2/v2.0/authorize?`)).toBe(true);
    const browser = bed.browser();
    const first = await browser.navigate(url);
    expect(first.kind).toBe("interaction");
    expect((await bed.op.describeInteraction(TENANT, first.interactionId!)).loginHint).toBe("msal@example.com");
    const back = await browser.signIn(bed.op, first.interactionId!, guestId);
    expect(back.url.searchParams.get("state")).toBe("msal-state");

    const result = await msal.acquireTokenByCode({
      code: back.url.searchParams.get("code")!,
      scopes: ["openid", "profile", "email"],
      redirectUri: REDIRECT,
      codeVerifier: verifier,
      nonce: "msal-nonce",
    });
    expect(result.idTokenClaims).toMatchObject({
      iss: ISSUER,
      sub: guestId,
      aud: clientId,
      nonce: "msal-nonce",
      email: "msal@example.com",
    });
    expect(await bed.verify(result.idToken, clientId)).toMatchObject({ sub: guestId });
    expect(result.account?.homeAccountId).toContain(guestId);
    const userinfo = await bed.fetch(USERINFO_URL, { headers: { authorization: `Bearer ${result.accessToken}` } });
    expect(await userinfo.json()).toMatchObject({ sub: guestId, email: "msal@example.com" });
  });

  it("acquires tokens by authorization code (public client) and refreshes silently", async () => {
    const clientId = await bed.publicClient();
    const guestId = await bed.guest();
    const msal = new PublicClientApplication({ auth: auth(clientId), system: { networkClient: networkClient(bed.fetch) } });
    const { verifier, challenge } = pkce();
    const url = await msal.getAuthCodeUrl({
      scopes: ["openid", "offline_access"],
      redirectUri: REDIRECT,
      codeChallenge: challenge,
      codeChallengeMethod: "S256",
    });
    const browser = bed.browser();
    const first = await browser.navigate(url);
    const back = await browser.signIn(bed.op, first.interactionId!, guestId);
    const result = await msal.acquireTokenByCode({
      code: back.url.searchParams.get("code")!,
      scopes: ["openid", "offline_access"],
      redirectUri: REDIRECT,
      codeVerifier: verifier,
    });
    expect(await bed.verify(result.idToken, clientId)).toMatchObject({ sub: guestId });
    const silent = await msal.acquireTokenSilent({ account: result.account!, scopes: ["openid"], forceRefresh: true });
    expect(silent.accessToken).not.toBe(result.accessToken);
    expect(await bed.verify(silent.idToken, clientId)).toMatchObject({ sub: guestId });
  });

  it("acquires a token by client credentials, with the application permissions as roles", async () => {
    const { clientId, secret } = await bed.confidentialClient({
      grantTypes: ["client_credentials"],
      redirectUris: [],
      permissions: ["User.Invite.All", "User.ReadWrite.All"],
    });
    const msal = new ConfidentialClientApplication({
      auth: auth(clientId, { clientSecret: secret }),
      system: { networkClient: networkClient(bed.fetch) },
    });
    const resource = `${BASE}/${TENANT}/graph`;
    const result = await msal.acquireTokenByClientCredential({ scopes: [`${resource}/.default`] });
    expect(result?.accessToken).toEqual(expect.any(String));
    expect(await bed.verify(result!.accessToken, resource, { typ: "at+jwt" })).toMatchObject({
      sub: clientId,
      roles: ["User.Invite.All", "User.ReadWrite.All"],
    });
  });
});
