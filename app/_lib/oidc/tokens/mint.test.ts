import { decodeJwt } from "jose";
import { describe, expect, it } from "vitest";
import { createKeyStore } from "../keys/key-store";
import { createMemoryRepositories } from "../testing/memory-repositories";
import { mintAccessToken, mintIdToken, tenantGuidOf } from "./mint";

const TID = "6f1c2d4e-8a3b-4c5d-9e7f-0a1b2c3d4e5f";

function keys() {
  return createKeyStore({
    repository: createMemoryRepositories().repositories.signingKeys,
    kek: new Uint8Array(32).fill(7),
    clock: { now: () => new Date() },
  });
}

describe("tid: the tenant's GUID in every token", () => {
  it("is in ID tokens, and an application's claim selection cannot replace it", async () => {
    const now = new Date();
    const token = await mintIdToken(keys(), {
      tenant: "woodgrove",
      tenantGuid: TID,
      issuer: "https://id.example/woodgrove/v2.0",
      clientId: "c",
      sub: "s",
      now,
      authTime: now,
      claims: { tid: "00000000-0000-4000-8000-000000000000", name: "Ada" },
    });
    expect(decodeJwt(token)).toMatchObject({ tid: TID, name: "Ada", iss: "https://id.example/woodgrove/v2.0" });
  });

  it("is in access tokens, delegated and application ones alike", async () => {
    const store = keys();
    const base = {
      tenant: "woodgrove",
      tenantGuid: TID,
      issuer: "https://i",
      audience: "r",
      clientId: "c",
      now: new Date(),
      grantId: "g",
    };
    const delegated = await mintAccessToken(store, { ...base, sub: "guest", scope: ["openid"] });
    const application = await mintAccessToken(store, { ...base, sub: "c", roles: ["User.Read.All"] });
    expect(decodeJwt(delegated.token)).toMatchObject({ tid: TID, scp: "openid" });
    expect(decodeJwt(application.token)).toMatchObject({ tid: TID, roles: ["User.Read.All"] });
  });

  it("comes from the tenants file by slug, and a slug it does not know is an error, not a token without tid", () => {
    const tenants = { find: (slug: string) => (slug === "woodgrove" ? { id: TID } : undefined) };
    expect(tenantGuidOf(tenants, "woodgrove")).toBe(TID);
    expect(() => tenantGuidOf(tenants, "elsewhere")).toThrow(/no tenant "elsewhere"/);
  });
});
