import { describe, expect, it } from "vitest";
import { isSensitiveKey, redact, redactString, REDACTED } from "./redact";

describe("isSensitiveKey", () => {
  it.each([
    "password",
    "passcode",
    "client_secret",
    "clientSecret",
    "AUTH_SECRET",
    "access_token",
    "refreshToken",
    "id_token_hint",
    "Set-Cookie",
    "sessionCookie",
    "Authorization",
    "code_verifier",
    "GUESTGATE_KEY_ENCRYPTION_KEY",
    "SMTP_URL",
    "DATABASE_URL",
    "otp",
    "bindingNonce",
  ])("%s is sensitive", (key) => expect(isSensitiveKey(key)).toBe(true));

  it.each(["tenant", "email", "requestId", "reference", "digest", "code", "path", "clientId", "state"])("%s is not", (key) =>
    expect(isSensitiveKey(key)).toBe(false),
  );
});

describe("redactString", () => {
  it("removes compact JWTs, bearer and basic credentials, and passwords in URLs", () => {
    expect(redactString("hint eyJhbGciOiJSUzI1NiJ9.eyJpc3MiOiJ4In0.sig-nature_ok end")).toBe(`hint ${REDACTED} end`);
    expect(redactString("Authorization: Bearer 2YotnFZFEjr1zCsicMWpAA")).toBe(`Authorization: Bearer ${REDACTED}`);
    expect(redactString("postgresql://app:hunter2@db:5432/gg")).toBe(`postgresql://${REDACTED}@db:5432/gg`);
    expect(redactString("nothing to see at https://id.example.com/woodgrove")).toBe(
      "nothing to see at https://id.example.com/woodgrove",
    );
  });
});

describe("redact", () => {
  it("redacts URL objects' passwords and sensitive query parameters", () => {
    expect(redact(new URL("https://app.example/cb?code=abc&state=xyz&iss=https%3A%2F%2Fid"))).toBe(
      `https://app.example/cb?code=${encodeURIComponent(REDACTED)}&state=${encodeURIComponent(REDACTED)}&iss=https%3A%2F%2Fid`,
    );
  });

  it("redacts Headers by name", () => {
    expect(redact(new Headers({ cookie: "a=b", accept: "text/html" }))).toEqual({ accept: "text/html", cookie: REDACTED });
  });

  it("leaves the input untouched", () => {
    const input = { password: "pw", nested: { token: "t" } };
    redact(input);
    expect(input).toEqual({ password: "pw", nested: { token: "t" } });
  });
});
