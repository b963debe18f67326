// The relying parties the journeys start from, registered in the test database by the global setup
// through the operator CLI (`guestgate app create`, `guestgate userflows import`), as an operator
// would: the demo tenants' public demo clients with their demo user flows, and the e2e tenant's two
// applications with the flows in tests/e2e/fixtures/user-flows/e2e.json.
import { execFile } from "node:child_process";
import path from "node:path";
import { LIFETIMES } from "../../../app/_lib/oidc";
import { repoRoot, tsxCli } from "./paths";

export interface TestApplication {
  tenant: string;
  clientId: string;
  name: string;
  /** Registered as is; a loopback IP literal, so the test's own port is accepted (RFC 8252 §7.3). */
  registeredRedirectUri: string;
  /** The path the relying party listens on (its redirect_uri is http://127.0.0.1:{its port}{path}). */
  redirectPath: string;
  /** The user-flows file that assigns this application a flow (imported once per file). */
  flowFile: string;
  /** Its flow's only way in is the e-mail passcode: the journey opens on the address page, with no choice. */
  passcodeOnly: boolean;
}

export const DEMO_REDIRECT_URI = "http://127.0.0.1:3000/demo/callback";
export const E2E_FLOWS_FILE = path.join(repoRoot, "tests/e2e/fixtures/user-flows/e2e.json");

export const APPS = {
  /** prisma/seed.ts's public demo client of woodgrove (its client id and redirect URI). */
  woodgrove: {
    tenant: "woodgrove",
    clientId: "540a2eb4-526c-545d-b702-1caab8d4a622",
    name: "Woodgrove Groceries demo (single-page app)",
    registeredRedirectUri: DEMO_REDIRECT_URI,
    redirectPath: "/demo/callback",
    flowFile: path.join(repoRoot, "prisma/seed-data/user-flows/woodgrove.json"),
    passcodeOnly: true,
  },
  sparbanken: {
    tenant: "sparbanken",
    clientId: "5aa8ae6e-e3ee-5a4f-82b0-9fc21ba5cbe6",
    name: "Sparbanken Norr demo (single-page app)",
    registeredRedirectUri: DEMO_REDIRECT_URI,
    redirectPath: "/demo/callback",
    flowFile: path.join(repoRoot, "prisma/seed-data/user-flows/sparbanken.json"),
    passcodeOnly: true,
  },
  /** The e2e tenant's main application: every upstream, flow "signup-signin". */
  e2e: {
    tenant: "e2e",
    clientId: "e2e5a1f0-3c4d-4e6f-8a9b-0c1d2e3f4a51",
    name: "Atelier e2e",
    registeredRedirectUri: "http://127.0.0.1/callback",
    redirectPath: "/callback",
    flowFile: E2E_FLOWS_FILE,
    passcodeOnly: false,
  },
  /** The e2e tenant's second application, alone on flow "progressive", whose requirements a test changes. */
  e2eProgressive: {
    tenant: "e2e",
    clientId: "e2e5a1f0-3c4d-4e6f-8a9b-0c1d2e3f4a52",
    name: "Atelier e2e (progressive profiling)",
    registeredRedirectUri: "http://127.0.0.1/callback",
    redirectPath: "/callback",
    flowFile: E2E_FLOWS_FILE,
    passcodeOnly: true,
  },
  /** The e2e tenant's application that people are invited to: flow "invitations" (passcode or Microsoft personal account), invite-only (`signUpAllowed: false`). */
  e2eInvitations: {
    tenant: "e2e",
    clientId: "e2e5a1f0-3c4d-4e6f-8a9b-0c1d2e3f4a53",
    name: "Atelier e2e (invitations)",
    registeredRedirectUri: "http://127.0.0.1/invited/callback",
    redirectPath: "/invited/callback",
    flowFile: E2E_FLOWS_FILE,
    passcodeOnly: false,
  },
} as const satisfies Record<string, TestApplication>;

/**
 * `npm run guestgate -- …args` against the test database (env: the server's environment), through
 * this Node and tsx directly. Resolves with its output; rejects with it on a non-zero exit.
 */
/**
 * Waits out the staleness bound of the server's configuration copies (LIFETIMES.configCache,
 * docs/ARCHITECTURE.md): a change made by another process (`guestgate userflows import`) reaches a
 * running server within it, as it reaches an operator's — not at once.
 */
export async function afterConfigCaches(): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, LIFETIMES.configCache * 1000 + 250));
}

export function guestgateCli(args: string[], env: NodeJS.ProcessEnv): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [tsxCli, "app/_cli/main.ts", ...args],
      { cwd: repoRoot, env, timeout: 60_000 },
      (error, stdout, stderr) => {
        if (error) reject(new Error(`guestgate ${args.join(" ")} failed: ${error.message}\n${stdout}${stderr}`));
        else resolve(`${stdout}${stderr}`);
      },
    );
  });
}

/**
 * Registers every application of APPS and imports each tenant's flows file. One command at a time:
 * two CLI processes writing to one SQLite file at once can deadlock (SQLITE_BUSY).
 */
export async function registerApplications(env: NodeJS.ProcessEnv): Promise<void> {
  const byTenant = new Map<string, TestApplication[]>();
  for (const app of Object.values(APPS) as TestApplication[])
    byTenant.set(app.tenant, [...(byTenant.get(app.tenant) ?? []), app]);
  for (const [tenant, apps] of byTenant) {
    for (const app of apps) {
      await guestgateCli(
        [
          "app",
          "create",
          `--tenant=${tenant}`,
          `--name=${app.name}`,
          "--type=public",
          `--redirect-uri=${app.registeredRedirectUri}`,
          `--client-id=${app.clientId}`,
        ],
        env,
      );
    }
    for (const file of new Set(apps.map((app) => app.flowFile))) {
      await guestgateCli(["userflows", "import", `--tenant=${tenant}`, `--file=${file}`], env);
    }
  }
}
