import { describe, expect, it } from "vitest";
import { builtInAttribute } from "./built-in";
import { parseAttributeValue } from "./parse-value";
import type { AttributeDefinition } from "./types";

const custom = (definition: Partial<AttributeDefinition> & Pick<AttributeDefinition, "type">): AttributeDefinition => ({
  name: "test",
  kind: "custom",
  source: "user",
  claim: { name: "extension_test" },
  ...definition,
});
const error = (code: string, context: object = {}) => ({ ok: false, message: { id: `attributes.errors.${code}`, context } });
const value = (v: unknown) => ({ ok: true, value: v });

describe("attribute values", () => {
  describe("strings", () => {
    const givenName = builtInAttribute("givenName");

    it("are trimmed and NFC-normalised", () => {
      expect(parseAttributeValue(givenName, "  Ånna ", true)).toEqual(value("Ånna"));
      expect(parseAttributeValue(givenName, "Zoe\u0301", true)).toEqual(value("Zoé"));
    });
    it("are required or empty (null)", () => {
      expect(parseAttributeValue(givenName, "   ", true)).toEqual(error("required"));
      expect(parseAttributeValue(givenName, undefined, true)).toEqual(error("required"));
      expect(parseAttributeValue(givenName, "", false)).toEqual(value(null));
    });
    it("keep to their lengths", () => {
      expect(parseAttributeValue(givenName, "x".repeat(65), true)).toEqual(error("tooLong", { max: 64 }));
      expect(parseAttributeValue(custom({ type: "string", minLength: 3 }), "ab", true)).toEqual(error("tooShort", { min: 3 }));
    });
    it("refuse control characters and lists", () => {
      expect(parseAttributeValue(givenName, "Anna\u0000", true)).toEqual(error("invalid"));
      expect(parseAttributeValue(givenName, "Anna\nDrop", true)).toEqual(error("invalid"));
      expect(parseAttributeValue(givenName, ["Anna", "Bo"], true)).toEqual(error("invalid"));
      expect(parseAttributeValue(givenName, { toString: () => "Anna" }, true)).toEqual(error("invalid"));
    });
    it.each([
      ["a right-to-left override (U+202E)", "Ann\u202egnp.exe"],
      ["a left-to-right embedding (U+202A)", "\u202aAnn"],
      ["a pop (U+202C)", "Ann\u202c"],
      ["a first-strong isolate (U+2068)", "Ann\u2068x\u2069"],
      ["a right-to-left isolate (U+2067)", "\u2067Ann"],
      ["a zero-width space (U+200B)", "Ad\u200bmin"],
      ["a zero-width joiner (U+200D)", "Ann\u200d"],
      ["a right-to-left mark (U+200F)", "Ann\u200f"],
      ["a word joiner (U+2060)", "Ann\u2060"],
      ["a byte order mark inside (U+FEFF; trim drops it at the ends)", "An\ufeffn"],
      ["an Arabic letter mark (U+061C)", "Ann\u061c"],
      ["a tag character (U+E0041)", "Ann\u{e0041}"],
    ])("refuse %s with a message of their own", (_, text) => {
      expect(parseAttributeValue(givenName, text, true)).toEqual(error("invisibleCharacters"));
      expect(parseAttributeValue(builtInAttribute("displayName"), text, true)).toEqual(error("invisibleCharacters"));
      expect(parseAttributeValue(custom({ type: "string" }), text, false)).toEqual(error("invisibleCharacters"));
    });
    it("keep visible scripts, accents and emoji", () => {
      expect(parseAttributeValue(givenName, "Zoë", true)).toEqual(value("Zoë"));
      expect(parseAttributeValue(givenName, "مريم", true)).toEqual(value("مريم"));
      expect(parseAttributeValue(givenName, "Ann 😀", true)).toEqual(value("Ann 😀"));
      expect(parseAttributeValue(givenName, "Ann 👩\u200d💻", true)).toEqual(value("Ann 👩\u200d💻"));
    });
    it("match an administrator's pattern", () => {
      const customerNumber = custom({ type: "string", pattern: "[0-9]{8}", maxLength: 8 });
      expect(parseAttributeValue(customerNumber, " 12345678 ", true)).toEqual(value("12345678"));
      expect(parseAttributeValue(customerNumber, "1234567A", true)).toEqual(error("patternDigits", { count: 8 }));
    });
    it("say a pattern's rule when it is a count of digits, else point at the help text", () => {
      expect(parseAttributeValue(custom({ type: "string", pattern: "\\d{6}" }), "12", true)).toEqual(
        error("patternDigits", { count: 6 }),
      );
      expect(parseAttributeValue(custom({ type: "string", pattern: "[A-Z]{2}[0-9]{4}" }), "12", true)).toEqual(error("pattern"));
    });
  });

  describe("business formats", () => {
    it("store a phone number in E.164, read in the guest's country", () => {
      expect(parseAttributeValue(builtInAttribute("phone"), "070-123 45 67", true, { country: "SE" })).toEqual(
        value("+46701234567"),
      );
      expect(parseAttributeValue(builtInAttribute("phone"), "070-123", true, { country: "SE", locale: "sv" })).toEqual(
        error("invalidPhoneForCountry", { country: "Sverige", example: "070-123 45 67" }),
      );
      expect(parseAttributeValue(builtInAttribute("phone"), "12345", true)).toEqual(error("invalidPhone"));
    });
    it("store a country as its upper-case code", () => {
      expect(parseAttributeValue(builtInAttribute("country"), "nl", true)).toEqual(value("NL"));
      expect(parseAttributeValue(builtInAttribute("country"), "XK", true)).toEqual(error("invalidCountry"));
      expect(parseAttributeValue(builtInAttribute("country"), "", true)).toEqual(error("requiredChoice"));
    });
    it("name the country and its expected form in a postal code problem, in the page's language", () => {
      const postalCode = builtInAttribute("postalCode");
      expect(parseAttributeValue(postalCode, "1012js", true, { country: "NL" })).toEqual(value("1012 JS"));
      expect(parseAttributeValue(postalCode, "1234", true, { country: "SE", locale: "sv" })).toEqual(
        error("invalidPostalCodeWithExample", { country: "Sverige", example: "123 45" }),
      );
      expect(parseAttributeValue(postalCode, "1234", true, { country: "NL", locale: "nl" })).toEqual(
        error("invalidPostalCodeWithExample", { country: "Nederland", example: "1234 AB" }),
      );
      // Austria's pattern has a look-ahead the example writer does not follow: no example rather than a wrong one.
      expect(parseAttributeValue(postalCode, "12", true, { country: "AT" })).toEqual(
        error("invalidPostalCodeForCountry", { country: "AT" }),
      );
      expect(parseAttributeValue(postalCode, "#", true)).toEqual(error("invalidPostalCode"));
    });
    it("hold a pinned country over the guest's", () => {
      const orgnr = custom({ type: "string", format: "businessRegistration", country: "SE" });
      expect(parseAttributeValue(orgnr, "556016-0680", false, { country: "NL" })).toEqual(value("5560160680"));
      expect(parseAttributeValue(orgnr, "17001910", false, { country: "NL", locale: "en" })).toEqual(
        error("invalidBusinessRegistrationForCountry", { country: "Sweden" }),
      );
      const vat = custom({ type: "string", format: "vat" });
      expect(parseAttributeValue(vat, "004495445B01", false, { country: "NL" })).toEqual(value("NL004495445B01"));
      expect(parseAttributeValue(vat, "NL004495446B01", false)).toEqual(error("invalidVat"));
    });
  });

  describe("integers", () => {
    const age = custom({ type: "integer", min: 18, max: 130 });
    it("are whole decimal numbers within bounds", () => {
      expect(parseAttributeValue(age, "42", true)).toEqual(value(42));
      expect(parseAttributeValue(age, 42, true)).toEqual(value(42));
      expect(parseAttributeValue(age, "17", true)).toEqual(error("tooSmall", { min: 18 }));
      expect(parseAttributeValue(age, "131", true)).toEqual(error("tooLarge", { max: 130 }));
    });
    it.each(["4.2", "1e3", "0x10", "forty", "12 000", "9".repeat(16)])("refuse %j", (input) => {
      expect(parseAttributeValue(age, input, true)).toEqual(error("notANumber"));
    });
  });

  describe("booleans", () => {
    const consent = custom({ type: "boolean" });
    it("read checkbox semantics: 'on' when ticked, nothing when not", () => {
      expect(parseAttributeValue(consent, "on", false)).toEqual(value(true));
      expect(parseAttributeValue(consent, undefined, false)).toEqual(value(false));
      expect(parseAttributeValue(consent, true, true)).toEqual(value(true));
    });
    it("must be ticked when required", () => {
      expect(parseAttributeValue(consent, undefined, true)).toEqual(error("mustBeChecked"));
      expect(parseAttributeValue(consent, "false", true)).toEqual(error("mustBeChecked"));
      expect(parseAttributeValue(consent, "maybe", false)).toEqual(error("invalid"));
    });
  });

  describe("dates", () => {
    const birthDate = custom({ type: "date", min: "1900-01-01", max: "2010-12-31" });
    it("are real calendar days as YYYY-MM-DD", () => {
      expect(parseAttributeValue(birthDate, "2000-02-29", true)).toEqual(value("2000-02-29"));
      expect(parseAttributeValue(birthDate, "1999-02-29", true)).toEqual(error("invalidDate"));
      expect(parseAttributeValue(birthDate, "2000-13-01", true)).toEqual(error("invalidDate"));
      expect(parseAttributeValue(birthDate, "01/02/2000", true)).toEqual(error("invalidDate"));
    });
    it("keep to their bounds, written in the page's language", () => {
      expect(parseAttributeValue(birthDate, "1899-12-31", true)).toEqual(error("tooEarly", { min: "1900-01-01" }));
      expect(parseAttributeValue(birthDate, "2011-01-01", true, { locale: "nl" })).toEqual(
        error("tooLate", { max: "31 december 2010" }),
      );
    });
  });

  describe("choices", () => {
    const options = [{ value: "vegan" }, { value: "halal" }, { value: "kosher" }];
    it("single: one of the options", () => {
      const diet = custom({ type: "singleChoice", options });
      expect(parseAttributeValue(diet, "halal", true)).toEqual(value("halal"));
      expect(parseAttributeValue(diet, "pizza", true)).toEqual(error("invalidOption"));
      expect(parseAttributeValue(diet, "", true)).toEqual(error("requiredChoice"));
    });
    it("multiple: a list of options, de-duplicated, in the definition's order", () => {
      const diets = custom({ type: "multipleChoice", options });
      expect(parseAttributeValue(diets, ["kosher", "vegan", "kosher"], true)).toEqual(value(["vegan", "kosher"]));
      expect(parseAttributeValue(diets, "halal", true)).toEqual(value(["halal"]));
      expect(parseAttributeValue(diets, [], true)).toEqual(error("requiredChoice"));
      expect(parseAttributeValue(diets, undefined, false)).toEqual(value(null));
      expect(parseAttributeValue(diets, ["vegan", "pizza"], true)).toEqual(error("invalidOption"));
      expect(parseAttributeValue(diets, Array(100).fill("vegan"), true)).toEqual(error("invalid"));
    });
  });
});
