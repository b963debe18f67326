import { describe, expect, it } from "vitest";
import { identityProviderSchema } from "./schema";

const google = { kind: "google", id: "google", clientId: "c", clientSecretEnv: "GOOGLE_SECRET" };
const entra = { kind: "microsoft-entra", id: "work", clientId: "c", clientSecretEnv: "ENTRA_SECRET", audience: "organizations" };

describe("the optional issuer override of google and microsoft-entra", () => {
  it("is optional", () => {
    expect(identityProviderSchema.parse(google)).toEqual(google);
    expect(identityProviderSchema.parse(entra)).toEqual(entra);
  });

  it("takes an https issuer (a sovereign cloud) or plain http on a loopback host (a local test provider)", () => {
    for (const issuer of [
      "https://login.microsoftonline.us/organizations/v2.0",
      "http://127.0.0.1:4000",
      "http://localhost:4000/x",
    ]) {
      expect(identityProviderSchema.safeParse({ ...entra, issuer }).success, issuer).toBe(true);
    }
    expect(identityProviderSchema.safeParse({ ...google, issuer: "http://[::1]:4000" }).success).toBe(true);
  });

  it("refuses plain http elsewhere, and an issuer with a query or fragment", () => {
    for (const issuer of [
      "http://accounts.example.com",
      "https://op.example/?tenant=x",
      "https://op.example/#x",
      "ftp://op.example",
    ]) {
      expect(identityProviderSchema.safeParse({ ...google, issuer }).success, issuer).toBe(false);
    }
  });

  it("is not offered where the provider code has no issuer to replace (facebook, github)", () => {
    const facebook = { kind: "facebook", id: "fb", clientId: "c", clientSecretEnv: "FB", issuer: "https://www.facebook.com" };
    expect(identityProviderSchema.safeParse(facebook).success).toBe(false);
  });
});
