import { describe, expect, it } from "vitest";
import { ConfigError } from "./errors";
import { parseEnv, secretFromEnvironment } from "./env";

const KEK = Buffer.alloc(32, 7).toString("base64");

describe("environment", () => {
  it("has defaults that run the demo on SQLite", () => {
    expect(parseEnv({})).toMatchObject({
      GUESTGATE_BASE_URL: "http://localhost:3000",
      DATABASE_URL: "file:./.data/guestgate.db",
      GUESTGATE_CONFIG: "tenants.json",
    });
  });
  it("names the variable that is wrong", () => {
    expect(() => parseEnv({ GUESTGATE_BASE_URL: "https://id.example.com/path" })).toThrowError(/GUESTGATE_BASE_URL: an origin/);
    expect(() => parseEnv({ DATABASE_URL: "mysql://x" })).toThrowError(ConfigError);
  });
  it("requires AUTH_SECRET in production", () => {
    expect(() => parseEnv({ NODE_ENV: "production" })).toThrowError(/AUTH_SECRET: is required in production/);
    expect(
      parseEnv({ NODE_ENV: "production", AUTH_SECRET: "x".repeat(32), GUESTGATE_KEY_ENCRYPTION_KEY: KEK }).AUTH_SECRET,
    ).toHaveLength(32);
  });
  it("requires a 32-byte key-encryption key in production, and accepts none other anywhere", () => {
    expect(() => parseEnv({ NODE_ENV: "production", AUTH_SECRET: "x".repeat(32) })).toThrowError(
      /GUESTGATE_KEY_ENCRYPTION_KEY: is required in production/,
    );
    expect(parseEnv({ GUESTGATE_KEY_ENCRYPTION_KEY: KEK }).GUESTGATE_KEY_ENCRYPTION_KEY).toBe(KEK);
    expect(parseEnv({ GUESTGATE_KEY_ENCRYPTION_KEY: "" }).GUESTGATE_KEY_ENCRYPTION_KEY).toBeUndefined();
    expect(() => parseEnv({ GUESTGATE_KEY_ENCRYPTION_KEY: Buffer.alloc(16).toString("base64") })).toThrowError(
      /GUESTGATE_KEY_ENCRYPTION_KEY: base64 of exactly 32/,
    );
    expect(() => parseEnv({ GUESTGATE_KEY_ENCRYPTION_KEY: "not base64!".padEnd(44, "=") })).toThrowError(ConfigError);
  });
});

describe("mail and passcode settings", () => {
  it("default to the outbox and the documented passcode limits", () => {
    const env = parseEnv({});
    expect(env.SMTP_URL).toBeUndefined();
    expect(env).toMatchObject({
      MAIL_FROM: "Guestgate <no-reply@localhost>",
      GUESTGATE_OUTBOX_DIR: ".data/outbox",
      GUESTGATE_OTP_SENDS_PER_ADDRESS: 5,
      GUESTGATE_OTP_SENDS_PER_CLIENT: 20,
      GUESTGATE_OTP_SEND_WINDOW_MINUTES: 15,
    });
  });
  it("treats an empty SMTP_URL (NAME= in .env) as unset", () => {
    expect(parseEnv({ SMTP_URL: "" }).SMTP_URL).toBeUndefined();
  });
  it("accepts smtp:// and smtps:// URLs with credentials, and nothing else", () => {
    expect(parseEnv({ SMTP_URL: "smtps://user:p%40ss@mail.example.com:465" }).SMTP_URL).toBe(
      "smtps://user:p%40ss@mail.example.com:465",
    );
    expect(parseEnv({ SMTP_URL: "smtp://127.0.0.1:2525" }).SMTP_URL).toBe("smtp://127.0.0.1:2525");
    expect(() => parseEnv({ SMTP_URL: "https://mail.example.com" })).toThrowError(/SMTP_URL: smtp:\/\/… or smtps:\/\//);
  });
  it("takes MAIL_FROM with or without a display name, on one line only", () => {
    expect(parseEnv({ MAIL_FROM: "no-reply@example.com" }).MAIL_FROM).toBe("no-reply@example.com");
    expect(parseEnv({ MAIL_FROM: "Woodgrove Guests <guests@woodgrove.example>" }).MAIL_FROM).toBe(
      "Woodgrove Guests <guests@woodgrove.example>",
    );
    expect(() => parseEnv({ MAIL_FROM: "Guestgate\r\nBcc: x@evil.example <a@b.example>" })).toThrowError(/MAIL_FROM/);
    expect(() => parseEnv({ MAIL_FROM: "not an address" })).toThrowError(/MAIL_FROM/);
  });
  it("reads the passcode send limits as positive whole numbers", () => {
    expect(parseEnv({ GUESTGATE_OTP_SENDS_PER_ADDRESS: "3", GUESTGATE_OTP_SEND_WINDOW_MINUTES: "60" })).toMatchObject({
      GUESTGATE_OTP_SENDS_PER_ADDRESS: 3,
      GUESTGATE_OTP_SEND_WINDOW_MINUTES: 60,
    });
    expect(() => parseEnv({ GUESTGATE_OTP_SENDS_PER_CLIENT: "0" })).toThrowError(/GUESTGATE_OTP_SENDS_PER_CLIENT/);
    expect(() => parseEnv({ GUESTGATE_OTP_SENDS_PER_ADDRESS: "many" })).toThrowError(/GUESTGATE_OTP_SENDS_PER_ADDRESS/);
  });
});

describe("REDIS_URL", () => {
  it("is unset by default and when empty, and takes redis:// and rediss:// URLs", () => {
    expect(parseEnv({}).REDIS_URL).toBeUndefined();
    expect(parseEnv({ REDIS_URL: "" }).REDIS_URL).toBeUndefined();
    expect(parseEnv({ REDIS_URL: "rediss://guestgate:s%40cret@cache.internal:6380" }).REDIS_URL).toBe(
      "rediss://guestgate:s%40cret@cache.internal:6380",
    );
  });

  it("refuses another scheme, naming the variable", () => {
    expect(() => parseEnv({ REDIS_URL: "http://cache.internal:6379" })).toThrowError(/REDIS_URL: redis:\/\/… or rediss:\/\/…/);
  });
});

describe("GUESTGATE_TRUSTED_PROXIES", () => {
  it("trusts nobody when unset or empty", () => {
    expect(parseEnv({}).GUESTGATE_TRUSTED_PROXIES.networks).toEqual([]);
    expect(parseEnv({ GUESTGATE_TRUSTED_PROXIES: "" }).GUESTGATE_TRUSTED_PROXIES.networks).toEqual([]);
  });
  it("reads IPv4 and IPv6 networks", () => {
    const trusted = parseEnv({ GUESTGATE_TRUSTED_PROXIES: "10.0.0.0/8, ::1" }).GUESTGATE_TRUSTED_PROXIES;
    expect(trusted.contains("10.20.30.40")).toBe(true);
    expect(trusted.contains("::1")).toBe(true);
    expect(trusted.contains("192.0.2.1")).toBe(false);
  });
  it("stops the start on a bad entry, naming the variable and the entry", () => {
    expect(() => parseEnv({ GUESTGATE_TRUSTED_PROXIES: "10.0.0.0/8, proxy.internal" })).toThrowError(
      /GUESTGATE_TRUSTED_PROXIES: "proxy.internal" is not an IPv4 or IPv6 address/,
    );
    expect(() => parseEnv({ GUESTGATE_TRUSTED_PROXIES: "10.0.0.1/8" })).toThrowError(ConfigError);
  });
});

describe("the local imitations of GitHub and Facebook (test runs only)", () => {
  it("accept a loopback origin while Guestgate itself is on loopback", () => {
    const env = parseEnv({
      GUESTGATE_BASE_URL: "http://localhost:3000",
      GUESTGATE_TEST_GITHUB_ORIGIN: "http://127.0.0.1:4100/",
      GUESTGATE_TEST_FACEBOOK_ORIGIN: "http://localhost:4200",
    });
    expect([env.GUESTGATE_TEST_GITHUB_ORIGIN, env.GUESTGATE_TEST_FACEBOOK_ORIGIN]).toEqual([
      "http://127.0.0.1:4100",
      "http://localhost:4200",
    ]);
    expect(parseEnv({}).GUESTGATE_TEST_GITHUB_ORIGIN).toBeUndefined();
  });

  it("refuse any other host, a path, and a deployment whose public address is not loopback", () => {
    const local = { GUESTGATE_BASE_URL: "http://localhost:3000" };
    expect(() => parseEnv({ ...local, GUESTGATE_TEST_GITHUB_ORIGIN: "https://github.example" })).toThrowError(
      /GUESTGATE_TEST_GITHUB_ORIGIN: must be a loopback origin/,
    );
    expect(() => parseEnv({ ...local, GUESTGATE_TEST_FACEBOOK_ORIGIN: "http://127.0.0.1:4200/graph" })).toThrowError(
      /GUESTGATE_TEST_FACEBOOK_ORIGIN: must be a loopback origin/,
    );
    expect(() =>
      parseEnv({ GUESTGATE_BASE_URL: "https://id.example.com", GUESTGATE_TEST_GITHUB_ORIGIN: "http://127.0.0.1:4100" }),
    ).toThrowError(/GUESTGATE_TEST_GITHUB_ORIGIN: is for test runs on this machine only/);
  });
});

describe("identity provider secrets", () => {
  const source = { GUESTGATE_DEMO_IDP_SECRET: "demo-secret", GOOGLE_SECRET: "g" };
  it("come from the variable the tenants file names", () => {
    expect(secretFromEnvironment("GOOGLE_SECRET", source, () => parseEnv({}))).toBe("g");
    expect(secretFromEnvironment("UNSET", source, () => parseEnv({}))).toBeUndefined();
  });
  it("count for the demo's identity provider only while the demo is on", () => {
    const on = () => parseEnv({ GUESTGATE_DEMO: "true" });
    expect(secretFromEnvironment("GUESTGATE_DEMO_IDP_SECRET", source, on)).toBe("demo-secret");
    const off = () => parseEnv({ GUESTGATE_DEMO: "false" });
    expect(secretFromEnvironment("GUESTGATE_DEMO_IDP_SECRET", source, off)).toBeUndefined();
    expect(secretFromEnvironment("GOOGLE_SECRET", source, off)).toBe("g");
    // production without GUESTGATE_DEMO: off
    const production = () => ({ NODE_ENV: "production" as const, GUESTGATE_DEMO: undefined });
    expect(secretFromEnvironment("GUESTGATE_DEMO_IDP_SECRET", source, production)).toBeUndefined();
  });
});
