import { describe, expect, it } from "vitest";
import { normalizePostalCode } from "./postal-code";

describe("postal codes by country", () => {
  it.each([
    ["1012 JS", "NL", "1012 JS"], // Amsterdam, Dam
    ["1012js", "NL", "1012 JS"],
    ["111 52", "SE", "111 52"], // Stockholm
    ["11152", "SE", "111 52"],
    ["SE-111 52", "SE", "111 52"],
    ["75008", "FR", "75008"],
    ["75 008", "FR", "75008"],
    ["1000", "BE", "1000"],
    ["10115", "DE", "10115"],
    ["SW1A 1AA", "GB", "SW1A 1AA"], // Buckingham Palace
    ["sw1a1aa", "GB", "SW1A 1AA"],
    ["EC1A 1BB", "GB", "EC1A 1BB"],
    ["K1A 0B1", "CA", "K1A 0B1"], // Canada Post, Ottawa
    ["k1a0b1", "CA", "K1A 0B1"],
    ["20500", "US", "20500"], // the White House
    ["20500-0003", "US", "20500-0003"],
    ["2000", "AU", "2000"], // Sydney
    ["D02 AF30", "IE", "D02 AF30"], // an Eircode
    ["00100", "FI", "00100"],
    ["1050-001", "PT", "1050-001"],
  ])("accepts %s in %s as %s", (input, country, expected) => {
    expect(normalizePostalCode(input, country)).toBe(expected);
  });

  it.each([
    ["0123 AB", "NL"], // Dutch codes start at 1000
    ["1012 J", "NL"],
    ["1234", "SE"],
    ["7500", "FR"],
    ["12345", "BE"],
    ["1234", "DE"],
    ["SW1A", "GB"],
    ["D1A 0B1", "CA"], // D is never the first letter of a Canadian code
    ["2050", "US"],
    ["", "NL"],
  ])("refuses %j in %s", (input, country) => {
    expect(normalizePostalCode(input, country)).toBeUndefined();
  });

  it("checks only the shape for countries without a known format, and when no country is given", () => {
    expect(normalizePostalCode("ab-12 3", "AO")).toBe("AB-12 3");
    expect(normalizePostalCode("12345")).toBe("12345");
    expect(normalizePostalCode("12 345 678 901 234")).toBeUndefined();
    expect(normalizePostalCode("<script>")).toBeUndefined();
  });
});
