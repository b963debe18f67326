import { describe, expect, it } from "vitest";
import { displayNameFor, type ProvenIdentity } from "./guests";

const identity = (names: Partial<ProvenIdentity>): ProvenIdentity => ({
  providerId: "github",
  issuer: "https://github.com",
  subject: "1",
  emailVerified: true,
  ...names,
});

describe("displayNameFor", () => {
  it("drops an upstream's bidi overrides and zero-width characters (no one to ask to fix them)", () => {
    expect(displayNameFor({}, identity({ name: "Admin\u202e\u200b exe.txt" }))).toBe("Admin exe.txt");
    expect(displayNameFor({}, identity({ givenName: "A\u2066nn", familyName: "Bo\u200f" }))).toBe("Ann Bo");
    expect(displayNameFor({}, identity({ name: "\u202e\u200b" }))).toBeNull();
  });
  it("keeps emoji sequences and what the guest typed", () => {
    expect(displayNameFor({}, identity({ name: "Ann 👩\u200d💻" }))).toBe("Ann 👩\u200d💻");
    expect(displayNameFor({ displayName: "Ann" }, identity({ name: "x\u202e" }))).toBe("Ann");
  });
});
