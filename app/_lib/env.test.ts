import { describe, expect, it } from "vitest";
import { ConfigError } from "./errors";
import { parseEnv } from "./env";

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
    expect(parseEnv({ NODE_ENV: "production", AUTH_SECRET: "x".repeat(32) }).AUTH_SECRET).toHaveLength(32);
  });
});
