import { describe, expect, it } from "vitest";
import { hintAttributesFor } from "./hints";
import { demoFlow, SPARBANKEN_BANK, SPARBANKEN_BUSINESS, WOODGROVE_BUSINESS, WOODGROVE_SHOP } from "./test-fixtures";

const woodgrove = demoFlow("woodgrove");
const sparbanken = demoFlow("sparbanken");

describe("browser hints for the attribute page", () => {
  it("give each field its control, constraints and autofill token", () => {
    const hints = hintAttributesFor(sparbanken, { appId: SPARBANKEN_BANK, locale: "sv" });
    expect(hints.map((h) => h.name)).toEqual(["givenName", "surname", "phone", "postalCode", "country", "customerNumber"]);
    expect(hints[0]).toMatchObject({
      control: "input",
      type: "text",
      required: true,
      maxLength: 64,
      autocomplete: "given-name",
      label: { id: "attributes.labels.givenName" },
    });
    expect(hints[2]).toMatchObject({
      control: "input",
      type: "tel",
      inputMode: "tel",
      autocomplete: "tel",
      required: true,
      help: { id: "attributes.help.phone" },
    });
    expect(hints[3]).toMatchObject({ autocomplete: "postal-code", maxLength: 40 });
    expect(hints[5]).toMatchObject({ pattern: "[0-9]{8}", maxLength: 8, required: false, label: { text: "Kundnummer" } });
  });

  it("give a digits-only pattern the digit keyboard, and start the country at the flow's default", () => {
    const hints = hintAttributesFor(sparbanken, { appId: SPARBANKEN_BANK, locale: "sv" });
    expect(hints.find((h) => h.name === "customerNumber")).toMatchObject({ inputMode: "numeric" });
    expect(hints.find((h) => h.name === "country")).toMatchObject({ control: "select", suggested: "SE" });
    expect(hints.find((h) => h.name === "givenName")?.inputMode).toBeUndefined();
    const withoutDefault = hintAttributesFor({ ...sparbanken, defaultCountry: undefined }, { appId: SPARBANKEN_BANK });
    expect(withoutDefault.find((h) => h.name === "country")?.suggested).toBeUndefined();
  });

  it("offer the countries by name in the page's language", () => {
    const country = hintAttributesFor(sparbanken, { appId: SPARBANKEN_BANK, locale: "sv" }).find((h) => h.name === "country")!;
    expect(country).toMatchObject({ control: "select", autocomplete: "country", required: true });
    expect(country.options).toHaveLength(249);
    expect(country.options).toContainEqual({ value: "SE", label: { text: "Sverige" } });
  });

  it("label custom attributes and their options in the page's language", () => {
    const diet = hintAttributesFor(woodgrove, { appId: WOODGROVE_SHOP, locale: "nl" }).find(
      (h) => h.name === "dietaryPreference",
    )!;
    expect(diet).toMatchObject({
      control: "radio",
      label: { text: "Voedingsvoorkeur" },
      help: { text: expect.stringMatching(/^Zo tonen we u/) },
    });
    expect(diet.options?.map((o) => o.label)).toEqual([
      { text: "Geen" },
      { text: "Vegetarisch" },
      { text: "Veganistisch" },
      { text: "Halal" },
      { text: "Koosjer" },
    ]);
  });

  it("use the flow's override instead of the message where it has one", () => {
    const company = (locale: string) =>
      hintAttributesFor(woodgrove, { appId: WOODGROVE_BUSINESS, locale }).find((h) => h.name === "companyName")!;
    expect(company("nl").label).toEqual({ text: "Bedrijfsnaam (voor zakelijke bestellingen)" });
    expect(company("fr").label).toEqual({ id: "attributes.labels.companyName" });
  });

  it("show per-app attributes to their apps only", () => {
    expect(hintAttributesFor(sparbanken, { appId: SPARBANKEN_BANK }).some((h) => h.name === "organisationNumber")).toBe(false);
    expect(
      hintAttributesFor(sparbanken, { appId: SPARBANKEN_BUSINESS }).find((h) => h.name === "organisationNumber"),
    ).toMatchObject({
      control: "input",
      type: "text",
      required: false,
    });
  });
});
