import { describe, expect, it } from "vitest";
import { cookieValue, navigationHeaders } from "./navigation-headers";

describe("cookieValue", () => {
  it("reads a cookie as Next's request.cookies.get() does: the last duplicate, percent-decoded", () => {
    expect(cookieValue("a=1; gg_locale=nl", "gg_locale")).toBe("nl");
    expect(cookieValue("gg_locale=nl;gg_locale=sv", "gg_locale")).toBe("sv");
    expect(cookieValue("gg_locale=n%6C", "gg_locale")).toBe("nl");
    expect(cookieValue("gg_locale=%E0%A4%A; x=1", "gg_locale")).toBeUndefined();
    expect(cookieValue("xgg_locale=nl", "gg_locale")).toBeUndefined();
    expect(cookieValue(null, "gg_locale")).toBeUndefined();
  });
});

describe("navigationHeaders", () => {
  const request = (query: string, cookieHeader: string | null = null, acceptLanguage: string | null = null) => ({
    searchParams: new URLSearchParams(query),
    cookieHeader,
    acceptLanguage,
  });

  it("carries a fresh nonce in the CSP, the language, and the security headers", () => {
    const one = navigationHeaders(request("ui_locales=fr"), undefined, { https: true, development: false });
    const two = navigationHeaders(request("ui_locales=fr"), undefined, { https: true, development: false });
    expect(one.nonce).not.toBe(two.nonce);
    expect(one.headers["Content-Security-Policy"]).toContain(`'nonce-${one.nonce}'`);
    expect(one.headers).toMatchObject({
      "Content-Language": "fr",
      "X-Frame-Options": "DENY",
      "X-Content-Type-Options": "nosniff",
      "Referrer-Policy": "no-referrer",
      "Strict-Transport-Security": expect.stringMatching(/^max-age=/),
    });
    expect(navigationHeaders(request(""), undefined, { https: false, development: false }).headers).not.toHaveProperty(
      "Strict-Transport-Security",
    );
  });

  it("picks the language from ui_locales, then the cookie, then Accept-Language", () => {
    const opts = { https: false, development: false };
    expect(navigationHeaders(request("ui_locales=sv", "gg_locale=nl", "fr"), undefined, opts).locale).toBe("sv");
    expect(navigationHeaders(request("", "gg_locale=nl", "fr"), undefined, opts).locale).toBe("nl");
    expect(navigationHeaders(request("", null, "fr-BE,fr;q=0.9"), undefined, opts).locale).toBe("fr");
  });
});
