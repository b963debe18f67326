import type { INetworkModule, NetworkResponse } from "@azure/msal-node";
import { describe, expect, it } from "vitest";
import { createMsalApp, managementToken, redeemCode, renew, signInUrl } from "./snippets/msal-node";
import { BASE, ISSUER, REDIRECT, TENANT, useTestbed } from "./support";

/** MSAL does its HTTP with node:https, not fetch: its network hook routes to the in-process provider. */
function networkClient(requested: string[]): INetworkModule {
  const send = async <T>(url: string, init: RequestInit): Promise<NetworkResponse<T>> => {
    requested.push(url);
    const response = await fetch(url, init);
    return { headers: Object.fromEntries(response.headers), body: (await response.json()) as T, status: response.status };
  };
  return {
    sendGetRequestAsync: (url, options) => send(url, { headers: options?.headers }),
    sendPostRequestAsync: (url, options) => send(url, { method: "POST", headers: options?.headers, body: options?.body }),
  };
}

describe("docs/INTEGRATION.md: MSAL for Node in OIDC mode", () => {
  const testbed = useTestbed();

  it("signs in with code + PKCE, renews silently, and gets a management token", async () => {
    const { clientId, secret } = await testbed().confidentialClient({
      grantTypes: ["authorization_code", "refresh_token", "client_credentials"],
      permissions: ["User.Read.All"],
    });
    const guestId = await testbed().guest({ email: "grace@example.com", displayName: "Grace Hopper" });
    const requested: string[] = [];
    const msal = createMsalApp(ISSUER, clientId, secret, { networkClient: networkClient(requested) });

    const { url, verifier } = await signInUrl(msal, REDIRECT, "msal-state");
    const browser = testbed().browser();
    const interaction = await browser.navigate(url);
    expect(interaction.kind).toBe("interaction");
    const back = await browser.signIn(testbed().op, interaction.interactionId!, guestId);
    expect(back.url.searchParams.get("state")).toBe("msal-state");

    const result = await redeemCode(msal, back.url.searchParams.get("code")!, REDIRECT, verifier);
    expect(result.idTokenClaims).toMatchObject({ iss: ISSUER, sub: guestId, aud: clientId, email: "grace@example.com" });
    expect(await testbed().verify(result.idToken, clientId)).toMatchObject({ name: "Grace Hopper" });

    // MSAL found the endpoints in the issuer's own discovery document.
    expect(requested[0]).toBe(`${ISSUER}/.well-known/openid-configuration`);

    const renewed = await renew(msal, result.account!);
    expect(renewed.idTokenClaims).toMatchObject({ sub: guestId });

    const token = await managementToken(msal, BASE, TENANT);
    expect(await testbed().verify(token, `${BASE}/${TENANT}/graph`, { typ: "at+jwt" })).toMatchObject({
      roles: ["User.Read.All"],
    });
  });
});
