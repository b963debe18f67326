import { describe, expect, it } from "vitest";
import { buildAttributeSchema, parseAttributeSubmission } from "./attribute-schema";
import { demoFlow, SPARBANKEN_BANK, SPARBANKEN_BUSINESS, WOODGROVE_BUSINESS, WOODGROVE_SHOP } from "./test-fixtures";

const woodgrove = demoFlow("woodgrove");
const sparbanken = demoFlow("sparbanken");

const form = (fields: Record<string, string | string[]>) => {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) for (const v of [value].flat()) data.append(name, v);
  return data;
};
const anna = { displayName: "Anna", givenName: "Anna", surname: "de Vries", country: "nl", dietaryPreference: "vegan" };

describe("the attribute page schema built from a flow", () => {
  it("parses a form submission into normalised values", () => {
    const result = parseAttributeSubmission(woodgrove, form({ ...anna, givenName: "  Anna " }), { appId: WOODGROVE_SHOP });
    expect(result).toEqual({
      ok: true,
      values: { displayName: "Anna", givenName: "Anna", surname: "de Vries", country: "NL", dietaryPreference: "vegan" },
    });
  });

  it("reports every problem on its field as a message id with ICU context, never as words", () => {
    const result = parseAttributeSubmission(
      woodgrove,
      form({ displayName: "x".repeat(300), surname: "", country: "Holland", dietaryPreference: "paleo" }),
      {
        appId: WOODGROVE_SHOP,
      },
    );
    expect(result).toEqual({
      ok: false,
      problems: [
        { field: "displayName", message: { id: "attributes.errors.tooLong", context: { max: 256 } } },
        { field: "givenName", message: { id: "attributes.errors.required", context: {} } },
        { field: "surname", message: { id: "attributes.errors.required", context: {} } },
        { field: "country", message: { id: "attributes.errors.invalidCountry", context: {} } },
        { field: "dietaryPreference", message: { id: "attributes.errors.invalidOption", context: {} } },
      ],
    });
  });

  it("leaves optional attributes empty as null", () => {
    const result = parseAttributeSubmission(woodgrove, form({ ...anna, dietaryPreference: "" }), { appId: WOODGROVE_SHOP });
    expect(result).toMatchObject({ ok: true, values: { dietaryPreference: null } });
  });

  it("drops fields the flow does not ask for, privileged ones included", () => {
    const submitted = {
      ...anna,
      email: "someone-else@example.com",
      email_verified: "true",
      emailVerified: "true",
      userType: "Member",
      tenantId: "sparbanken",
      extension_role: "admin",
      jobTitle: "CEO",
      $ACTION_ID_abc123: "",
      __proto__: "x",
    };
    const result = parseAttributeSubmission(woodgrove, form(submitted), { appId: WOODGROVE_SHOP });
    expect(result.ok && Object.keys(result.values).sort()).toEqual([
      "country",
      "dietaryPreference",
      "displayName",
      "givenName",
      "surname",
    ]);
    // and the same through the bare zod schema, with a JSON body
    const parsed = buildAttributeSchema(woodgrove, { appId: WOODGROVE_SHOP }).parse(submitted);
    expect(parsed).not.toHaveProperty("email");
    expect(parsed).not.toHaveProperty("userType");
    expect(parsed).not.toHaveProperty("tenantId");
  });

  it("refuses a submission that is not an object, generically", () => {
    expect(parseAttributeSubmission(woodgrove, null as never, { appId: WOODGROVE_SHOP })).toEqual({
      ok: false,
      problems: [{ field: "", message: { id: "attributes.errors.invalid", context: {} } }],
    });
  });

  describe("per-app attribute sets", () => {
    it("asks the business app's guests for their company, and nobody else", () => {
      const business = parseAttributeSubmission(woodgrove, form({ ...anna, companyName: "De Vries Catering" }), {
        appId: WOODGROVE_BUSINESS,
      });
      expect(business).toMatchObject({ ok: true, values: { companyName: "De Vries Catering" } });
      const shop = parseAttributeSubmission(woodgrove, form({ ...anna, companyName: "De Vries Catering" }), {
        appId: WOODGROVE_SHOP,
      });
      expect(shop.ok && "companyName" in shop.values).toBe(false);
    });
  });

  describe("Sparbanken", () => {
    const eva = {
      givenName: "Eva",
      surname: "Lindqvist",
      phone: "070-123 45 67",
      postalCode: "90325",
      country: "SE",
      customerNumber: "",
    };

    it("reads a national phone number and postal code for the guest's country", () => {
      expect(parseAttributeSubmission(sparbanken, form(eva), { appId: SPARBANKEN_BANK })).toEqual({
        ok: true,
        values: {
          givenName: "Eva",
          surname: "Lindqvist",
          phone: "+46701234567",
          postalCode: "903 25",
          country: "SE",
          customerNumber: null,
        },
      });
    });

    it("reads them for the country picked on the same page, not the flow's default", () => {
      const result = parseAttributeSubmission(
        sparbanken,
        form({ ...eva, country: "NL", phone: "06 12345678", postalCode: "1012js" }),
        {
          appId: SPARBANKEN_BANK,
        },
      );
      expect(result).toMatchObject({ ok: true, values: { phone: "+31612345678", postalCode: "1012 JS", country: "NL" } });
    });

    it("names the country of a refused postal code in the page's language", () => {
      const result = parseAttributeSubmission(sparbanken, form({ ...eva, postalCode: "9032" }), {
        appId: SPARBANKEN_BANK,
        locale: "sv",
      });
      expect(result).toEqual({
        ok: false,
        problems: [
          {
            field: "postalCode",
            message: {
              id: "attributes.errors.invalidPostalCodeWithExample",
              context: { country: "Sverige", example: "123 45" },
            },
          },
        ],
      });
    });

    it("checks the customer number's pattern and the organisationsnummer's check digit", () => {
      const result = parseAttributeSubmission(
        sparbanken,
        form({ ...eva, customerNumber: "1234567X", organisationNumber: "556016-0681" }),
        {
          appId: SPARBANKEN_BUSINESS,
          locale: "en",
        },
      );
      expect(result).toEqual({
        ok: false,
        problems: [
          { field: "customerNumber", message: { id: "attributes.errors.patternDigits", context: { count: 8 } } },
          {
            field: "organisationNumber",
            message: { id: "attributes.errors.invalidBusinessRegistrationForCountry", context: { country: "Sweden" } },
          },
        ],
      });
      const fixed = parseAttributeSubmission(
        sparbanken,
        form({ ...eva, customerNumber: "12345678", organisationNumber: "556016-0680" }),
        {
          appId: SPARBANKEN_BUSINESS,
        },
      );
      expect(fixed).toMatchObject({ ok: true, values: { customerNumber: "12345678", organisationNumber: "5560160680" } });
    });
  });

  describe("progressive profiling: only the missing attributes", () => {
    it("asks only for what is missing, reading the phone for the country the guest gave before", () => {
      const options = { appId: SPARBANKEN_BANK, onlyMissing: ["phone"], storedValues: { country: "NL" } };
      expect(parseAttributeSubmission(sparbanken, form({ phone: "06 12345678", givenName: "Mallory" }), options)).toEqual({
        ok: true,
        values: { phone: "+31612345678" },
      });
    });
  });
});
