// The tenants file the browser tier runs with: the shipped tenants.json (the demo tenants, as an
// operator has them) plus the e2e tenant of tests/e2e/fixtures/e2e-tenant.json, whose upstream
// issuers point at the local test identity providers once their ports are known.
import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { repoRoot, tenantsConfigPath } from "./paths";
import type { RunningUpstreams } from "./upstream";

export const E2E_TENANT_FIXTURE = path.join(repoRoot, "tests/e2e/fixtures/e2e-tenant.json");

export async function writeE2eTenantsConfig(dir: string, upstreams: RunningUpstreams): Promise<string> {
  const shipped = JSON.parse(await readFile(tenantsConfigPath, "utf8")) as { tenants: unknown[] } & Record<string, unknown>;
  const fixture = (await readFile(E2E_TENANT_FIXTURE, "utf8"))
    .replaceAll("{{IDP_ISSUER}}", upstreams.idpIssuer)
    .replaceAll("{{ENTRA_ISSUER}}", upstreams.entraAudienceIssuer)
    .replaceAll("{{MSA_ISSUER}}", upstreams.msaAudienceIssuer);
  if (/\{\{\w+\}\}/.test(fixture)) throw new Error(`${E2E_TENANT_FIXTURE} has a placeholder this setup does not fill`);
  // "$schema" is relative to the repository root; the copy lives elsewhere and needs none.
  const { $schema: _schema, ...rest } = shipped;
  const tenants = [...shipped.tenants, JSON.parse(fixture) as Record<string, unknown>].map(withSuiteLimits);
  const config = { ...rest, tenants };
  const file = path.join(dir, "tenants.json");
  await writeFile(file, JSON.stringify(config, null, 2));
  return file;
}

/**
 * Every journey of the suite comes from this one machine, so the per-client sign-up limits
 * (tenants[].signUpProtection.limits) would stop it part-way: they are raised for every tenant,
 * keeping whatever else the tenant's protection says. A test of the limits sets its own. The soak
 * (tests/soak/site.ts) runs its load the same way.
 */
export function withSuiteLimits(tenant: unknown): Record<string, unknown> {
  const high = { perClient: { limit: 100_000, windowMinutes: 15 }, perTenant: { limit: 100_000, windowMinutes: 15 } };
  const record = tenant as Record<string, unknown> & { signUpProtection?: Record<string, unknown> };
  return {
    ...record,
    signUpProtection: { ...record.signUpProtection, limits: { journeysStarted: high, passcodesSent: high, signUps: high } },
  };
}

/** The shipped tenants.json with the sign-up limits raised, written into `dir`: suites whose load all comes from 127.0.0.1. */
export async function suiteTenantsFile(dir: string): Promise<string> {
  const { $schema: _schema, ...shipped } = JSON.parse(await readFile(path.join(repoRoot, "tenants.json"), "utf8")) as {
    tenants: unknown[];
  } & Record<string, unknown>;
  const file = path.join(dir, "tenants.json");
  await writeFile(file, JSON.stringify({ ...shipped, tenants: shipped.tenants.map(withSuiteLimits) }));
  return file;
}
