import { describe, expect, it } from "vitest";
import path from "node:path";
import { loadTenantsConfig, tenantSchema } from "../tenant";
import { DEMO_IDP_SECRET_ENV, planDemoIdp } from "./start";

const contoso = (issuer = "http://127.0.0.1:3901") => ({
  kind: "oidc",
  id: "contoso",
  displayName: "Contoso ID",
  clientId: "guestgate-demo",
  clientSecretEnv: DEMO_IDP_SECRET_ENV,
  issuer,
});

/** The shipped demo tenants (as many as asked), each with the e-mail passcode and these upstreams. */
function tenants(...providers: Record<string, unknown>[][]) {
  const shipped = loadTenantsConfig(path.join(import.meta.dirname, "../../../tenants.json")).tenants;
  return providers.map((identityProviders, index) =>
    tenantSchema.parse({
      ...shipped[index],
      identityProviders: [{ kind: "email-otp", id: "email" }, ...identityProviders],
    }),
  );
}

const demo = { NODE_ENV: "production", GUESTGATE_DEMO: true, GUESTGATE_BASE_URL: "http://localhost:3000" } as const;
const SECRET = "s".repeat(43);
const callback = (slug: string, id: string) => `/${slug}/federation/callback/${id}`;

describe("when Contoso ID starts", () => {
  it("in the demo, with its secret: one client per client id, a callback per tenant", () => {
    expect(planDemoIdp(demo, tenants([contoso()], [contoso()]), SECRET, callback)).toEqual({
      plan: {
        issuer: "http://127.0.0.1:3901",
        clients: [
          {
            clientId: "guestgate-demo",
            clientSecret: SECRET,
            redirectUris: [
              "http://localhost:3000/woodgrove/federation/callback/contoso",
              "http://localhost:3000/sparbanken/federation/callback/contoso",
            ],
          },
        ],
      },
    });
  });

  it("never outside the demo, whatever the environment holds", () => {
    expect(planDemoIdp({ ...demo, GUESTGATE_DEMO: false }, tenants([contoso()]), SECRET, callback)).toEqual({
      skipped: "the demo is off (GUESTGATE_DEMO)",
    });
    expect(planDemoIdp({ ...demo, GUESTGATE_DEMO: undefined }, tenants([contoso()]), SECRET, callback)).toMatchObject({
      skipped: expect.stringContaining("demo is off"),
    });
  });

  it("not without its secret, nor on an issuer that is not a loopback port", () => {
    expect(planDemoIdp(demo, tenants([contoso()]), undefined, callback)).toMatchObject({
      skipped: expect.stringContaining(DEMO_IDP_SECRET_ENV),
    });
    for (const issuer of ["https://id.contoso.example", "http://localhost/", "http://127.0.0.1:3901/tenant"]) {
      expect(planDemoIdp(demo, tenants([contoso(issuer)]), SECRET, callback), issuer).toMatchObject({
        skipped: expect.stringContaining("is not http://"),
      });
    }
    expect(planDemoIdp(demo, tenants([contoso()], [contoso("http://127.0.0.1:3902")]), SECRET, callback)).toMatchObject({
      skipped: expect.stringContaining("more than one issuer"),
    });
  });

  it("as a Microsoft-style directory too, when a tenant's Entra provider points at it", () => {
    const directoryId = "5d3c9a1e-7b2f-4c8d-a6e4-0f1b2c3d4e5f";
    const entra = (issuer = `http://127.0.0.1:3901/${directoryId}/v2.0`, audience = directoryId) => ({
      kind: "microsoft-entra",
      id: "contoso-work",
      clientId: "guestgate-demo-entra",
      clientSecretEnv: DEMO_IDP_SECRET_ENV,
      audience,
      issuer,
    });
    expect(planDemoIdp(demo, tenants([contoso(), entra()], [contoso(), entra()]), SECRET, callback)).toMatchObject({
      plan: {
        issuer: "http://127.0.0.1:3901",
        directory: {
          tenantId: directoryId,
          clients: [
            {
              clientId: "guestgate-demo-entra",
              clientSecret: SECRET,
              redirectUris: [
                "http://localhost:3000/woodgrove/federation/callback/contoso-work",
                "http://localhost:3000/sparbanken/federation/callback/contoso-work",
              ],
            },
          ],
        },
      },
    });
    expect(planDemoIdp(demo, tenants([contoso(), entra("http://127.0.0.1:3902/x/v2.0")]), SECRET, callback)).toMatchObject({
      skipped: expect.stringContaining("must have the issuer"),
    });
    expect(
      planDemoIdp(
        demo,
        tenants([contoso(), entra("http://127.0.0.1:3901/organizations/v2.0", "organizations")]),
        SECRET,
        callback,
      ),
    ).toMatchObject({ skipped: expect.stringContaining("not a directory id") });
  });

  it("says nothing where no tenant has it", () => {
    expect(planDemoIdp(demo, tenants([]), SECRET, callback)).toEqual({ skipped: undefined });
  });
});
