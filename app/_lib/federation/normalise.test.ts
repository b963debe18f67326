import { describe, expect, it } from "vitest";
import { MICROSOFT_CONSUMER_TENANT_ID } from "./entra-claims";
import { FACEBOOK_ISSUER, GITHUB_ISSUER, normaliseUpstreamIdentity, UpstreamProfileError } from "./normalise";
import type { UpstreamProviderConfig } from "./types";

const app = { clientId: "client-1", clientSecretEnv: "SECRET" };
const google: UpstreamProviderConfig = { kind: "google", id: "google", ...app };
const entra: UpstreamProviderConfig = { kind: "microsoft-entra", id: "microsoft", audience: "organizations", ...app };
const github: UpstreamProviderConfig = { kind: "github", id: "github", ...app };
const facebook: UpstreamProviderConfig = { kind: "facebook", id: "facebook", ...app };
const partner: UpstreamProviderConfig = {
  kind: "oidc",
  id: "partner",
  displayName: "Partner",
  issuer: "https://sso.partner.example",
  ...app,
};

const account = (provider: string, providerAccountId: string) => ({
  provider,
  providerAccountId,
  type: "oidc",
  access_token: "at",
  token_type: "bearer",
});

const CONTOSO = "72f988bf-86f1-41af-91ab-2d7cd011db47";
/** A v2.0 ID token of a work account signing in through /organizations (claims as Microsoft documents them). */
const entraWorkClaims = {
  ver: "2.0",
  iss: `https://login.microsoftonline.com/${CONTOSO}/v2.0`,
  aud: "client-1",
  sub: "AAAAAAAAAAAAAAAAAAAAAIkzqFVrSaSaFHy782bbtaQ",
  oid: "00000000-0000-0000-66f3-3332eca7ea81",
  tid: CONTOSO,
  name: "Megan Bowen",
  preferred_username: "megan@contoso.com",
  email: "Megan@Contoso.com",
  iat: 1_700_000_000,
  exp: 1_700_003_600,
};

describe("normaliseUpstreamIdentity — OpenID providers (OIDC Core §5.7: iss + sub)", () => {
  it("google: keys by the ID token's iss and sub, and trusts email_verified", () => {
    const claims = {
      iss: "https://accounts.google.com",
      azp: "client-1",
      aud: "client-1",
      sub: "110169484474386276334",
      email: "ada.lovelace@gmail.com",
      email_verified: true,
      name: "Ada Lovelace",
      given_name: "Ada",
      family_name: "Lovelace",
      picture: "https://lh3.googleusercontent.com/a/x",
      locale: "en",
    };
    expect(normaliseUpstreamIdentity(google, account("google", claims.sub), claims)).toEqual({
      providerId: "google",
      kind: "google",
      issuer: "https://accounts.google.com",
      subject: "110169484474386276334",
      email: "ada.lovelace@gmail.com",
      emailVerified: true,
      name: "Ada Lovelace",
      givenName: "Ada",
      familyName: "Lovelace",
    });
  });

  it("google: an address Google has not verified stays unverified", () => {
    const claims = { iss: "https://accounts.google.com", sub: "1", email: "x@example.com", email_verified: false };
    expect(normaliseUpstreamIdentity(google, account("google", "1"), claims).emailVerified).toBe(false);
  });

  it("google pointed at another issuer (override) keys by that issuer", () => {
    const claims = { iss: "http://127.0.0.1:4000", sub: "local-1" };
    expect(normaliseUpstreamIdentity(google, account("google", "local-1"), claims)).toMatchObject({
      issuer: "http://127.0.0.1:4000",
      subject: "local-1",
    });
  });

  it("oidc: accepts email_verified as the string some providers send, and nothing else", () => {
    const base = { iss: "https://sso.partner.example", sub: "u-7", email: "u7@partner.example" };
    expect(normaliseUpstreamIdentity(partner, account("partner", "u-7"), { ...base, email_verified: "true" }).emailVerified).toBe(
      true,
    );
    expect(normaliseUpstreamIdentity(partner, account("partner", "u-7"), { ...base, email_verified: "yes" }).emailVerified).toBe(
      false,
    );
    expect(normaliseUpstreamIdentity(partner, account("partner", "u-7"), base).emailVerified).toBe(false);
  });

  it("oidc: falls back to preferred_username for the name; no e-mail means not verified", () => {
    const identity = normaliseUpstreamIdentity(partner, account("partner", "u-8"), {
      iss: "https://sso.partner.example",
      sub: "u-8",
      preferred_username: "u8",
      email_verified: true,
    });
    expect(identity).toEqual({
      providerId: "partner",
      kind: "oidc",
      issuer: "https://sso.partner.example",
      subject: "u-8",
      emailVerified: false,
      name: "u8",
    });
  });
});

describe("normaliseUpstreamIdentity — Microsoft Entra ID", () => {
  it("multi-tenant: the issuer is the token's own directory issuer, not the /organizations endpoint", () => {
    const identity = normaliseUpstreamIdentity(entra, account("microsoft", entraWorkClaims.sub), entraWorkClaims);
    expect(identity).toEqual({
      providerId: "microsoft",
      kind: "microsoft-entra",
      issuer: `https://login.microsoftonline.com/${CONTOSO}/v2.0`,
      subject: "AAAAAAAAAAAAAAAAAAAAAIkzqFVrSaSaFHy782bbtaQ",
      email: "Megan@Contoso.com",
      emailVerified: false,
      name: "Megan Bowen",
    });
  });

  it("two directories with the same sub are two identities", () => {
    const other = {
      ...entraWorkClaims,
      tid: "11111111-1111-1111-1111-111111111111",
      iss: "https://login.microsoftonline.com/11111111-1111-1111-1111-111111111111/v2.0",
    };
    const a = normaliseUpstreamIdentity(entra, account("microsoft", "s"), entraWorkClaims);
    const b = normaliseUpstreamIdentity(entra, account("microsoft", "s"), other);
    expect([a.issuer, a.subject]).not.toEqual([b.issuer, b.subject]);
  });

  it("the email claim alone is not proof of ownership", () => {
    expect(
      normaliseUpstreamIdentity(entra, account("microsoft", "s"), { ...entraWorkClaims, email_verified: true }).emailVerified,
    ).toBe(false);
  });

  it("xms_edov (email domain owner verified) makes it verified", () => {
    expect(
      normaliseUpstreamIdentity(entra, account("microsoft", "s"), { ...entraWorkClaims, xms_edov: true }).emailVerified,
    ).toBe(true);
    expect(
      normaliseUpstreamIdentity(entra, account("microsoft", "s"), { ...entraWorkClaims, xms_edov: false }).emailVerified,
    ).toBe(false);
  });

  it("verified_primary_email / verified_secondary_email must contain the same address", () => {
    const claims = { ...entraWorkClaims, verified_primary_email: ["megan@contoso.com"] };
    expect(normaliseUpstreamIdentity(entra, account("microsoft", "s"), claims).emailVerified).toBe(true);
    const elsewhere = { ...entraWorkClaims, verified_secondary_email: "megan@fabrikam.com" };
    expect(normaliseUpstreamIdentity(entra, account("microsoft", "s"), elsewhere).emailVerified).toBe(false);
  });

  it("a personal Microsoft account keys by the consumer directory's issuer", () => {
    const msa = {
      ...entraWorkClaims,
      tid: MICROSOFT_CONSUMER_TENANT_ID,
      iss: `https://login.microsoftonline.com/${MICROSOFT_CONSUMER_TENANT_ID}/v2.0`,
      email: "ada@outlook.com",
    };
    expect(normaliseUpstreamIdentity(entra, account("microsoft", "s"), msa)).toMatchObject({
      issuer: `https://login.microsoftonline.com/${MICROSOFT_CONSUMER_TENANT_ID}/v2.0`,
      emailVerified: false,
    });
  });
});

describe("normaliseUpstreamIdentity — OAuth 2.0 providers (fixed issuer, numeric id)", () => {
  it("github: https://github.com + the numeric user id; verified only for the verified primary address", () => {
    const profile = {
      login: "octocat",
      id: 583231,
      node_id: "MDQ6VXNlcjU4MzIzMQ==",
      name: null,
      email: "octocat@github.com",
      email_verified: true,
    };
    expect(normaliseUpstreamIdentity(github, account("github", "583231"), profile)).toEqual({
      providerId: "github",
      kind: "github",
      issuer: GITHUB_ISSUER,
      subject: "583231",
      email: "octocat@github.com",
      emailVerified: true,
      name: "octocat",
    });
    expect(
      normaliseUpstreamIdentity(github, account("github", "583231"), { ...profile, email_verified: "true" }).emailVerified,
    ).toBe(false);
  });

  it("facebook: https://www.facebook.com + the app-scoped id; never verified", () => {
    const profile = {
      id: "10224242424242424",
      name: "Ada Lovelace",
      email: "ada@example.com",
      first_name: "Ada",
      last_name: "Lovelace",
    };
    expect(normaliseUpstreamIdentity(facebook, account("facebook", profile.id), profile)).toEqual({
      providerId: "facebook",
      kind: "facebook",
      issuer: FACEBOOK_ISSUER,
      subject: "10224242424242424",
      email: "ada@example.com",
      emailVerified: false,
      name: "Ada Lovelace",
      givenName: "Ada",
      familyName: "Lovelace",
    });
  });
});

describe("normaliseUpstreamIdentity — refusals", () => {
  it("refuses an answer without a subject or issuer", () => {
    expect(() => normaliseUpstreamIdentity(google, account("google", "x"), { iss: "https://accounts.google.com" })).toThrow(
      UpstreamProfileError,
    );
    expect(() => normaliseUpstreamIdentity(google, account("google", "x"), { sub: "1" })).toThrow(/no issuer/);
    expect(() => normaliseUpstreamIdentity(github, account("github", "x"), { login: "octocat" })).toThrow(/no subject/);
  });

  it("refuses an answer from another provider than the one configured", () => {
    expect(() =>
      normaliseUpstreamIdentity(google, account("partner", "1"), { iss: "https://accounts.google.com", sub: "1" }),
    ).toThrow(UpstreamProfileError);
  });

  it("drops blank and oversized strings", () => {
    const identity = normaliseUpstreamIdentity(google, account("google", "1"), {
      iss: "https://accounts.google.com",
      sub: "1",
      name: "   ",
      email: "x".repeat(2000),
    });
    expect(identity).toEqual({
      providerId: "google",
      kind: "google",
      issuer: "https://accounts.google.com",
      subject: "1",
      emailVerified: false,
    });
  });
});
