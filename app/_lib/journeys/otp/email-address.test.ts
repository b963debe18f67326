import { describe, expect, it } from "vitest";
import { normaliseEmailAddress } from "./email-address";

describe("e-mail address normalisation", () => {
  it("trims and lower-cases the whole address", () => {
    expect(normaliseEmailAddress("  Ann.Lee+Guests@Woodgrove.EXAMPLE\t")).toBe("ann.lee+guests@woodgrove.example");
  });
  it("keeps provider-specific spellings apart (no dot or +tag folding)", () => {
    expect(normaliseEmailAddress("a.nn@gmail.com")).not.toBe(normaliseEmailAddress("ann@gmail.com"));
    expect(normaliseEmailAddress("ann+x@gmail.com")).toBe("ann+x@gmail.com");
  });
  it.each([
    ["", "empty"],
    ["ann", "no @"],
    ["ann@", "no domain"],
    ["@woodgrove.example", "no local part"],
    ["ann@localhost", "no dot in the domain"],
    ["ann..lee@x.example", "two dots in a row"],
    ['"ann lee"@x.example', "quoted local part"],
    ["ann@[192.0.2.1]", "IP literal"],
    ["anné@x.example", "non-ASCII local part"],
    ["ann@bücher.example", "non-ASCII domain"],
    ["ann@x.example\r\nBcc: eve@x.example", "header injection"],
    ["\u212Aim@x.example", "Kelvin sign that lower-cases to ASCII k"],
  ])("rejects %j (%s)", (raw) => {
    expect(normaliseEmailAddress(raw)).toBeUndefined();
  });
  it("rejects addresses too long to deliver (RFC 5321 §4.5.3.1)", () => {
    expect(normaliseEmailAddress(`${"a".repeat(64)}@x.example`)).toBeDefined();
    expect(normaliseEmailAddress(`${"a".repeat(65)}@x.example`)).toBeUndefined();
    expect(normaliseEmailAddress(`a@${"b".repeat(63)}.example`)).toBeDefined();
    expect(normaliseEmailAddress(`a@${"b".repeat(64)}.example`)).toBeUndefined();
    const longest = `a@${["b".repeat(61), "c".repeat(61), "d".repeat(61), "e".repeat(61)].join(".")}.ex`;
    expect(`aa${longest}`).toHaveLength(254);
    expect(normaliseEmailAddress(`aa${longest}`)).toBe(`aa${longest}`);
    expect(normaliseEmailAddress(`aaa${longest}`)).toBeUndefined();
  });
  it("rejects what is not a string", () => {
    expect(normaliseEmailAddress(undefined)).toBeUndefined();
    expect(normaliseEmailAddress(["ann@x.example"])).toBeUndefined();
  });
});
