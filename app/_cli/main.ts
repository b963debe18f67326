import { randomBytes } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { env } from "../_lib/env";
import { ConfigError } from "../_lib/errors";
import { loadTenantsConfig, tenantsJsonSchema } from "../_lib/tenant";
import { guestCommands } from "./guest-commands";
import { jobsCommands } from "./jobs-commands";
import { oidcCommands } from "./oidc-commands";
import { tenantCommands } from "./tenant-commands";
import { userflowCommands } from "./userflow-commands";

/**
 * `npm run guestgate -- <command>`: operator commands. Each prints what it did and exits non-zero
 * on failure, so it can stand in deploy scripts.
 */
/** A command may return its exit code (e.g. 1 when a job failed); by default it is 0. */
const commands: Record<string, { summary: string; run(args: string[]): void | number | Promise<void | number> }> = {
  "init-env": {
    summary: "create .env for a local run: fresh random secrets, the demo turned on (keeps values already there)",
    run() {
      const file = path.resolve(".env");
      const current = existsSync(file) ? readFileSync(file, "utf8") : "";
      const has = (name: string) => new RegExp(`^${name}=`, "m").test(current);
      const missing = (name: string) => !has(name) && !process.env[name];
      // The override only comes with the demo switch it is for, never on its own; the demo identity
      // provider's secret wherever the demo is (or is about to be) on, also in an older .env.
      const demoOn = missing("GUESTGATE_DEMO") || /^GUESTGATE_DEMO=true$/m.test(current) || process.env.GUESTGATE_DEMO === "true";
      const fresh = localSettings().filter(
        ([name]) =>
          missing(name) &&
          (name !== "GUESTGATE_DEMO_UNSAFE_OVERRIDE" || missing("GUESTGATE_DEMO")) &&
          (name !== "GUESTGATE_DEMO_IDP_SECRET" || demoOn),
      );
      if (fresh.length === 0) return console.log(`${file}: nothing to add`);
      const lines = fresh.map(([name, value]) => `${name}=${value}`).join("\n");
      const header = current
        ? ""
        : "# Written by `npm run setup` for a local run. Production sets these in its own environment.\n";
      writeFileSync(file, `${current}${current && !current.endsWith("\n") ? "\n" : ""}${header}${lines}\n`, { mode: 0o600 });
      console.log(`${file}: added ${fresh.map(([name]) => name).join(", ")}`);
    },
  },
  "check-config": {
    summary: "validate the environment and the tenants file",
    run() {
      const file = path.resolve(env().GUESTGATE_CONFIG);
      const config = loadTenantsConfig(file);
      console.log(`${file}: ${config.tenants.length} tenant(s) — ${config.tenants.map((t) => t.slug).join(", ")}`);
    },
  },
  "config-schema": {
    summary: "write tenants.schema.json from the config schema (--check: fail if it is out of date)",
    run(args) {
      const file = path.resolve("tenants.schema.json");
      const fresh = tenantsJsonSchema();
      if (args.includes("--check")) {
        const current = readFileSync(file, "utf8");
        if (current !== fresh) throw new ConfigError(file, ["is out of date: run npm run config:schema"]);
        console.log(`${file} is up to date`);
      } else {
        writeFileSync(file, fresh);
        console.log(`wrote ${file}`);
      }
    },
  },
  ...oidcCommands,
  ...userflowCommands,
  ...guestCommands,
  ...jobsCommands,
  ...tenantCommands,
};

/**
 * What a local run needs: secrets, each from the CSPRNG, never committed (.env is git-ignored); and
 * GUESTGATE_DEMO, because the quick start serves with `next start` (production mode), where the demo
 * application and the development outbox are otherwise off.
 */
function localSettings(): [string, string][] {
  return [
    ["AUTH_SECRET", randomBytes(32).toString("base64url")],
    ["GUESTGATE_KEY_ENCRYPTION_KEY", randomBytes(32).toString("base64")],
    ["GUESTGATE_DEMO", "true"],
    // `next start` is production mode, where the demo must be let through on purpose (env.ts demoExposure);
    // every start says so in its log.
    ["GUESTGATE_DEMO_UNSAFE_OVERRIDE", "true"],
    // Shared by the demo tenants' Contoso ID provider and Contoso ID itself (app/_lib/demo-idp).
    ["GUESTGATE_DEMO_IDP_SECRET", randomBytes(32).toString("base64url")],
  ];
}

async function main(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  const command = name ? commands[name] : undefined;
  if (!command) {
    console.error(
      `usage: guestgate <command>\n${Object.entries(commands)
        .map(([n, c]) => `  ${n.padEnd(16)} ${c.summary}`)
        .join("\n")}`,
    );
    return 2;
  }
  try {
    return (await command.run(args)) ?? 0;
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      return 1;
    }
    throw error;
  }
}

// Operators keep local settings in .env, as `next start` reads them; variables already set win.
if (existsSync(".env")) process.loadEnvFile(".env");
process.exitCode = await main(process.argv.slice(2));
