import { describe, expect, it } from "vitest";
import { discover, finishSignIn, refresh, signOutUrl, startSignIn } from "./snippets/openid-client";
import { ISSUER, POST_LOGOUT, REDIRECT, useTestbed } from "./support";

describe("docs/INTEGRATION.md: openid-client v6", () => {
  const testbed = useTestbed();

  it("discovers, signs a guest in with code + PKCE, reads userinfo, refreshes and signs out", async () => {
    const { clientId, secret } = await testbed().confidentialClient();
    const guestId = await testbed().guest({
      email: "ada@example.com",
      displayName: "Ada Lovelace",
      attributes: { givenName: "Ada" },
    });
    const config = await discover(ISSUER, clientId, secret);

    const { url, pending } = await startSignIn(config, REDIRECT);
    const browser = testbed().browser();
    const interaction = await browser.navigate(url);
    expect(interaction.kind).toBe("interaction");
    const back = await browser.signIn(testbed().op, interaction.interactionId!, guestId);
    expect(back.kind).toBe("client");

    const { tokens, claims, userinfo } = await finishSignIn(config, back.url, pending);
    expect(claims).toMatchObject({ iss: ISSUER, sub: guestId, aud: clientId, email: "ada@example.com", name: "Ada Lovelace" });
    expect(userinfo).toMatchObject({ sub: guestId, email: "ada@example.com", given_name: "Ada" });
    expect(await testbed().verify(tokens.id_token!, clientId)).toMatchObject({ sub: guestId });

    const refreshed = await refresh(config, tokens.refresh_token!);
    expect(refreshed.refresh_token).toEqual(expect.any(String));
    expect(refreshed.refresh_token).not.toBe(tokens.refresh_token);

    const out = await browser.navigate(signOutUrl(config, tokens.id_token!, POST_LOGOUT));
    expect(out).toMatchObject({ kind: "client" });
    expect(out.url.href).toBe(POST_LOGOUT);
  });
});
