import { describe, expect, it } from "vitest";
import { BUSINESS_REGISTRATION_COUNTRIES, normalizeBusinessRegistration } from "./business-registration";

// Registration numbers of listed companies, from the public registers (Bolagsverket, INSEE, KBO/BCE, KvK).
describe("business registration codes", () => {
  it.each([
    ["556016-0680", "SE", "5560160680"], // organisationsnummer, Luhn
    ["556012-5790", "SE", "5560125790"],
    ["5567037485", "SE", "5567037485"],
    ["552 032 534", "FR", "552032534"], // SIREN, Luhn
    ["632 012 100", "FR", "632012100"],
    ["542 051 180", "FR", "542051180"],
    ["732 829 320 00074", "FR", "73282932000074"], // a SIRET (SIREN + establishment)
    ["0202.239.951", "BE", "0202239951"], // KBO/BCE enterprise number, mod 97
    ["0417.497.106", "BE", "0417497106"],
    ["0403.227.515", "BE", "0403227515"],
    ["17001910", "NL", "17001910"], // KvK-nummer: eight digits
    ["HRB 86891", "DE", "HRB86891"], // Handelsregister Abteilung B
    ["995 525 828", "NO", "995525828"], // organisasjonsnummer, mod 11
    ["2077474-0", "FI", "20774740"], // Y-tunnus
    ["SC083026", "GB", "SC083026"], // Companies House, Scotland
    ["00102498", "GB", "00102498"],
    ["51 824 753 556", "AU", "51824753556"], // ABN
  ])("accepts %s in %s as %s", (input, country, expected) => {
    expect(normalizeBusinessRegistration(input, country)).toBe(expected);
  });

  it.each([
    ["556016-0681", "SE"], // Luhn fails
    ["55601606", "SE"],
    ["552 032 535", "FR"],
    ["0202.239.952", "BE"],
    ["1700191", "NL"], // seven digits
    ["1700191A", "NL"],
    ["12345", "DE"],
    ["", "SE"],
  ])("refuses %j in %s", (input, country) => {
    expect(normalizeBusinessRegistration(input, country)).toBeUndefined();
  });

  it("checks only the shape in countries without a known scheme, and without a country", () => {
    expect(normalizeBusinessRegistration("RCS 123-456", "LU")).toBe("RCS123456");
    expect(normalizeBusinessRegistration("AB 12")).toBe("AB12");
    expect(normalizeBusinessRegistration("#!")).toBeUndefined();
  });

  it("never throws on odd input", () => {
    for (const country of BUSINESS_REGISTRATION_COUNTRIES)
      for (const input of ["0", "A", "HRB", "000000000000000000000000000000", "ÅÄÖ"])
        expect(() => normalizeBusinessRegistration(input, country)).not.toThrow();
  });
});
