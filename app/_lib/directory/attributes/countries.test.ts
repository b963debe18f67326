import { describe, expect, it } from "vitest";
import { COUNTRY_CODES, countryName, countryOptions, isCountryCode, normalizeCountryCode } from "./countries";

describe("ISO 3166-1 countries", () => {
  it("has the standard's 249 alpha-2 codes, without user-assigned ones", () => {
    expect(COUNTRY_CODES).toHaveLength(249);
    expect(new Set(COUNTRY_CODES).size).toBe(249);
    expect(COUNTRY_CODES.every((code) => /^[A-Z]{2}$/.test(code))).toBe(true);
    expect(COUNTRY_CODES).toEqual(expect.arrayContaining(["NL", "SE", "FR", "BE", "AX", "GB", "US", "SS", "BQ"]));
    expect(isCountryCode("XK")).toBe(false);
    expect(isCountryCode("UK")).toBe(false); // the ISO code is GB
  });

  it("normalises what a guest or a form sends", () => {
    expect(normalizeCountryCode(" se ")).toBe("SE");
    expect(normalizeCountryCode("Sweden")).toBeUndefined();
    expect(normalizeCountryCode("ZZ")).toBeUndefined();
  });

  it("names every country in each of Guestgate's languages, sorted as that language sorts", () => {
    for (const locale of ["en", "nl", "sv", "fr"]) {
      const list = countryOptions(locale);
      expect(list).toHaveLength(249);
      // Intl knows every code: no name fell back to the bare code
      expect(list.filter((c) => c.name === c.code)).toEqual([]);
      const collator = new Intl.Collator(locale);
      expect(list.every((c, i) => i === 0 || collator.compare(list[i - 1]!.name, c.name) <= 0)).toBe(true);
    }
    expect(countryOptions("nl").find((c) => c.code === "SE")?.name).toBe("Zweden");
    expect(countryOptions("fr").find((c) => c.code === "NL")?.name).toBe("Pays-Bas");
  });

  it("sorts Swedish names the Swedish way: Å, Ä, Ö come after Z", () => {
    const names = countryOptions("sv").map((c) => c.name);
    expect(names.indexOf("Österrike")).toBeGreaterThan(names.indexOf("Zambia"));
    expect(names.indexOf("Åland")).toBeGreaterThan(names.indexOf("Zambia"));
  });

  it("names one country for messages", () => {
    expect(countryName("SE", "sv")).toBe("Sverige");
    expect(countryName("SE", "en")).toBe("Sweden");
  });
});
