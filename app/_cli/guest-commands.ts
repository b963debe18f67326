import { parseArgs } from "node:util";
import { isDirectoryError, type SystemActor } from "../_lib/directory";
import { ConfigError } from "../_lib/errors";
import { closeServices, services } from "../_lib/server";

/**
 * `guests …`: the operator's way into a tenant's directory, through the same verbs the portal and
 * the Graph API use, acting as the system; every change is audited with that actor.
 */
type Command = { summary: string; run(args: string[]): Promise<void> };

const CLI: SystemActor = { type: "system", name: "cli" };
const USAGE = `guests list --tenant SLUG [--state active|blocked|pendingAcceptance|pendingApproval] [--search PREFIX] [--top N]
  guests block|unblock|delete --tenant SLUG --id GUEST_ID`;

const usage = (text: string) => new ConfigError("the command line", [text]);

async function guestsCommand(args: string[]): Promise<void> {
  const [sub, ...rest] = args;
  let values: { tenant?: string; id?: string; state?: string; search?: string; top?: string };
  try {
    values = parseArgs({
      args: rest,
      options: {
        tenant: { type: "string" },
        id: { type: "string" },
        state: { type: "string" },
        search: { type: "string" },
        top: { type: "string" },
      },
      strict: true,
    }).values;
  } catch (error) {
    throw usage((error as Error).message);
  }
  if (!sub || !["list", "block", "unblock", "delete"].includes(sub)) throw usage(USAGE);
  const tenant = values.tenant;
  if (!tenant) throw usage("--tenant SLUG is required");
  const { tenants, directory } = services();
  if (!tenants.find(tenant)) throw new ConfigError("--tenant", [`no tenant "${tenant}" in the tenants file`]);
  try {
    if (sub === "list") {
      const page = await directory.list(CLI, tenant, {
        filter: {
          ...(values.state ? { state: values.state as "active" } : {}),
          ...(values.search ? { search: values.search } : {}),
        },
        top: values.top ? Number(values.top) : 100,
      });
      if (page.guests.length === 0) console.log(`no guests in ${tenant}`);
      for (const guest of page.guests)
        console.log(`${guest.id}  ${guest.state.padEnd(17)} ${guest.email ?? "-"}  ${guest.displayName ?? ""}`);
      if (page.nextCursor) console.log("(more: narrow the list with --search or --state)");
      return;
    }
    if (!values.id) throw usage("--id GUEST_ID is required");
    if (sub === "delete") {
      const { revoked } = await directory.delete(CLI, tenant, values.id);
      console.log(
        `deleted guest ${values.id} from ${tenant}; revoked ${revoked.sessions} session(s), ${revoked.grants} grant(s), ${revoked.refreshTokens} refresh token(s)`,
      );
    } else {
      const guest =
        sub === "block" ? await directory.block(CLI, tenant, values.id) : await directory.unblock(CLI, tenant, values.id);
      console.log(`guest ${guest.id} of ${tenant} is ${guest.state}`);
    }
  } catch (error) {
    if (isDirectoryError(error)) throw new ConfigError(`guest ${values.id ?? ""}`.trim(), [error.message]);
    throw error;
  } finally {
    await closeServices();
  }
}

export const guestCommands: Record<string, Command> = {
  guests: { summary: "a tenant's guests: guests list | block | unblock | delete --tenant SLUG …", run: guestsCommand },
};
