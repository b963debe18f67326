import { describe, expect, it } from "vitest";
import type { Tenant } from "../tenant";
import { availableProviderIds } from "./available";

const tenant = {
  identityProviders: [
    { kind: "email-otp", id: "email" },
    { kind: "google", id: "google", clientId: "g", clientSecretEnv: "G" },
    { kind: "github", id: "github", clientId: "h", clientSecretEnv: "H" },
  ],
} as unknown as Tenant;

describe("availableProviderIds", () => {
  it("offers e-mail passcodes always, and an upstream only with its secret set", () => {
    expect(
      availableProviderIds(tenant, { authSecret: "s", secretFromEnvironment: (name) => (name === "G" ? "x" : undefined) }),
    ).toEqual(["email", "google"]);
  });

  it("offers no upstream without AUTH_SECRET", () => {
    expect(availableProviderIds(tenant, { authSecret: undefined, secretFromEnvironment: () => "x" })).toEqual(["email"]);
  });
});
