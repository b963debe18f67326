import { describe, expect, it } from "vitest";
import { BUILT_IN_ATTRIBUTE_NAMES, BUILT_IN_ATTRIBUTES, builtInAttribute } from "./built-in";

describe("built-in attributes", () => {
  it("are the Entra user-flow attributes", () => {
    expect(BUILT_IN_ATTRIBUTE_NAMES).toEqual([
      "displayName",
      "givenName",
      "surname",
      "email",
      "jobTitle",
      "companyName",
      "streetAddress",
      "city",
      "state",
      "postalCode",
      "country",
      "phone",
    ]);
  });

  it("use OIDC standard claims where one exists, Entra's names otherwise", () => {
    const claims = Object.fromEntries(
      [...BUILT_IN_ATTRIBUTES].map(([name, d]) => [name, d.claim.member ? `${d.claim.name}.${d.claim.member}` : d.claim.name]),
    );
    expect(claims).toEqual({
      displayName: "name",
      givenName: "given_name",
      surname: "family_name",
      email: "email",
      jobTitle: "jobTitle",
      companyName: "companyName",
      streetAddress: "address.street_address",
      city: "address.locality",
      state: "address.region",
      postalCode: "address.postal_code",
      country: "country",
      phone: "phone_number",
    });
  });

  it("take email from the identity, never from the form", () => {
    expect(builtInAttribute("email").source).toBe("identity");
    expect([...BUILT_IN_ATTRIBUTES.values()].filter((d) => d.source === "identity").map((d) => d.name)).toEqual(["email"]);
  });

  it("carry an HTML autocomplete token each, and a maximum length where text is typed", () => {
    for (const definition of BUILT_IN_ATTRIBUTES.values()) {
      expect(definition.autocomplete, definition.name).toMatch(/^[a-z0-9-]+$/);
      if (definition.format !== "country") expect(definition.maxLength, definition.name).toBeGreaterThan(0);
    }
  });
});
