import { randomBytes } from "node:crypto";
import { decodeProtectedHeader } from "jose";
import { describe, expect, it } from "vitest";
import { LIFETIMES } from "../constants";
import { createMemoryRepositories } from "../testing/memory-repositories";
import { decryptPrivateKey, encryptPrivateKey, KeyEncryptionError } from "./kek";
import { createKeyStore } from "./key-store";
import { mintAccessToken, mintIdToken } from "../tokens/mint";

const kek = randomBytes(32);

describe("private keys at rest (AES-256-GCM, kid as associated data)", () => {
  it("round-trips, and fails with another KEK or another kid", () => {
    const sealed = encryptPrivateKey(kek, "kid-1", '{"d":"secret"}');
    expect(sealed).toMatch(/^v1\.[\w-]+\.[\w-]+$/);
    expect(sealed).not.toContain("secret");
    expect(decryptPrivateKey(kek, "kid-1", sealed)).toBe('{"d":"secret"}');
    expect(() => decryptPrivateKey(randomBytes(32), "kid-1", sealed)).toThrowError(KeyEncryptionError);
    expect(() => decryptPrivateKey(kek, "kid-2", sealed)).toThrowError(KeyEncryptionError);
  });
  it("refuses to work without a key-encryption key, and says how to make one", () => {
    expect(() => encryptPrivateKey(undefined, "k", "x")).toThrowError(/GUESTGATE_KEY_ENCRYPTION_KEY is not set.*init-env/);
    expect(() => encryptPrivateKey(randomBytes(16), "k", "x")).toThrowError(/32 bytes/);
  });
});

describe("signing keys per tenant", () => {
  function setup() {
    const memory = createMemoryRepositories();
    let now = new Date("2026-06-01T00:00:00Z");
    const clock = { now: () => now };
    const store = createKeyStore({ repository: memory.repositories.signingKeys, kek, clock });
    return { memory, store, advance: (seconds: number) => (now = new Date(now.getTime() + seconds * 1000)) };
  }

  it("creates RS256 (2048) and ES256 keys on first use, one active per algorithm even when asked at once", async () => {
    const { memory, store } = setup();
    const keys = await Promise.all([
      store.signingKey("woodgrove", "RS256"),
      store.signingKey("woodgrove", "RS256"),
      store.signingKey("woodgrove", "ES256"),
    ]);
    expect(keys[0].kid).toBe(keys[1].kid);
    expect(
      memory.keys
        .filter((k) => k.state === "active")
        .map((k) => k.alg)
        .sort(),
    ).toEqual(["ES256", "RS256"]);
    const jwks = await store.jwks("woodgrove");
    expect(jwks.keys.map((k) => [k.alg, k.use, k.kty])).toEqual(
      expect.arrayContaining([
        ["RS256", "sig", "RSA"],
        ["ES256", "sig", "EC"],
      ]),
    );
    expect(Buffer.from(jwks.keys.find((k) => k.kty === "RSA")!.n!, "base64url").length * 8).toBe(2048);
    for (const key of jwks.keys) expect(key).not.toHaveProperty("d");
  });
  it("looks an unknown kid up again at most once per 10 seconds, so made-up kids cannot each cost a query", async () => {
    const { memory, store, advance } = setup();
    await store.signingKey("woodgrove", "ES256");
    let lists = 0;
    const list = memory.repositories.signingKeys.list.bind(memory.repositories.signingKeys);
    memory.repositories.signingKeys.list = (tenant) => (lists++, list(tenant));
    advance(11);
    for (let i = 0; i < 50; i++) expect(await store.verificationKey("woodgrove", `made-up-${i}`)).toBeUndefined();
    expect(lists).toBe(1);
    advance(11);
    await store.verificationKey("woodgrove", "made-up-again");
    expect(lists).toBe(2);
  });
  it("agrees on one key when two instances create it at the same moment", async () => {
    const memory = createMemoryRepositories();
    const clock = { now: () => new Date() };
    const a = createKeyStore({ repository: memory.repositories.signingKeys, kek, clock });
    const b = createKeyStore({ repository: memory.repositories.signingKeys, kek, clock });
    const [ka, kb] = await Promise.all([a.signingKey("t1", "ES256"), b.signingKey("t1", "ES256")]);
    expect(ka.kid).toBe(kb.kid);
  });
  it("keeps tenants apart", async () => {
    const { store } = setup();
    expect((await store.signingKey("a", "ES256")).kid).not.toBe((await store.signingKey("b", "ES256")).kid);
  });
  it("rotates: new keys sign, old ones stay published for the grace period, then leave the JWKS", async () => {
    const { store, advance } = setup();
    await store.jwks("woodgrove");
    const before = await store.signingKey("woodgrove", "ES256");
    await store.rotate("woodgrove");
    const after = await store.signingKey("woodgrove", "ES256");
    expect(after.kid).not.toBe(before.kid);
    const kids = (await store.jwks("woodgrove")).keys.map((k) => k.kid);
    expect(kids).toHaveLength(4);
    expect(kids).toContain(before.kid);
    expect(await store.verificationKey("woodgrove", before.kid)).toBeDefined();
    advance(LIFETIMES.retiredKeyGrace + 1);
    expect((await store.jwks("woodgrove")).keys.map((k) => k.kid)).not.toContain(before.kid);
    expect(await store.verificationKey("woodgrove", before.kid)).toBeUndefined();
  });
  it("puts a kid on every token: RS256 ID tokens, ES256 at+jwt access tokens", async () => {
    const { store } = setup();
    const now = new Date();
    const id = await mintIdToken(store, {
      tenant: "w",
      tenantGuid: "6f1c2d4e-8a3b-4c5d-9e7f-0a1b2c3d4e5f",
      issuer: "https://i/w/v2.0",
      clientId: "c",
      sub: "s",
      now,
      authTime: now,
      claims: {},
    });
    const access = await mintAccessToken(store, {
      tenant: "w",
      tenantGuid: "6f1c2d4e-8a3b-4c5d-9e7f-0a1b2c3d4e5f",
      issuer: "https://i/w/v2.0",
      audience: "r",
      clientId: "c",
      sub: "s",
      now,
      grantId: "g",
      scope: ["openid"],
    });
    expect(decodeProtectedHeader(id)).toMatchObject({ alg: "RS256", typ: "JWT", kid: expect.any(String) });
    expect(decodeProtectedHeader(access.token)).toMatchObject({ alg: "ES256", typ: "at+jwt", kid: expect.any(String) });
  });
});
