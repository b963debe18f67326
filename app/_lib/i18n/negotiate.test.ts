import { describe, expect, it } from "vitest";
import { negotiateLocale, parseAcceptLanguage } from "./negotiate";

const woodgrove = ["nl", "en"] as const;

describe("page language: ui_locales → cookie → Accept-Language → tenant default", () => {
  it("takes the first ui_locales tag the tenant has (OIDC Core §3.1.2.1)", () => {
    expect(negotiateLocale({ uiLocales: "de-DE en-GB nl", cookie: "nl", acceptLanguage: "nl" }, woodgrove, "nl")).toBe("en");
  });
  it("falls back to the cookie when ui_locales has nothing usable", () => {
    expect(negotiateLocale({ uiLocales: "de", cookie: "en", acceptLanguage: "nl" }, woodgrove, "nl")).toBe("en");
  });
  it("ignores a cookie for a language the tenant does not offer", () => {
    expect(negotiateLocale({ cookie: "sv", acceptLanguage: "en;q=0.5, de" }, woodgrove, "nl")).toBe("en");
  });
  it("orders Accept-Language by q-value and skips q=0", () => {
    expect(negotiateLocale({ acceptLanguage: "en;q=0, fr;q=0.4, nl-BE;q=0.8" }, woodgrove, "en")).toBe("nl");
  });
  it("uses the tenant default when nothing matches", () => {
    expect(negotiateLocale({ uiLocales: "", cookie: "", acceptLanguage: "*" }, woodgrove, "nl")).toBe("nl");
  });
  it("survives garbage", () => {
    expect(negotiateLocale({ uiLocales: "\u0000;;", cookie: "../../etc", acceptLanguage: ";q=abc,,," }, ["sv", "en"], "sv")).toBe(
      "sv",
    );
  });
});

describe("Accept-Language (RFC 9110 §12.5.4)", () => {
  it("keeps the header's order among equal weights", () => {
    expect(parseAcceptLanguage("fr-CH, fr;q=0.9, en;q=0.8, de;q=0.7, *;q=0.5")).toEqual(["fr-CH", "fr", "en", "de"]);
  });
});
