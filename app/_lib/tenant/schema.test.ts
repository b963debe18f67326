import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { ConfigError } from "../errors";
import { parseTenantsConfig } from "./load";

const demo = JSON.parse(readFileSync("tenants.json", "utf8"));
const withTenant = (index: number, patch: (tenant: Record<string, unknown>) => void) => {
  const config = structuredClone(demo);
  patch(config.tenants[index]);
  return JSON.stringify(config);
};
const problemsOf = (text: string): readonly string[] => {
  try {
    parseTenantsConfig(text, "tenants.json");
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error("expected the config to be rejected");
};

describe("tenants config", () => {
  it("accepts the shipped demo tenants", () => {
    const config = parseTenantsConfig(JSON.stringify(demo), "tenants.json");
    expect(config.tenants.map((t) => t.slug)).toEqual(["woodgrove", "sparbanken"]);
    expect(config.tenants[0]?.locales).toEqual({ enabled: ["nl", "en"], default: "nl" });
  });

  it("names the path of a bad colour", () => {
    const problems = problemsOf(withTenant(1, (t) => ((t.branding as Record<string, unknown>).primaryColor = "blue")));
    expect(problems).toEqual(["tenants[1].branding.primaryColor: a colour as #rrggbb"]);
  });

  it("rejects a default language that is not enabled", () => {
    const problems = problemsOf(withTenant(0, (t) => (t.locales = { enabled: ["nl"], default: "sv" })));
    expect(problems).toEqual(["tenants[0].locales.default: must be one of locales.enabled"]);
  });

  it("rejects a language Guestgate does not ship", () => {
    expect(problemsOf(withTenant(0, (t) => (t.locales = { enabled: ["de"], default: "de" })))[0]).toMatch(
      /^tenants\[0\]\.locales\.enabled\[0\]: /,
    );
  });

  it("rejects two tenants with one slug, and reserved slugs", () => {
    expect(problemsOf(withTenant(1, (t) => (t.slug = "woodgrove")))).toEqual(['tenants[1].slug: "woodgrove" is used twice']);
    expect(problemsOf(withTenant(0, (t) => (t.slug = "api")))).toEqual(["tenants[0].slug: this slug is reserved"]);
  });

  it("refuses a secret written into the file: only the name of its environment variable belongs there", () => {
    const problems = problemsOf(
      withTenant(
        0,
        (t) =>
          (t.identityProviders = [{ kind: "google", id: "google", clientId: "x", clientSecret: "s3cret", clientSecretEnv: "G" }]),
      ),
    );
    expect(problems).toContainEqual(
      expect.stringMatching(/^tenants\[0\]\.identityProviders\[0\]: Unrecognized key: "clientSecret"/),
    );
  });

  it("rejects an environment variable name that is not one", () => {
    const problems = problemsOf(
      withTenant(
        0,
        (t) => (t.identityProviders = [{ kind: "github", id: "github", clientId: "x", clientSecretEnv: "my secret" }]),
      ),
    );
    expect(problems[0]).toMatch(/^tenants\[0\]\.identityProviders\[0\]\.clientSecretEnv: the NAME of an environment variable/);
  });

  it("rejects two identity providers with one id", () => {
    const problems = problemsOf(
      withTenant(
        0,
        (t) =>
          (t.identityProviders = [
            { kind: "email-otp", id: "x" },
            { kind: "email-otp", id: "x" },
          ]),
      ),
    );
    expect(problems).toEqual(['tenants[0].identityProviders[1].id: "x" is used twice']);
  });

  it("keeps logos and backgrounds on our own origin", () => {
    expect(
      problemsOf(withTenant(0, (t) => ((t.branding as Record<string, unknown>).logo = "https://cdn.example/logo.svg")))[0],
    ).toMatch(/^tenants\[0\]\.branding\.logo: /);
    expect(
      problemsOf(withTenant(0, (t) => ((t.branding as Record<string, unknown>).logo = "/tenants/../../etc/passwd")))[0],
    ).toMatch(/^tenants\[0\]\.branding\.logo: must not contain '\.\.'/);
  });

  it("says when the file is not JSON", () => {
    expect(problemsOf("{ tenants: ")[0]).toMatch(/^is not JSON: /);
  });
});
