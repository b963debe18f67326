import { describe, expect, it } from "vitest";
import { examplePhoneNumber, normalizePhoneNumber } from "./phone";

describe("phone numbers → E.164", () => {
  it.each([
    ["06 12345678", "NL", "+31612345678"], // Dutch mobile, national form
    ["020-624 1111", "NL", "+31206241111"], // Amsterdam landline
    ["070-123 45 67", "SE", "+46701234567"], // Swedish mobile
    ["08-123 456 78", "SE", "+46812345678"], // Stockholm landline
    ["01 42 68 53 00", "FR", "+33142685300"],
    ["(202) 456-1111", "US", "+12024561111"],
  ])("reads %s as a national number of %s", (input, country, expected) => {
    expect(normalizePhoneNumber(input, country)).toBe(expected);
  });

  it("keeps an international number's own country, whatever the guest's country", () => {
    expect(normalizePhoneNumber("+46 70 123 45 67", "NL")).toBe("+46701234567");
    expect(normalizePhoneNumber("+31 6 1234 5678")).toBe("+31612345678");
  });

  it("accepts the 00 international prefix", () => {
    expect(normalizePhoneNumber("0031 6 12345678", "SE")).toBe("+31612345678");
    expect(normalizePhoneNumber("0046701234567")).toBe("+46701234567");
  });

  it.each([
    ["0612", "NL"], // too short
    ["+31 6 1234 56789", undefined], // too long for a Dutch mobile
    ["070-1234", "SE"],
    ["12345", undefined], // national number without a country
    ["call me", "NL"],
    ["", "NL"],
    ["+4670123456712345678901234567890123456789012", undefined],
  ])("refuses %j (%s)", (input, country) => {
    expect(normalizePhoneNumber(input, country)).toBeUndefined();
  });

  it("ignores a country libphonenumber does not know instead of failing", () => {
    expect(normalizePhoneNumber("+46 70 123 45 67", "AQ")).toBe("+46701234567");
    expect(normalizePhoneNumber("070 123 45 67", "ZZ")).toBeUndefined();
  });
});

describe("the expected form of a country's phone numbers", () => {
  it.each([
    ["NL", "06 12345678"],
    ["SE", "070-123 45 67"],
    ["FR", "06 12 34 56 78"],
  ])("shows a %s mobile number as people there write it", (country, example) => {
    expect(examplePhoneNumber(country)).toBe(example);
    expect(normalizePhoneNumber(example, country)).toBeDefined();
  });

  it("has none for a code that is not a country", () => {
    expect(examplePhoneNumber("XX")).toBeUndefined();
  });
});
