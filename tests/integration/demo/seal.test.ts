import { describe, expect, it } from "vitest";
import { deriveSealingKey, seal, unseal } from "../../../app/demo/_lib/seal";

const key = deriveSealingKey("an AUTH_SECRET of at least thirty-two characters");
const transaction = { tenant: "woodgrove", state: "s", nonce: "n", codeVerifier: "v".repeat(43) };

describe("the demo's sealed cookies", () => {
  it("round-trip, and the browser sees only ciphertext (JWE dir + A256GCM)", async () => {
    const sealed = await seal("transaction", transaction, key, { seconds: 600 });
    expect(sealed.split(".")).toHaveLength(5);
    expect(JSON.parse(Buffer.from(sealed.split(".")[0]!, "base64url").toString())).toEqual({ alg: "dir", enc: "A256GCM" });
    expect(sealed).not.toContain("woodgrove");
    expect(await unseal("transaction", sealed, key)).toMatchObject(transaction);
  });

  it("are cookie-safe: base64url and dots only", async () => {
    expect(await seal("session", { tenant: "x", idToken: "a.b.c" }, key, { seconds: 60 })).toMatch(/^[A-Za-z0-9_.-]+$/);
  });

  it("derive the same key from the same secret, and another from another", () => {
    expect(deriveSealingKey("s".repeat(32))).toEqual(deriveSealingKey("s".repeat(32)));
    expect(deriveSealingKey("s".repeat(32))).not.toEqual(deriveSealingKey("t".repeat(32)));
    expect(deriveSealingKey("s".repeat(32))).toHaveLength(32);
  });

  it("refuse another purpose, another key, a changed byte, an expired seal and garbage", async () => {
    const sealed = await seal("transaction", transaction, key, { seconds: 600 });
    expect(await unseal("session", sealed, key)).toBeUndefined();
    expect(await unseal("transaction", sealed, deriveSealingKey("another secret of thirty-two characters!"))).toBeUndefined();
    const parts = sealed.split(".");
    const ciphertext = Buffer.from(parts[3]!, "base64url");
    ciphertext[0] = ciphertext[0]! ^ 1;
    parts[3] = ciphertext.toString("base64url");
    expect(await unseal("transaction", parts.join("."), key)).toBeUndefined();
    const later = new Date(Date.now() + 601_000);
    expect(await unseal("transaction", sealed, key, { now: later })).toBeUndefined();
    for (const bad of [undefined, "", "x", "a.b.c.d.e", "x".repeat(9000)])
      expect(await unseal("transaction", bad, key)).toBeUndefined();
  });
});
