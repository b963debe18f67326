import { describe, expect, it } from "vitest";
import { deriveOtpHashKey, generatePasscode, hashPasscode, passcodeFromInput, passcodeHashesMatch } from "./passcode";

const key = Buffer.alloc(32, 1);
const binding = { journeyId: "j1", address: "ann@woodgrove.example", code: "012345" };

describe("passcode format", () => {
  it("is always six digits, leading zeros kept", () => {
    const codes = Array.from({ length: 2000 }, generatePasscode);
    expect(codes.every((code) => /^\d{6}$/.test(code))).toBe(true);
    expect(new Set(codes).size).toBeGreaterThan(1990);
  });
  it("reads what a person typed, spaces and hyphens dropped", () => {
    expect(passcodeFromInput(" 012 345 ")).toBe("012345");
    expect(passcodeFromInput("012-345")).toBe("012345");
    expect(passcodeFromInput("01234")).toBeUndefined();
    expect(passcodeFromInput("0123456")).toBeUndefined();
    expect(passcodeFromInput("01234x")).toBeUndefined();
    expect(passcodeFromInput("٠١٢٣٤٥")).toBeUndefined();
    expect(passcodeFromInput(12345)).toBeUndefined();
  });
});

describe("passcode hashing", () => {
  it("is a keyed MAC that differs with the key, the journey, the address and the code", () => {
    const hash = hashPasscode(key, binding);
    expect(hash).not.toContain(binding.code);
    expect(hashPasscode(Buffer.alloc(32, 2), binding)).not.toBe(hash);
    expect(hashPasscode(key, { ...binding, journeyId: "j2" })).not.toBe(hash);
    expect(hashPasscode(key, { ...binding, address: "bob@woodgrove.example" })).not.toBe(hash);
    expect(hashPasscode(key, { ...binding, code: "012346" })).not.toBe(hash);
    expect(hashPasscode(key, binding)).toBe(hash);
  });
  it("cannot be confused by moving characters between fields", () => {
    expect(hashPasscode(key, { journeyId: "j1a", address: "b@x.example", code: "000000" })).not.toBe(
      hashPasscode(key, { journeyId: "j1", address: "ab@x.example", code: "000000" }),
    );
  });
  it("compares hashes of equal length only", () => {
    const hash = hashPasscode(key, binding);
    expect(passcodeHashesMatch(hash, hash)).toBe(true);
    expect(passcodeHashesMatch(hash, hashPasscode(key, { ...binding, code: "999999" }))).toBe(false);
    expect(passcodeHashesMatch(hash, hash.slice(0, 20))).toBe(false);
  });
  it("derives a 32-byte key from a server secret, and refuses a short secret", () => {
    const derived = deriveOtpHashKey("s".repeat(43));
    expect(derived).toHaveLength(32);
    expect(derived.equals(deriveOtpHashKey("s".repeat(43)))).toBe(true);
    expect(derived.equals(Buffer.from("s".repeat(32)))).toBe(false);
    expect(() => deriveOtpHashKey("short")).toThrow(RangeError);
  });
});
