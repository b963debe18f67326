import { describe, expect, it } from "vitest";
import { missingRequiredAttributes } from "./progressive";
import { demoFlow, SPARBANKEN_BANK, WOODGROVE_SHOP } from "./test-fixtures";
import type { UserFlow } from "./types";

const sparbanken = demoFlow("sparbanken");

describe("progressive profiling", () => {
  it("lets a guest with every required value straight through", () => {
    const stored = { givenName: "Eva", surname: "Lindqvist", phone: "+46701234567", postalCode: "903 25", country: "SE" };
    expect(missingRequiredAttributes(sparbanken, SPARBANKEN_BANK, stored)).toEqual([]);
  });

  it("names the required attributes a flow gained since the guest signed up, in the flow's order", () => {
    expect(
      missingRequiredAttributes(sparbanken, SPARBANKEN_BANK, { givenName: "Eva", surname: "Lindqvist", country: "SE" }),
    ).toEqual(["phone", "postalCode"]);
  });

  it("counts empty strings, empty lists and unticked required boxes as missing; optional ones never", () => {
    const flow: UserFlow = {
      ...sparbanken,
      attributes: [
        ...sparbanken.attributes,
        {
          required: true,
          definition: { name: "terms", kind: "custom", source: "user", type: "boolean", claim: { name: "extension_terms" } },
        },
      ],
    };
    const stored = {
      givenName: " ",
      surname: "Lindqvist",
      phone: "+46701234567",
      postalCode: "903 25",
      country: "SE",
      terms: false,
    };
    expect(missingRequiredAttributes(flow, SPARBANKEN_BANK, stored)).toEqual(["givenName", "terms"]);
  });

  it("ignores attributes of other apps and identity attributes", () => {
    const woodgrove = demoFlow("woodgrove");
    expect(missingRequiredAttributes(woodgrove, WOODGROVE_SHOP, {})).toEqual(["displayName", "givenName", "surname", "country"]);
  });
});
