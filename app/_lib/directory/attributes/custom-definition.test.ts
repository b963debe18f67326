import { describe, expect, it } from "vitest";
import { customAttributeDefinition, customAttributeSchema } from "./custom-definition";

const issues = (input: unknown) => {
  const result = customAttributeSchema.safeParse(input);
  return result.success ? [] : result.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
};

describe("custom attribute declarations", () => {
  it("become definitions with an extension_ claim", () => {
    const declared = customAttributeSchema.parse({
      name: "loyaltyCard",
      type: "string",
      label: { en: "Loyalty card" },
      pattern: "[0-9]{10}",
    });
    expect(customAttributeDefinition(declared)).toMatchObject({
      name: "loyaltyCard",
      kind: "custom",
      source: "user",
      type: "string",
      maxLength: 256,
      pattern: "[0-9]{10}",
      claim: { name: "extension_loyaltyCard" },
    });
  });

  it("give format fields the browser's hints", () => {
    const declared = customAttributeSchema.parse({ name: "mobile", type: "string", format: "phone", label: { en: "Mobile" } });
    expect(customAttributeDefinition(declared)).toMatchObject({ autocomplete: "tel", inputMode: "tel" });
  });

  it("cannot take a built-in or reserved name", () => {
    expect(issues({ name: "givenName", type: "string", label: { en: "x" } })[0]).toMatch(
      /^name: "givenName" is a built-in or reserved name/,
    );
    expect(issues({ name: "userType", type: "string", label: { en: "x" } })[0]).toMatch(/^name: /);
    expect(issues({ name: "emailVerified", type: "boolean", label: { en: "x" } })[0]).toMatch(/^name: /);
    expect(issues({ name: "Email", type: "boolean", label: { en: "x" } })[0]).toMatch(/^name: /);
    expect(issues({ name: "extension_x", type: "boolean", label: { en: "x" } })[0]).toMatch(/^name: 2–40 letters/);
  });

  it("take only the constraints that fit their type", () => {
    expect(issues({ name: "age", type: "integer", label: { en: "Age" }, maxLength: 3 })).toEqual([
      `: Unrecognized key: "maxLength"`,
    ]);
    expect(issues({ name: "age", type: "integer", label: { en: "Age" }, min: 10, max: 5 })).toEqual(["min: must not exceed max"]);
    expect(issues({ name: "code", type: "string", label: { en: "x" }, minLength: 9, maxLength: 8 })).toEqual([
      "minLength: must not exceed maxLength",
    ]);
    expect(issues({ name: "code", type: "string", label: { en: "x" }, pattern: "[0-9]+", format: "vat" })[0]).toMatch(
      /^pattern: a format already/,
    );
    expect(issues({ name: "code", type: "string", label: { en: "x" }, country: "SE" })).toEqual([
      "country: only means something with a format",
    ]);
    expect(issues({ name: "born", type: "date", label: { en: "x" }, min: "2000-02-30" })).toEqual(["min: a date as YYYY-MM-DD"]);
  });

  it("refuse a dangerous pattern at import", () => {
    expect(issues({ name: "code", type: "string", label: { en: "x" }, pattern: "(a+)+$" })[0]).toMatch(
      /^pattern: may take exponential time/,
    );
  });

  it("need options with unique values for choices", () => {
    expect(issues({ name: "diet", type: "singleChoice", label: { en: "x" }, options: [] })[0]).toMatch(/^options: /);
    expect(
      issues({
        name: "diet",
        type: "singleChoice",
        label: { en: "x" },
        options: [
          { value: "a", label: { en: "A" } },
          { value: "a", label: { en: "B" } },
        ],
      }),
    ).toEqual(['options.1.value: "a" is used twice']);
  });

  it("take texts only in Guestgate's languages", () => {
    expect(issues({ name: "diet", type: "boolean", label: { de: "Diät" } })[0]).toMatch(/^label/);
  });
});
