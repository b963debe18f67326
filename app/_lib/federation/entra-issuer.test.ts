import { generateKeyPairSync } from "node:crypto";
import { createRequire } from "node:module";
import { SignJWT } from "jose";
import * as oauth from "oauth4webapi";
import { describe, expect, it } from "vitest";
import { MICROSOFT_CONSUMER_TENANT_ID } from "./entra-claims";
import { entraDiscoveryFetch, expectedIssuerHook, issuerCheckFor, issuerForToken, templateMatches } from "./entra-issuer";

const TEMPLATE = "https://login.microsoftonline.com/{tenantid}/v2.0";
const CONTOSO = "72f988bf-86f1-41af-91ab-2d7cd011db47";
const ORGANIZATIONS = "https://login.microsoftonline.com/organizations/v2.0";

describe("the oauth4webapi hook the Entra workaround relies on", () => {
  it("exists, and Auth.js validates ID tokens with this very copy of oauth4webapi", () => {
    expect(typeof expectedIssuerHook).toBe("symbol");
    // Two copies would mean two different symbols, and the hook would silently never run.
    const fromAuthCore = createRequire(createRequire(import.meta.url).resolve("@auth/core")).resolve("oauth4webapi");
    expect(fromAuthCore).toBe(createRequire(import.meta.url).resolve("oauth4webapi"));
  });
});

describe("issuerForToken", () => {
  it("fills the template with the token's tid", () => {
    expect(issuerForToken(TEMPLATE, "organizations", CONTOSO)).toBe(`https://login.microsoftonline.com/${CONTOSO}/v2.0`);
    expect(issuerForToken(TEMPLATE, "common", MICROSOFT_CONSUMER_TENANT_ID)).toBe(
      `https://login.microsoftonline.com/${MICROSOFT_CONSUMER_TENANT_ID}/v2.0`,
    );
  });

  it("admits only the account class the audience names", () => {
    expect(issuerForToken(TEMPLATE, "organizations", MICROSOFT_CONSUMER_TENANT_ID)).toMatch(/^urn:/);
    expect(issuerForToken(TEMPLATE, "consumers", CONTOSO)).toMatch(/^urn:/);
    expect(issuerForToken(TEMPLATE, "consumers", MICROSOFT_CONSUMER_TENANT_ID)).toContain(MICROSOFT_CONSUMER_TENANT_ID);
  });

  it("rejects a missing or malformed tid (no path tricks through the template)", () => {
    for (const tid of [undefined, 42, "", "common", "../evil", `${CONTOSO}/x`])
      expect(issuerForToken(TEMPLATE, "common", tid)).toMatch(/^urn:/);
  });
});

describe("templateMatches", () => {
  it("accepts the configured issuer the template describes, on any host (sovereign clouds, tests)", () => {
    expect(templateMatches(TEMPLATE, ORGANIZATIONS)).toBe(true);
    expect(
      templateMatches("https://login.microsoftonline.us/{tenantid}/v2.0", "https://login.microsoftonline.us/common/v2.0"),
    ).toBe(true);
    expect(templateMatches("http://127.0.0.1:4000/{tenantid}/v2.0", "http://127.0.0.1:4000/organizations/v2.0")).toBe(true);
  });

  it("refuses another host or shape", () => {
    expect(templateMatches(TEMPLATE, "https://evil.example/organizations/v2.0")).toBe(false);
    expect(templateMatches(TEMPLATE, "https://login.microsoftonline.com/a/b/v2.0")).toBe(false);
    expect(templateMatches("https://x/{tenantid}/{tenantid}", "https://x/a/b")).toBe(false);
  });
});

describe("issuerCheckFor: a directory configured by its domain name", () => {
  const contoso = `https://login.microsoftonline.com/${CONTOSO}/v2.0`;
  const options = { issuer: "https://login.microsoftonline.com/contoso.com/v2.0", audience: "contoso.com" };

  it("accepts the directory's id issuer the document names, and then only that issuer", () => {
    expect(issuerCheckFor(contoso, options)?.({ claims: { tid: "anything" } })).toBe(contoso);
  });

  it("refuses another host, or the alias rule for a non-domain audience", () => {
    expect(issuerCheckFor(`https://evil.example/${CONTOSO}/v2.0`, options)).toBeUndefined();
    expect(issuerCheckFor(contoso, { issuer: ORGANIZATIONS, audience: "organizations" })).toBeUndefined();
  });
});

/** login.microsoftonline.com's /organizations discovery answer, trimmed to what matters. */
const discovery = {
  issuer: TEMPLATE,
  authorization_endpoint: "https://login.microsoftonline.com/organizations/oauth2/v2.0/authorize",
  token_endpoint: "https://login.microsoftonline.com/organizations/oauth2/v2.0/token",
  jwks_uri: "https://login.microsoftonline.com/organizations/discovery/v2.0/keys",
  userinfo_endpoint: "https://graph.microsoft.com/oidc/userinfo",
  id_token_signing_alg_values_supported: ["RS256"],
};
const fakeNetwork: typeof fetch = async () => Response.json(discovery);

async function discover(issuer: string, audience: string) {
  const wrapped = entraDiscoveryFetch({ issuer, audience }, fakeNetwork);
  const url = new URL(issuer);
  return oauth.processDiscoveryResponse(url, await oauth.discoveryRequest(url, { [oauth.customFetch]: wrapped }));
}

async function tokenResponse(claims: Record<string, unknown>) {
  const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const idToken = await new SignJWT(claims)
    .setProtectedHeader({ alg: "RS256" })
    .setIssuedAt()
    .setExpirationTime("5m")
    .sign(privateKey);
  return Response.json({ access_token: "at", token_type: "Bearer", id_token: idToken });
}

const client = { client_id: "client-1" };
const workToken = {
  iss: `https://login.microsoftonline.com/${CONTOSO}/v2.0`,
  aud: "client-1",
  sub: "s",
  tid: CONTOSO,
  nonce: "n",
};

describe("entraDiscoveryFetch with oauth4webapi's real validation (what Auth.js runs)", () => {
  it("accepts the templated document for the configured issuer, then a token from the tid's directory", async () => {
    const as = await discover(ORGANIZATIONS, "organizations");
    expect(as.issuer).toBe(ORGANIZATIONS);
    const result = await oauth.processAuthorizationCodeResponse(as, client, await tokenResponse(workToken), {
      expectedNonce: "n",
      requireIdToken: true,
    });
    expect(oauth.getValidatedIdTokenClaims(result)?.iss).toBe(workToken.iss);
  });

  it("rejects a token whose iss does not name its own tid", async () => {
    const as = await discover(ORGANIZATIONS, "organizations");
    const forged = { ...workToken, iss: "https://login.microsoftonline.com/11111111-1111-1111-1111-111111111111/v2.0" };
    await expect(
      oauth.processAuthorizationCodeResponse(as, client, await tokenResponse(forged), {
        expectedNonce: "n",
        requireIdToken: true,
      }),
    ).rejects.toThrow(/unexpected JWT "iss"/);
  });

  it("rejects a personal account's token at the organizations audience", async () => {
    const as = await discover(ORGANIZATIONS, "organizations");
    const msa = {
      ...workToken,
      tid: MICROSOFT_CONSUMER_TENANT_ID,
      iss: `https://login.microsoftonline.com/${MICROSOFT_CONSUMER_TENANT_ID}/v2.0`,
    };
    await expect(
      oauth.processAuthorizationCodeResponse(as, client, await tokenResponse(msa), { expectedNonce: "n", requireIdToken: true }),
    ).rejects.toThrow(/unexpected JWT "iss"/);
  });

  it("leaves a single-directory document alone", async () => {
    const single = { ...discovery, issuer: `https://login.microsoftonline.com/${CONTOSO}/v2.0` };
    const wrapped = entraDiscoveryFetch({ issuer: single.issuer, audience: CONTOSO }, async () => Response.json(single));
    const response = await wrapped(`${single.issuer}/.well-known/openid-configuration`);
    expect(await response.json()).toEqual(single);
  });

  it("does not rewrite a template that describes another issuer (discovery then fails)", async () => {
    await expect(discover("https://login.microsoftonline.us/organizations/v2.0", "organizations")).rejects.toThrow(/issuer/);
  });
});
