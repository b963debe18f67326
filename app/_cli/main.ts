import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { env } from "../_lib/env";
import { ConfigError } from "../_lib/errors";
import { loadTenantsConfig, tenantsJsonSchema } from "../_lib/tenant";

/**
 * `npm run guestgate -- <command>`: operator commands. Each prints what it did and exits non-zero
 * on failure, so it can stand in deploy scripts.
 */
const commands: Record<string, { summary: string; run(args: string[]): void }> = {
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
};

function main(argv: string[]): number {
  const [name, ...args] = argv;
  const command = name ? commands[name] : undefined;
  if (!command) {
    console.error(`usage: guestgate <command>\n${Object.entries(commands).map(([n, c]) => `  ${n.padEnd(16)} ${c.summary}`).join("\n")}`);
    return 2;
  }
  try {
    command.run(args);
    return 0;
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      return 1;
    }
    throw error;
  }
}

process.exitCode = main(process.argv.slice(2));
