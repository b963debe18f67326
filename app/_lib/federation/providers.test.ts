import { readFileSync } from "node:fs";
import { customFetch } from "next-auth";
import { describe, expect, it } from "vitest";
import type { IdentityProviderConfig } from "../tenant";
import { buildUpstreamProviders, entraIssuer } from "./providers";

const secrets: Record<string, string> = { G: "g-secret", E: "e-secret", H: "h-secret", F: "f-secret", O: "o-secret" };
const lookup = (name: string) => secrets[name];

const all: IdentityProviderConfig[] = [
  { kind: "email-otp", id: "email" },
  { kind: "google", id: "google", clientId: "g", clientSecretEnv: "G" },
  { kind: "microsoft-entra", id: "work", clientId: "e", clientSecretEnv: "E", audience: "organizations" },
  { kind: "github", id: "github", clientId: "h", clientSecretEnv: "H" },
  { kind: "facebook", id: "facebook", clientId: "f", clientSecretEnv: "F" },
  {
    kind: "oidc",
    id: "partner",
    clientId: "o",
    clientSecretEnv: "O",
    displayName: "Partner SSO",
    issuer: "https://sso.partner.example",
  },
];

/** What Auth.js will use: the user options over the built-in defaults (undefined options do not count). */
const effective = (provider: unknown) => {
  const { options = {}, ...defaults } = provider as Record<string, unknown> & { options?: Record<string, unknown> };
  return { ...defaults, ...Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined)) } as Record<
    string,
    unknown
  >;
};

describe("buildUpstreamProviders", () => {
  it("turns each upstream into an Auth.js provider with the tenants.json id, skipping e-mail passcodes", () => {
    const { providers, offered, unavailable } = buildUpstreamProviders(all, lookup);
    expect(providers.map((p) => effective(p).id)).toEqual(["google", "work", "github", "facebook", "partner"]);
    expect(offered).toEqual([
      { id: "google", kind: "google", nameMessage: "federation.providerNames.google" },
      { id: "work", kind: "microsoft-entra", nameMessage: "federation.providerNames.microsoftEntra" },
      { id: "github", kind: "github", nameMessage: "federation.providerNames.github" },
      { id: "facebook", kind: "facebook", nameMessage: "federation.providerNames.facebook" },
      { id: "partner", kind: "oidc", displayName: "Partner SSO" },
    ]);
    expect(unavailable).toEqual([]);
  });

  it("makes a provider whose secret variable is unset unavailable, with the reason, and builds the rest", () => {
    const { offered, unavailable } = buildUpstreamProviders(all, (name) => (name === "E" ? undefined : lookup(name)));
    expect(offered.map((p) => p.id)).toEqual(["google", "github", "facebook", "partner"]);
    expect(unavailable).toEqual([{ id: "work", problem: "environment variable E is not set" }]);
  });

  it("passes the client id and the secret read from the environment", () => {
    const google = effective(buildUpstreamProviders(all, lookup).providers[0]);
    expect([google.clientId, google.clientSecret]).toEqual(["g", "g-secret"]);
  });

  it("uses PKCE, state and nonce for OpenID upstreams, PKCE and state for OAuth-only ones", () => {
    const byId = new Map(buildUpstreamProviders(all, lookup).providers.map((p) => [effective(p).id, effective(p)]));
    for (const id of ["google", "work", "partner"]) expect(byId.get(id)?.checks, id).toEqual(["pkce", "state", "nonce"]);
    for (const id of ["github", "facebook"]) expect(byId.get(id)?.checks, id).toEqual(["pkce", "state"]);
    expect(byId.get("partner")).toMatchObject({ type: "oidc", issuer: "https://sso.partner.example", name: "Partner SSO" });
  });

  it("routes every provider's HTTP through the failure probe", () => {
    for (const provider of buildUpstreamProviders(all, lookup).providers) {
      const { options, ...defaults } = provider as unknown as Record<string | symbol, unknown> & {
        options?: Record<symbol, unknown>;
      };
      expect(typeof (defaults[customFetch] ?? options?.[customFetch])).toBe("function");
    }
  });

  it("names the built-in kinds by messages that exist in every language", () => {
    const en = JSON.parse(readFileSync("messages/en.json", "utf8")) as { federation: { providerNames: Record<string, string> } };
    for (const { nameMessage } of buildUpstreamProviders(all, lookup).offered.filter((p) => p.kind !== "oidc")) {
      expect(en.federation.providerNames[nameMessage!.split(".").at(-1)!], nameMessage).toBeTruthy();
    }
  });
});

describe("issuers", () => {
  it("google: accounts.google.com unless overridden (sovereign cloud, local test provider)", () => {
    const plain = effective(buildUpstreamProviders(all.slice(1, 2), lookup).providers[0]);
    expect(plain.issuer).toBe("https://accounts.google.com");
    const local: IdentityProviderConfig = {
      kind: "google",
      id: "google",
      clientId: "g",
      clientSecretEnv: "G",
      issuer: "http://127.0.0.1:4000",
    };
    expect(effective(buildUpstreamProviders([local], lookup).providers[0]).issuer).toBe("http://127.0.0.1:4000");
  });

  it("microsoft-entra: login.microsoftonline.com/{audience}/v2.0 unless overridden; asks only for openid profile email", () => {
    expect(
      entraIssuer({ kind: "microsoft-entra", id: "w", clientId: "e", clientSecretEnv: "E", audience: "contoso.onmicrosoft.com" }),
    ).toBe("https://login.microsoftonline.com/contoso.onmicrosoft.com/v2.0");
    const us: IdentityProviderConfig = {
      kind: "microsoft-entra",
      id: "gov",
      clientId: "e",
      clientSecretEnv: "E",
      audience: "organizations",
      issuer: "https://login.microsoftonline.us/organizations/v2.0",
    };
    const provider = effective(buildUpstreamProviders([us], lookup).providers[0]);
    expect(provider.issuer).toBe("https://login.microsoftonline.us/organizations/v2.0");
    expect(provider.authorization).toEqual({ params: { scope: "openid profile email" } });
  });

  it("replaces the built-in Entra profile (which fetches a Graph photo) with one that calls nobody", async () => {
    const provider = effective(buildUpstreamProviders(all.slice(2, 3), lookup).providers[0]);
    const profile = provider.profile as (claims: object) => Promise<unknown> | unknown;
    expect(await profile({ sub: "s", name: "Megan", email: "m@contoso.com" })).toEqual({
      id: "s",
      name: "Megan",
      email: "m@contoso.com",
    });
  });
});
