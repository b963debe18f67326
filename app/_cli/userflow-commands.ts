import { readFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { ConfigError } from "../_lib/errors";
import type { SystemActor } from "../_lib/directory";
import { closeServices, services } from "../_lib/server";

/**
 * `userflows …`: a tenant's user flows, imported from its user-flows file. The file is checked
 * against the tenant before anything is stored; the tenant's app assignments become the file's.
 */
type Command = { summary: string; run(args: string[]): Promise<void> };

/** The operator at the command line: an import is audited with this actor. */
const CLI: SystemActor = { type: "system", name: "cli" };

const USAGE = `userflows import --tenant SLUG --file FILE
  userflows list --tenant SLUG`;

const usage = (text: string) => new ConfigError("the command line", [text]);

function tenantArg(value: string | undefined): string {
  if (!value) throw usage("--tenant SLUG is required");
  if (!services().tenants.find(value)) throw new ConfigError("--tenant", [`no tenant "${value}" in the tenants file`]);
  return value;
}

async function userflowsCommand(args: string[]): Promise<void> {
  const [sub, ...rest] = args;
  let values: { tenant?: string; file?: string };
  try {
    values = parseArgs({ args: rest, options: { tenant: { type: "string" }, file: { type: "string" } }, strict: true }).values;
  } catch (error) {
    throw usage((error as Error).message);
  }
  if (sub !== "import" && sub !== "list") throw usage(USAGE);
  const tenant = tenantArg(values.tenant);
  const { userFlows, oidc } = services();
  try {
    if (sub === "import") {
      if (!values.file) throw usage("--file FILE is required");
      const file = path.resolve(values.file);
      let text: string;
      try {
        text = readFileSync(file, "utf8");
      } catch (error) {
        throw new ConfigError(file, [`cannot be read: ${(error as Error).message}`]);
      }
      const result = await userFlows.importFile(CLI, tenant, text);
      console.log(`imported ${result.flows.length} user flow(s) into ${tenant} from ${file}`);
      for (const flow of result.flows) {
        console.log(`${flow.name.padEnd(24)} ${flow.change.padEnd(10)} ${flow.displayName}`);
        console.log(`    apps: ${flow.applications.join(" ") || "-"}`);
      }
      if (result.withoutApplications.length)
        console.log(`not in the file, kept without applications: ${result.withoutApplications.join(", ")}`);
      // Not an error (flows may be imported before their apps are registered), but likely a typo.
      const registered = new Set((await oidc.administration.list(CLI, tenant)).map((app) => app.clientId));
      for (const clientId of result.flows.flatMap((f) => f.applications).filter((id) => !registered.has(id)))
        console.log(`warning: ${clientId} is not a registered application of ${tenant} (yet)`);
    } else {
      const flows = await userFlows.list(CLI, tenant);
      if (flows.length === 0) console.log(`no user flows in ${tenant}`);
      for (const flow of flows) {
        console.log(`${flow.name.padEnd(24)} ${flow.displayName}`);
        console.log(`    apps:    ${flow.applications.join(" ") || "-"}`);
        console.log(`    updated: ${flow.updatedAt.toISOString()}`);
      }
    }
  } finally {
    await closeServices();
  }
}

export const userflowCommands: Record<string, Command> = {
  userflows: { summary: "user flows: userflows import --tenant SLUG --file FILE | list --tenant SLUG", run: userflowsCommand },
};
