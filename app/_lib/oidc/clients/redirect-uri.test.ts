import { describe, expect, it } from "vitest";
import { matchRedirectUri, redirectUriProblem } from "./redirect-uri";

describe("redirect URI registration (RFC 6749 §3.1.2, RFC 8252 §7.3, RFC 9700 §4.1.3)", () => {
  it.each([
    "https://app.example/callback",
    "https://app.example:8443/cb?tenant=1",
    "http://127.0.0.1/callback",
    "http://127.0.0.1:3000/demo/callback",
    "http://[::1]:8080/cb",
  ])("accepts %s", (uri) => expect(redirectUriProblem(uri)).toBeUndefined());
  it.each([
    ["http://app.example/callback", /http is allowed only for the loopback IP literals/],
    ["http://localhost:3000/callback", /loopback IP literals/],
    ["http://127.0.0.2/callback", /loopback IP literals/],
    ["https://app.example/callback#frag", /fragment/],
    ["https://*.app.example/callback", /wildcard/],
    ["https://app.example/*", /wildcard/],
    ["/callback", /absolute/],
    ["com.example.app:/callback", /must use https/],
    ["javascript:alert(1)", /must use https/],
    ["https://user:pw@app.example/cb", /user information/],
    ["https://app.example/a b", /spaces or control characters/],
    ["https://app.example/\u0000", /control characters/],
    ["", /1–2048/],
    [`https://app.example/${"a".repeat(2048)}`, /1–2048/],
  ])("refuses %s", (uri, problem) => {
    expect(redirectUriProblem(uri)).toMatch(problem);
  });
});

describe("redirect URI matching at run time", () => {
  const registered = ["https://app.example/callback", "http://127.0.0.1/native", "http://[::1]:4000/v6"];
  it("is an exact string match", () => {
    expect(matchRedirectUri(registered, "https://app.example/callback")).toBe(true);
    for (const near of [
      "https://app.example/callback/",
      "https://APP.example/callback",
      "https://app.example/callback?x=1",
      "https://app.example:443/callback",
      "https://app.example/Callback",
    ]) {
      expect(matchRedirectUri(registered, near)).toBe(false);
    }
  });
  it("lets the port of a loopback IP redirect URI vary (RFC 8252 §7.3)", () => {
    expect(matchRedirectUri(registered, "http://127.0.0.1:51234/native")).toBe(true);
    expect(matchRedirectUri(registered, "http://127.0.0.1/native")).toBe(true);
    expect(matchRedirectUri(registered, "http://[::1]:9999/v6")).toBe(true);
    expect(matchRedirectUri(registered, "http://[::1]/v6")).toBe(true);
  });
  it("keeps path, query and host exact for loopback URIs", () => {
    expect(matchRedirectUri(registered, "http://127.0.0.1:51234/native2")).toBe(false);
    expect(matchRedirectUri(registered, "http://127.0.0.1:51234/native?x=1")).toBe(false);
    expect(matchRedirectUri(registered, "http://[::1]:51234/native")).toBe(false);
    expect(matchRedirectUri(registered, "http://localhost:51234/native")).toBe(false);
    expect(matchRedirectUri(registered, "http://127.0.0.1:99999/native")).toBe(false);
  });
});
