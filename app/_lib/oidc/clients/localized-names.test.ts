import { describe, expect, it } from "vitest";
import { applicationNameFor, localizedNamesProblems, normaliseLocalizedNames, parseLocalizedNames } from "./localized-names";

describe("an application's names per language", () => {
  const app = { name: "Woodgrove demo", localizedDisplayNames: { nl: "Woodgrove-demo", sv: "Woodgrove – demo" } };

  it("name the application in the page's language, and fall back to the display name", () => {
    expect(applicationNameFor(app, "nl")).toBe("Woodgrove-demo");
    expect(applicationNameFor(app, "sv")).toBe("Woodgrove – demo");
    expect(applicationNameFor(app, "fr")).toBe("Woodgrove demo");
    expect(applicationNameFor({ name: "Only" }, "nl")).toBe("Only");
  });

  it("take the page languages only, each 1–100 characters, naming the key at fault", () => {
    expect(localizedNamesProblems({ nl: "Naam", fr: "Nom" })).toEqual([]);
    expect(localizedNamesProblems({ de: "Name" })).toEqual(["localizedDisplayNames.de: not a page language (en, nl, sv, fr)"]);
    expect(localizedNamesProblems({ nl: " " })).toEqual(["localizedDisplayNames.nl: 1–100 characters"]);
    expect(localizedNamesProblems({ sv: "x".repeat(101) }, "guestgateLocalizedDisplayNames")).toEqual([
      "guestgateLocalizedDisplayNames.sv: 1–100 characters",
    ]);
  });

  it("are stored trimmed in a fixed order, and a damaged column reads as none", () => {
    expect(JSON.stringify(normaliseLocalizedNames({ sv: " Namn ", nl: "Naam" }))).toBe('{"nl":"Naam","sv":"Namn"}');
    expect(parseLocalizedNames('{"fr":"Nom","xx":"?","nl":3}')).toEqual({ fr: "Nom" });
    expect(parseLocalizedNames("[1]")).toEqual({});
    expect(parseLocalizedNames("not json")).toEqual({});
    expect(parseLocalizedNames(null)).toEqual({});
  });
});
