import { describe, expect, it } from "vitest";
import { parseEnv } from "./env";

describe("Auth.js's URL variables (federation builds its URLs from GUESTGATE_BASE_URL)", () => {
  // A public origin: the demo (on by default outside production) would refuse it (env.ts demoExposure).
  const base = { GUESTGATE_BASE_URL: "https://id.example.com", GUESTGATE_DEMO: "false" };

  it("may be unset, or agree with GUESTGATE_BASE_URL", () => {
    expect(parseEnv(base).AUTH_URL).toBeUndefined();
    expect(parseEnv({ ...base, AUTH_URL: "https://id.example.com/" }).AUTH_URL).toBe("https://id.example.com/");
    expect(parseEnv({ ...base, NEXTAUTH_URL: "" }).NEXTAUTH_URL).toBeUndefined();
  });

  it("refuses a different origin or a base path, and any redirect proxy", () => {
    expect(() => parseEnv({ ...base, AUTH_URL: "https://auth.example.com" })).toThrowError(/AUTH_URL: must be unset/);
    expect(() => parseEnv({ ...base, NEXTAUTH_URL: "https://id.example.com/api/auth" })).toThrowError(
      /NEXTAUTH_URL: must be unset/,
    );
    expect(() => parseEnv({ ...base, AUTH_REDIRECT_PROXY_URL: "https://proxy.example.com/api/auth" })).toThrowError(
      /AUTH_REDIRECT_PROXY_URL: is not supported/,
    );
  });
});
