import { describe, expect, it } from "vitest";
import { termsClaims, tokenClaimsFor } from "./token-claims";
import { demoFlow } from "./test-fixtures";

describe("ID-token claims from a flow", () => {
  it("use OIDC claim names, extension_ for custom attributes, and leave empty values out", () => {
    const claims = tokenClaimsFor(demoFlow("woodgrove"), {
      displayName: "Anna de Vries",
      givenName: "Anna",
      surname: "de Vries",
      email: "anna@example.nl",
      companyName: null,
      country: "NL",
      dietaryPreference: "vegan",
    });
    expect(claims).toEqual({
      name: "Anna de Vries",
      given_name: "Anna",
      family_name: "de Vries",
      email: "anna@example.nl",
      country: "NL",
      extension_dietaryPreference: "vegan",
    });
  });

  it("gather address parts into the OIDC address object, with the country", () => {
    const claims = tokenClaimsFor(demoFlow("sparbanken"), {
      givenName: "Eva",
      phone: "+46701234567",
      postalCode: "903 25",
      country: "SE",
      organisationNumber: "5560160680",
    });
    expect(claims).toEqual({
      given_name: "Eva",
      phone_number: "+46701234567",
      country: "SE",
      address: { postal_code: "903 25", country: "SE" },
      extension_organisationNumber: "5560160680",
    });
  });

  it("release only the claims the flow selects", () => {
    const flow = { ...demoFlow("woodgrove"), tokenClaims: ["givenName"] };
    expect(tokenClaimsFor(flow, { givenName: "Anna", surname: "de Vries", dietaryPreference: "vegan" })).toEqual({
      given_name: "Anna",
    });
  });
});

describe("the terms claim", () => {
  const terms = { version: "2026-12", termsUrl: { en: "https://a.example/t" }, privacyUrl: { en: "https://a.example/p" } };
  it("carries the accepted version for a flow with terms, and nothing otherwise", () => {
    expect(termsClaims({ termsAcceptance: terms }, "2026-11")).toEqual({ terms_version: "2026-11" });
    expect(termsClaims({ termsAcceptance: terms }, null)).toEqual({});
    expect(termsClaims({}, "2026-11")).toEqual({});
  });
});
