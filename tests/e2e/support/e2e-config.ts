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
  const config = { ...rest, tenants: [...shipped.tenants, JSON.parse(fixture)] };
  const file = path.join(dir, "tenants.json");
  await writeFile(file, JSON.stringify(config, null, 2));
  return file;
}
