import { describe, expect, it } from "vitest";
import { validReturnTo, validReturnUrl } from "./return-to";

describe("validReturnTo (no open redirect, RFC 9700 §4.11)", () => {
  it("accepts a local path of the tenant, query included", () => {
    expect(validReturnTo("woodgrove", "/woodgrove/journey/abc/federated")).toBe("/woodgrove/journey/abc/federated");
    expect(validReturnTo("woodgrove", "/woodgrove/journey/abc?step=2")).toBe("/woodgrove/journey/abc?step=2");
    expect(validReturnTo("woodgrove", "/woodgrove")).toBe("/woodgrove");
  });

  it.each([
    ["another origin", "https://evil.example/woodgrove/x"],
    ["a scheme-relative URL", "//evil.example/woodgrove"],
    ["a backslash trick", "/\\evil.example/woodgrove"],
    ["another tenant", "/sparbanken/journey/1"],
    ["a tenant whose slug only starts alike", "/woodgrove-b/journey/1"],
    ["a dot-segment escape", "/woodgrove/../sparbanken/x"],
    ["Auth.js's own routes (a loop)", "/woodgrove/federation/callback/google"],
    ["the federation base path", "/woodgrove/federation"],
    ["a control character", "/woodgrove/x\nSet-Cookie: a=b"],
    ["a relative path", "woodgrove/x"],
    ["not a string", 42],
  ])("refuses %s", (_label, candidate) => {
    expect(validReturnTo("woodgrove", candidate)).toBeUndefined();
  });
});

describe("validReturnUrl (Auth.js keeps the address absolute)", () => {
  const base = "https://id.example.com";
  it("accepts the same origin and a tenant path", () => {
    expect(validReturnUrl("woodgrove", base, "https://id.example.com/woodgrove/journey/1")).toBe(
      "https://id.example.com/woodgrove/journey/1",
    );
    expect(validReturnUrl("woodgrove", base, "/woodgrove/journey/1")).toBe("https://id.example.com/woodgrove/journey/1");
  });

  it("refuses another origin, scheme or tenant", () => {
    expect(validReturnUrl("woodgrove", base, "http://id.example.com/woodgrove/journey/1")).toBeUndefined();
    expect(validReturnUrl("woodgrove", base, "https://id.example.com.evil/woodgrove/journey/1")).toBeUndefined();
    expect(validReturnUrl("woodgrove", base, "https://id.example.com/sparbanken/journey/1")).toBeUndefined();
    expect(validReturnUrl("woodgrove", base, "javascript:alert(1)")).toBeUndefined();
  });
});
