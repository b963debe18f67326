// Contoso ID, the quick start's demo identity provider, spoken to as Auth.js does: discovery, an
// authorization request with PKCE, its own login page (a wrong password refused there), the code
// exchanged with the client secret, and an ID token that names the person — at its root, and as the
// Microsoft-style directory under /{tenantId}/v2.0, whose tokens carry what Entra's do.
import { createServer } from "node:net";
import * as client from "openid-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_ACCOUNTS, DEMO_IDP_PASSWORD, startDemoIdp, type DemoIdp } from "../../../app/_lib/demo-idp";

const REDIRECT_URI = "http://localhost:3000/woodgrove/federation/callback/contoso";
const DIRECTORY_REDIRECT_URI = "http://localhost:3000/woodgrove/federation/callback/contoso-work";
const SECRET = "a-demo-secret-of-at-least-32-characters";
const DIRECTORY_ID = "5d3c9a1e-7b2f-4c8d-a6e4-0f1b2c3d4e5f";

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

describe("Contoso ID", () => {
  let idp: DemoIdp;
  beforeAll(async () => {
    idp = await startDemoIdp(
      `http://127.0.0.1:${await freePort()}`,
      [{ clientId: "guestgate-demo", clientSecret: SECRET, redirectUris: [REDIRECT_URI] }],
      {
        tenantId: DIRECTORY_ID,
        clients: [{ clientId: "guestgate-demo-entra", clientSecret: SECRET, redirectUris: [DIRECTORY_REDIRECT_URI] }],
      },
    );
  });
  afterAll(async () => {
    await idp?.stop();
  });

  it("is an OpenID provider a relying party signs in with, through its own login page", async () => {
    const [account] = DEMO_ACCOUNTS;
    const claims = await signIn(idp.issuer, "guestgate-demo", REDIRECT_URI);
    expect(claims).toMatchObject({
      iss: idp.issuer,
      aud: "guestgate-demo",
      sub: account!.sub,
      email: account!.email,
      email_verified: true,
      name: account!.name,
      given_name: account!.given_name,
      family_name: account!.family_name,
    });
    expect(claims).not.toHaveProperty("tid");
  });

  it("is also a Microsoft-style directory: its issuer has the directory's id, its tokens Entra's claims", async () => {
    const [account] = DEMO_ACCOUNTS;
    expect(idp.directoryIssuer).toBe(`${idp.issuer}/${DIRECTORY_ID}/v2.0`);
    const claims = await signIn(idp.directoryIssuer!, "guestgate-demo-entra", DIRECTORY_REDIRECT_URI);
    expect(claims).toMatchObject({
      iss: idp.directoryIssuer,
      aud: "guestgate-demo-entra",
      sub: account!.sub,
      tid: DIRECTORY_ID,
      oid: account!.sub,
      preferred_username: account!.login,
      email: account!.email,
      // Entra's `email` is only trusted with this optional claim (federation/entra-claims.ts).
      xms_edov: true,
    });
  });

  it("keeps each face's clients to itself", async () => {
    await expect(signIn(idp.issuer, "guestgate-demo-entra", DIRECTORY_REDIRECT_URI)).rejects.toThrow();
  });

  /** Discovery, the authorization request with PKCE, the login page, the code grant: the ID token's claims. */
  async function signIn(issuer: string, clientId: string, redirectUri: string) {
    const config = await client.discovery(new URL(issuer), clientId, SECRET, client.ClientSecretBasic(SECRET), {
      execute: [client.allowInsecureRequests],
    });
    const metadata = config.serverMetadata();
    expect(metadata.issuer).toBe(issuer);
    expect(metadata.code_challenge_methods_supported).toContain("S256");

    const verifier = client.randomPKCECodeVerifier();
    const state = client.randomState();
    const nonce = client.randomNonce();
    const authorize = client.buildAuthorizationUrl(config, {
      redirect_uri: redirectUri,
      scope: "openid profile email",
      code_challenge: await client.calculatePKCECodeChallenge(verifier),
      code_challenge_method: "S256",
      state,
      nonce,
    });

    // The browser's cookie jar, for this one provider.
    const cookies = new Map<string, string>();
    const go = async (url: string, init: RequestInit = {}) => {
      const response = await fetch(url, {
        ...init,
        redirect: "manual",
        headers: { ...init.headers, cookie: [...cookies].map(([k, v]) => `${k}=${v}`).join("; "), "accept-language": "sv" },
      });
      for (const line of response.headers.getSetCookie()) {
        const [pair = ""] = line.split(";");
        const [name = "", value = ""] = pair.split("=");
        cookies.set(name, value);
      }
      return response;
    };
    const toInteraction = await go(authorize.href);
    if (toInteraction.status !== 303) throw new Error(`authorization refused: ${toInteraction.status}`);
    const loginUrl = new URL(toInteraction.headers.get("location")!, idp.issuer).href;
    const page = await go(loginUrl);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('<html lang="sv">');
    // Never framed; the form may lead (through redirects) back to the registered client only.
    expect(page.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
    expect(page.headers.get("content-security-policy")).toContain("form-action 'self' http://localhost:3000;");

    const [account] = DEMO_ACCOUNTS;
    const form = (password: string) => ({
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ login: account!.login, password }).toString(),
    });
    const refused = await go(loginUrl, form("guess"));
    expect(refused.status).toBe(401);
    expect(await refused.text()).toContain('role="alert"');

    let response = await go(loginUrl, form(DEMO_IDP_PASSWORD));
    // login → resume at the authorization endpoint → back to the relying party with a code
    while (response.status >= 300 && response.status < 400) {
      const location = new URL(response.headers.get("location")!, idp.issuer);
      if (location.href.startsWith(redirectUri)) {
        const tokens = await client.authorizationCodeGrant(config, location, {
          pkceCodeVerifier: verifier,
          expectedState: state,
          expectedNonce: nonce,
        });
        return tokens.claims()!;
      }
      response = await go(location.href);
    }
    throw new Error(`Contoso ID did not send the browser back: ${response.status} ${await response.text()}`);
  }
});
