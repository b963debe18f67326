import { describe, expect, it, vi } from "vitest";
import { handleCallback, signInUrl, userinfo } from "./snippets/spa-oauth4webapi";
import { ISSUER, REDIRECT, useTestbed } from "./support";

/** The browser's sessionStorage, for Node. */
class MemoryStorage {
  private readonly items = new Map<string, string>();
  getItem = (key: string) => this.items.get(key) ?? null;
  setItem = (key: string, value: string) => void this.items.set(key, String(value));
  removeItem = (key: string) => void this.items.delete(key);
}

describe("docs/INTEGRATION.md: a single-page app with oauth4webapi", () => {
  const testbed = useTestbed();

  it("signs a guest in as a public client with PKCE and reads userinfo", async () => {
    vi.stubGlobal("sessionStorage", new MemoryStorage());
    const clientId = await testbed().publicClient();
    const guestId = await testbed().guest({ email: "lin@example.com", displayName: "Lin Qiao" });

    const url = await signInUrl(ISSUER, clientId, REDIRECT);
    expect(url.searchParams.get("code_challenge_method")).toBe("S256");
    const browser = testbed().browser();
    const interaction = await browser.navigate(url);
    const back = await browser.signIn(testbed().op, interaction.interactionId!, guestId);

    const { accessToken, claims } = await handleCallback(ISSUER, clientId, REDIRECT, back.url.href);
    expect(claims).toMatchObject({ iss: ISSUER, sub: guestId, aud: clientId, email: "lin@example.com" });
    expect(await userinfo(ISSUER, clientId, accessToken, guestId)).toMatchObject({ sub: guestId, name: "Lin Qiao" });
    // The verifier is gone: a reloaded callback page cannot redeem again.
    await expect(handleCallback(ISSUER, clientId, REDIRECT, back.url.href)).rejects.toThrow(/no sign-in was started/);
  });
});
