import { AuthorizationResponseError, ClientError, type CustomFetch } from "openid-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demoOrigin, demoPostLogoutRedirectUri, demoRedirectUri, DEMO_SCOPE } from "../../../app/demo/_lib/config";
import { createDemoRelyingParty, DiscoveryError, type DemoRelyingParty } from "../../../app/demo/_lib/relying-party";
import { seedDemoApplications } from "../../../prisma/seed";
import { testDatabaseProviders } from "../../helpers/database";
import { BASE, createTestbed, ISSUER, TENANT, type Testbed } from "../oidc/harness";

// The demo's OpenID Connect client against the real provider (in process, on a real database),
// registered exactly as the seed registers it. Its callback is served on another port than the
// seed's 3000, as when Guestgate runs on a spare port: the loopback rule must let it through.
describe.each(testDatabaseProviders())("the demo relying party against the provider on %s", (provider) => {
  let bed: Testbed;
  let rp: DemoRelyingParty;
  const origin = "http://127.0.0.1:4123";

  beforeAll(async () => {
    bed = await createTestbed(provider);
    await seedDemoApplications(bed.db.prisma, [{ slug: TENANT, displayName: "Woodgrove" }]);
    rp = createDemoRelyingParty({
      baseUrl: BASE,
      redirectUri: demoRedirectUri(origin),
      postLogoutRedirectUri: demoPostLogoutRedirectUri("http://127.0.0.1:3000"),
      fetch: bed.fetch as unknown as CustomFetch,
    });
  });
  afterAll(async () => {
    expect(bed?.errors).toEqual([]);
    await bed?.close();
  });

  it("asks for the code flow with PKCE S256, state, nonce and ui_locales", async () => {
    const { url, transaction } = await rp.startLogin(TENANT, "nl");
    expect(url.origin + url.pathname).toBe(`${BASE}/${TENANT}/oauth2/v2.0/authorize`);
    const params = Object.fromEntries(url.searchParams);
    expect(params).toMatchObject({
      client_id: "540a2eb4-526c-545d-b702-1caab8d4a622",
      redirect_uri: "http://127.0.0.1:4123/demo/callback",
      response_type: "code",
      scope: DEMO_SCOPE,
      code_challenge_method: "S256",
      state: transaction.state,
      nonce: transaction.nonce,
      ui_locales: "nl",
    });
    expect(params.code_challenge).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(transaction).toMatchObject({ tenant: TENANT, lang: "nl" });
    expect(transaction.codeVerifier).not.toBe(params.code_challenge);
    const again = await rp.startLogin(TENANT);
    expect(again.transaction.state).not.toBe(transaction.state);
    expect(again.url.searchParams.has("ui_locales")).toBe(false);
  });

  it("signs in: verified ID token claims, userinfo about the same person, and a logout URL", async () => {
    const guestId = await bed.guest({ email: "ada@example.com", displayName: "Ada Lovelace" });
    const { url, transaction } = await rp.startLogin(TENANT, "en");
    const browser = bed.browser();
    const first = await browser.navigate(url);
    expect(first.kind).toBe("interaction");
    const back = await browser.signIn(bed.op, first.interactionId!, guestId);
    expect(back.kind).toBe("client");
    expect(back.url.origin + back.url.pathname).toBe("http://127.0.0.1:4123/demo/callback");

    const signedIn = await rp.finishLogin(transaction, back.url.searchParams);
    expect(signedIn.claims).toMatchObject({
      iss: ISSUER,
      sub: guestId,
      aud: "540a2eb4-526c-545d-b702-1caab8d4a622",
      nonce: transaction.nonce,
      email: "ada@example.com",
      name: "Ada Lovelace",
    });
    expect(await bed.verify(signedIn.idToken, "540a2eb4-526c-545d-b702-1caab8d4a622")).toMatchObject({ sub: guestId });
    expect(signedIn.userinfo).toMatchObject({ sub: guestId, email: "ada@example.com" });
    expect(signedIn).toMatchObject({ tenant: TENANT, lang: "en" });

    const logout = await rp.logoutUrl(signedIn);
    expect(logout.origin + logout.pathname).toBe(`${BASE}/${TENANT}/oauth2/v2.0/logout`);
    expect(Object.fromEntries(logout.searchParams)).toMatchObject({
      id_token_hint: signedIn.idToken,
      client_id: "540a2eb4-526c-545d-b702-1caab8d4a622",
      post_logout_redirect_uri: "http://127.0.0.1:3000/demo/signed-out",
      ui_locales: "en",
    });
    const out = await browser.navigate(logout);
    expect(out.kind).toBe("client");
    expect(out.url.href).toBe("http://127.0.0.1:3000/demo/signed-out");
  });

  it("refuses a response whose state is not the one it sent, and a code redeemed twice", async () => {
    const guestId = await bed.guest();
    const { url, transaction } = await rp.startLogin(TENANT);
    const browser = bed.browser();
    const first = await browser.navigate(url);
    const back = await browser.signIn(bed.op, first.interactionId!, guestId);
    const wrongState = await rp.finishLogin({ ...transaction, state: "another" }, back.url.searchParams).catch((e: unknown) => e);
    expect(wrongState).toBeInstanceOf(ClientError);
    expect(wrongState).toMatchObject({ code: "OAUTH_INVALID_RESPONSE", cause: { message: expect.stringMatching(/state/) } });
    // The code is redeemed before the ID token is checked, so this also spends it.
    const wrongNonce = await rp.finishLogin({ ...transaction, nonce: "another" }, back.url.searchParams).catch((e: unknown) => e);
    expect(wrongNonce).toMatchObject({ code: "OAUTH_JWT_CLAIM_COMPARISON_FAILED" });
    const second = await browser.navigate(url);
    const code =
      second.kind === "client"
        ? second.url.searchParams
        : (await browser.signIn(bed.op, second.interactionId!, guestId)).url.searchParams;
    await rp.finishLogin(transaction, code);
    await expect(rp.finishLogin(transaction, code)).rejects.toThrow();
  });

  it("checks the ID token's signature against the tenant's JWKS", async () => {
    // The same provider, but something between rewrites the ID token's signature.
    const forging = (async (url: string, init: RequestInit) => {
      const response = await (bed.fetch as unknown as CustomFetch)(url, init as never);
      if (!url.endsWith("/oauth2/v2.0/token")) return response;
      const body = (await response.json()) as { id_token: string };
      const [header, payload, signature] = body.id_token.split(".");
      const forged = Buffer.from(signature!, "base64url");
      forged[10] = forged[10]! ^ 1;
      body.id_token = `${header}.${payload}.${forged.toString("base64url")}`;
      return Response.json(body, { status: response.status, headers: { "cache-control": "no-store" } });
    }) as unknown as CustomFetch;
    const suspicious = createDemoRelyingParty({ baseUrl: BASE, redirectUri: demoRedirectUri(origin), fetch: forging });
    const guestId = await bed.guest();
    const { url, transaction } = await suspicious.startLogin(TENANT);
    const browser = bed.browser();
    const back = await browser.signIn(bed.op, (await browser.navigate(url)).interactionId!, guestId);
    const failure = await suspicious.finishLogin(transaction, back.url.searchParams).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(ClientError);
    expect(failure).toMatchObject({ code: "OAUTH_INVALID_RESPONSE", cause: { message: "JWT signature verification failed" } });
  });

  it("reports an error response from Guestgate as such", async () => {
    const { url, transaction } = await rp.startLogin(TENANT);
    url.searchParams.set("prompt", "none");
    const back = await bed.browser().navigate(url);
    expect(back.url.searchParams.get("error")).toBe("login_required");
    const failure = await rp.finishLogin(transaction, back.url.searchParams).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(AuthorizationResponseError);
    expect((failure as AuthorizationResponseError).error).toBe("login_required");
  });

  it("says when the issuer cannot be discovered", async () => {
    await expect(rp.startLogin("nowhere")).rejects.toBeInstanceOf(DiscoveryError);
  });

  it("lives at 127.0.0.1 on Guestgate's port", () => {
    expect(demoOrigin("http://localhost:4123")).toBe(origin);
  });
});
