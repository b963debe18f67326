import { parseArgs } from "node:util";
import { ConfigError } from "../_lib/errors";
import { closeServices, oidc, services, tenants } from "../_lib/server";

/**
 * `tenants …`: a tenant's slug may change (the tenants file's `id`, the tokens' `tid`, never does);
 * the rows keyed by the slug move with it here.
 */
type Command = { summary: string; run(args: string[]): Promise<void> };

const USAGE = `tenants rename --from OLD_SLUG --to NEW_SLUG
  tenants list`;

const usage = (text: string) => new ConfigError("the command line", [text]);

async function tenantsCommand(args: string[]): Promise<void> {
  const [sub, ...rest] = args;
  let values: { from?: string; to?: string };
  try {
    values = parseArgs({ args: rest, options: { from: { type: "string" }, to: { type: "string" } }, strict: true }).values;
  } catch (error) {
    throw usage((error as Error).message);
  }
  if (sub === "list") {
    for (const tenant of tenants().list()) console.log(`${tenant.id}  ${tenant.slug.padEnd(24)} ${tenant.displayName}`);
    return;
  }
  if (sub !== "rename") throw usage(USAGE);
  if (!values.from || !values.to) throw usage("--from OLD_SLUG and --to NEW_SLUG are required");
  try {
    const moved = await services().tenantAdministration.rename({ type: "system", name: "cli" }, values.from, values.to);
    console.log(`moved the rows of "${values.from}" to "${values.to}" (tenant ${tenants().find(values.to)!.id}):`);
    for (const [model, count] of Object.entries(moved)) if (count) console.log(`  ${model.padEnd(22)} ${count}`);
    console.log(`restart every server now. The issuer is now ${oidc().urls(values.to).issuer}: applications must use it`);
    console.log("(tokens carry the same tid; sign-ins in progress must start again)");
  } finally {
    await closeServices();
  }
}

export const tenantCommands: Record<string, Command> = {
  tenants: {
    summary: "tenants rename --from OLD --to NEW (after changing a slug in the tenants file) | tenants list",
    run: tenantsCommand,
  },
};
