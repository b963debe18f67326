import { describe, expect, it } from "vitest";
import { contentSecurityPolicy, createNonce, securityHeaders } from "./security-headers";
import { isSameOriginPost, safeLocalPath } from "./same-origin";

describe("Content-Security-Policy", () => {
  const production = contentSecurityPolicy({ nonce: "abc", development: false, https: true });

  it("allows scripts only by nonce, and no inline script", () => {
    expect(production).toContain("script-src 'self' 'nonce-abc' 'strict-dynamic'");
    expect(production).not.toContain("unsafe-inline");
    expect(production).not.toContain("unsafe-eval");
  });
  it("lets workers come only from our own origin (the proof-of-work widget's)", () => {
    expect(production).toContain("worker-src 'self';");
  });
  it("forbids framing, plugins and <base> (RFC 9700 §4.16 clickjacking)", () => {
    expect(production).toContain("frame-ancestors 'none'");
    expect(production).toContain("object-src 'none'");
    expect(production).toContain("base-uri 'none'");
  });
  it("makes a fresh 128-bit nonce each time", () => {
    const nonces = new Set(Array.from({ length: 100 }, createNonce));
    expect(nonces.size).toBe(100);
    expect(Buffer.from([...nonces][0]!, "base64")).toHaveLength(16);
  });
});

describe("security headers", () => {
  it("send HSTS only over https", () => {
    expect(securityHeaders({ https: true })["Strict-Transport-Security"]).toMatch(/^max-age=\d+/);
    expect(securityHeaders({ https: false })).not.toHaveProperty("Strict-Transport-Security");
  });
  it("never send a referrer and never sniff", () => {
    expect(securityHeaders({ https: false })).toMatchObject({
      "Referrer-Policy": "no-referrer",
      "X-Content-Type-Options": "nosniff",
    });
  });
});

describe("CSRF: same-origin form posts", () => {
  const origin = "https://id.example.com";
  it("trusts Fetch Metadata first", () => {
    expect(isSameOriginPost(new Headers({ "sec-fetch-site": "same-origin", origin: "https://evil.example" }), origin)).toBe(true);
    expect(isSameOriginPost(new Headers({ "sec-fetch-site": "cross-site", origin }), origin)).toBe(false);
    expect(isSameOriginPost(new Headers({ "sec-fetch-site": "same-site" }), origin)).toBe(false);
  });
  it("falls back to Origin, and refuses a request with neither", () => {
    expect(isSameOriginPost(new Headers({ origin }), origin)).toBe(true);
    expect(isSameOriginPost(new Headers({ origin: "null" }), origin)).toBe(false);
    expect(isSameOriginPost(new Headers(), origin)).toBe(false);
  });
});

describe("return paths: no open redirect (RFC 9700 §4.11)", () => {
  it.each([
    ["/woodgrove", "/woodgrove"],
    ["/woodgrove/journey/1?step=2", "/woodgrove/journey/1?step=2"],
    ["//evil.example/woodgrove", undefined],
    ["/\\evil.example", undefined],
    ["https://evil.example/woodgrove", undefined],
    ["/sparbanken", undefined],
    ["/woodgroveevil", undefined],
    ["/woodgrove/../sparbanken", undefined],
    ["/woodgrove\r\nSet-Cookie: x=1", undefined],
    [42, undefined],
  ])("%j → %j", (candidate, expected) => {
    expect(safeLocalPath(candidate, "/woodgrove")).toBe(expected);
  });
});
