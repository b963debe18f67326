import { describe, expect, it } from "vitest";
import { normalizeVatNumber, VAT_PREFIXES } from "./vat";

// Public VAT numbers of registered companies (as printed on their invoices and websites).
describe("EU VAT numbers: format and check digits", () => {
  it.each([
    ["NL004495445B01", "NL004495445B01"], // btw-id, 11-test on the first nine digits
    ["nl 0044.95.445.b01", "NL004495445B01"],
    ["NL001272457B01", "NL001272457B01"],
    ["BE0202.239.951", "BE0202239951"], // mod 97 of the enterprise number
    ["BE 0417.497.106", "BE0417497106"],
    ["DE136695976", "DE136695976"], // ISO 7064 MOD 11,10
    ["DE 143 454 214", "DE143454214"],
    ["FR40303265045", "FR40303265045"], // key = (12 + 3 × (SIREN mod 97)) mod 97
    ["FR 27 552 032 534", "FR27552032534"],
    ["SE556016068001", "SE556016068001"], // Luhn on the organisationsnummer + "01"
    ["SE 556016-0680 01", "SE556016068001"],
    ["EL094014201", "EL094014201"], // Greece uses EL, not GR
    ["ATU13585627", "ATU13585627"],
    ["CHE-107.787.577 IVA", "CHE107787577IVA"],
    ["GB980780684", "GB980780684"],
  ])("accepts %s as %s", (input, expected) => {
    expect(normalizeVatNumber(input)).toBe(expected);
  });

  it.each([
    "NL004495446B01", // 11-test fails
    "BE0202239952", // mod 97 fails
    "DE136695978",
    "FR00552032534", // wrong key
    "SE556016068101", // Luhn fails
    "US123456789", // no VAT in the US
    "NL",
    "",
    "XX123",
  ])("refuses %j", (input) => {
    expect(normalizeVatNumber(input)).toBeUndefined();
  });

  it("adds the guest's country as prefix when they typed the number without it", () => {
    expect(normalizeVatNumber("004495445B01", { country: "NL" })).toBe("NL004495445B01");
    expect(normalizeVatNumber("094014201", { country: "GR" })).toBe("EL094014201");
    expect(normalizeVatNumber("004495445B01")).toBeUndefined();
    // a typed prefix wins over the guest's country: a Dutch resident may run a Belgian company
    expect(normalizeVatNumber("BE0202239951", { country: "NL" })).toBe("BE0202239951");
  });

  it("accepts only the pinned country's numbers when the attribute pins one", () => {
    expect(normalizeVatNumber("556016068001", { onlyCountry: "SE" })).toBe("SE556016068001");
    expect(normalizeVatNumber("NL004495445B01", { onlyCountry: "SE" })).toBeUndefined();
  });

  it("covers every EU member state", () => {
    const eu = [
      "AT",
      "BE",
      "BG",
      "CY",
      "CZ",
      "DE",
      "DK",
      "EE",
      "EL",
      "ES",
      "FI",
      "FR",
      "HR",
      "HU",
      "IE",
      "IT",
      "LT",
      "LU",
      "LV",
      "MT",
      "NL",
      "PL",
      "PT",
      "RO",
      "SE",
      "SI",
      "SK",
    ];
    expect(VAT_PREFIXES).toEqual(expect.arrayContaining(eu));
  });

  it("never throws, whatever follows a known prefix", () => {
    for (const prefix of VAT_PREFIXES)
      for (const rest of ["", "0", "B01", "ABCDEFGHIJKL", "000000000000000000"])
        expect(() => normalizeVatNumber(prefix + rest)).not.toThrow();
  });
});
