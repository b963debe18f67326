import { describe, expect, it } from "vitest";
import { authenticationEventsClientId, releasableExtensionClaims } from "./extension-token";

describe("what a custom claims provider may put in a token", () => {
  it("never a registered, session-binding or identity claim, in any case", () => {
    expect(
      releasableExtensionClaims({
        Sub: "x",
        ISS: "x",
        aud: "x",
        exp: 1,
        nonce: "x",
        Email: "x",
        tid: "x",
        roles: [],
        Tier: "gold",
      }),
    ).toEqual({ Tier: "gold" });
  });
});

describe("the tenant's authentication-events application", () => {
  it("has a stable id per tenant, different between tenants, shaped as a version-5 UUID", () => {
    const a = authenticationEventsClientId("0b0c0d0e-0000-4000-8000-000000000001");
    expect(a).toBe(authenticationEventsClientId("0B0C0D0E-0000-4000-8000-000000000001"));
    expect(a).not.toBe(authenticationEventsClientId("0b0c0d0e-0000-4000-8000-000000000002"));
    expect(a).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});
