import { describe, expect, it } from "vitest";
import { federationCookies, parseSetCookie, readChunked, serializeSetCookie } from "./cookies";

describe("federationCookies", () => {
  it("names every cookie after the tenant and scopes it by path", () => {
    const cookies = federationCookies("woodgrove", true);
    expect(cookies.sessionToken).toEqual({
      name: "__Secure-guestgate.woodgrove.federation.result",
      options: { httpOnly: true, sameSite: "lax", secure: true, path: "/woodgrove" },
    });
    for (const key of ["callbackUrl", "csrfToken", "pkceCodeVerifier", "state", "nonce"] as const) {
      expect(cookies[key].name).toMatch(/^__Secure-guestgate\.woodgrove\.federation\./);
      expect(cookies[key].options.path).toBe("/woodgrove/federation");
    }
  });

  it("gives two tenants disjoint names", () => {
    const a = Object.values(federationCookies("woodgrove", false)).map((c) => c.name);
    const b = Object.values(federationCookies("woodgrove-b", false)).map((c) => c.name);
    expect(a.some((name) => b.some((other) => other.startsWith(name) || name.startsWith(other)))).toBe(false);
    expect(a.every((name) => !name.startsWith("__Secure-"))).toBe(true);
  });
});

describe("Set-Cookie", () => {
  it("round-trips the attributes Auth.js writes", () => {
    const cookie = {
      name: "guestgate.woodgrove.federation.return-to",
      value: "https://id.example.com/woodgrove/journey/1?x=1",
      options: { path: "/woodgrove/federation", httpOnly: true, secure: true, sameSite: "lax" as const, maxAge: 900 },
    };
    const header = serializeSetCookie(cookie);
    expect(header).toBe(
      "guestgate.woodgrove.federation.return-to=https%3A%2F%2Fid.example.com%2Fwoodgrove%2Fjourney%2F1%3Fx%3D1; Path=/woodgrove/federation; Max-Age=900; HttpOnly; Secure; SameSite=Lax",
    );
    expect(parseSetCookie(header)).toEqual(cookie);
  });

  it("ignores a header without a name", () => {
    expect(parseSetCookie("=x; Path=/")).toBeUndefined();
  });
});

describe("readChunked", () => {
  const store = (values: Record<string, string>) => ({
    get: (name: string) => (name in values ? { value: values[name]! } : undefined),
    set: () => {},
  });

  it("reads a whole cookie, or joins Auth.js's chunks in order", () => {
    expect(readChunked(store({ r: "abc" }), "r")).toEqual({ value: "abc", names: ["r"] });
    expect(readChunked(store({ "r.0": "ab", "r.1": "c" }), "r")).toEqual({ value: "abc", names: ["r.0", "r.1"] });
    expect(readChunked(store({}), "r")).toEqual({ value: undefined, names: [] });
  });
});
