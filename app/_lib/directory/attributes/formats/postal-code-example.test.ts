import { POSTCODE_REGEXES } from "postcode-validator/lib/cjs/postcode-regexes";
import { describe, expect, it } from "vitest";
import { examplePostalCode, normalizePostalCode } from "./postal-code";
import { postalCodeExampleFromPattern } from "./postal-code-example";

describe("the expected form of a country's postal code", () => {
  it.each([
    ["NL", "1234 AB"],
    ["SE", "123 45"],
    ["FR", "12345"],
    ["DE", "12345"],
    ["CA", "A1B 2C3"],
    ["GB", "A12 3BC"],
    ["US", "12345"],
    ["JP", "123-4567"],
    ["PL", "12-345"],
  ])("reads %s as %s", (country, example) => {
    expect(examplePostalCode(country)).toBe(example);
  });

  it("writes, for nearly every country with a pattern, an example that the country's own check accepts", () => {
    const countries = [...POSTCODE_REGEXES.keys()].filter((code) => code !== "INTL");
    const accepted = countries.filter((country) => {
      const example = examplePostalCode(country);
      return example !== undefined && normalizePostalCode(example, country) === example;
    });
    expect(accepted.length / countries.length).toBeGreaterThan(0.9);
  });

  it("leaves out optional parts and keeps optional separators", () => {
    expect(postalCodeExampleFromPattern(/^(SE-)?\d{3}[ ]?\d{2}$/)).toBe("123 45");
    expect(postalCodeExampleFromPattern(/^([0-9]{5})(?:-([0-9]{4}))?$/)).toBe("12345");
  });

  it("gives no example for a pattern it cannot follow, rather than a wrong one", () => {
    expect(postalCodeExampleFromPattern(/^(?!0)\d{4}$/)).toBeUndefined();
    expect(postalCodeExampleFromPattern(/^[^0]\d{3}$/)).toBeUndefined();
    expect(postalCodeExampleFromPattern(/^(\d{6})?$/)).toBeUndefined();
  });
});
