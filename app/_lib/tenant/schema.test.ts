import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { ConfigError } from "../errors";
import { createTenantDirectory } from "./directory";
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

  it("refuses a brand colour that would fail WCAG contrast where it is used, naming its path", () => {
    const light = problemsOf(withTenant(1, (t) => ((t.branding as Record<string, unknown>).primaryColor = "#22c55e")));
    expect(light).toEqual([
      expect.stringMatching(/^tenants\[1\]\.branding\.primaryColor: #22c55e has a contrast of 2\.2\d:1 with #ffffff/),
    ]);
    const dark = problemsOf(withTenant(0, (t) => ((t.branding as Record<string, unknown>).accentColor = "#3b3f8f")));
    expect(dark).toEqual([
      expect.stringMatching(/^tenants\[0\]\.branding\.accentColor: #3b3f8f has a contrast of .*lighter colour$/),
    ]);
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

  it("asks for a tenant's GUID when it is missing, and offers a fresh one", () => {
    const [problem] = problemsOf(withTenant(1, (t) => delete t.id));
    expect(problem).toMatch(
      /^tenants\[1\]\.id: is required: a GUID that names this tenant for good, for example "[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}" \(generate it once; never change it\)$/,
    );
    // a fresh one each time: copying the example into two tenants is then unlikely
    expect(problemsOf(withTenant(1, (t) => delete t.id))[0]).not.toBe(problem);
  });

  it("takes a GUID in lower case only, and one per tenant", () => {
    expect(problemsOf(withTenant(0, (t) => (t.id = "woodgrove")))[0]).toMatch(
      /^tenants\[0\]\.id: a GUID in lower case, for example "/,
    );
    expect(problemsOf(withTenant(0, (t) => (t.id = "6F1C2D4E-8A3B-4C5D-9E7F-0A1B2C3D4E5F")))[0]).toMatch(
      /^tenants\[0\]\.id: a GUID in lower case/,
    );
    expect(problemsOf(withTenant(1, (t) => (t.id = demo.tenants[0].id)))[0]).toMatch(
      /^tenants\[1\]\.id: "6f1c2d4e-8a3b-4c5d-9e7f-0a1b2c3d4e5f" is used twice: every tenant needs its own, for example "/,
    );
  });

  it("finds a tenant by its GUID as well as by its slug", () => {
    const tenants = createTenantDirectory(parseTenantsConfig(JSON.stringify(demo), "tenants.json"));
    expect(tenants.findById("b2e4a6c8-1d3f-4a5b-8c7d-9e0f1a2b3c4d")?.slug).toBe("sparbanken");
    expect(tenants.findById("B2E4A6C8-1D3F-4A5B-8C7D-9E0F1A2B3C4D")?.slug).toBe("sparbanken");
    expect(tenants.findById("sparbanken")).toBeUndefined();
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
