import { readFileSync } from "node:fs";
import { ConfigError } from "../errors";
import { tenantsConfigSchema, type TenantsConfig } from "./schema";

/** Reads and validates the tenants file; any problem is a ConfigError naming the path of the bad value. */
export function loadTenantsConfig(file: string): TenantsConfig {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    throw new ConfigError(file, [`cannot be read (${(error as NodeJS.ErrnoException).code ?? "unknown error"})`]);
  }
  return parseTenantsConfig(text, file);
}

export function parseTenantsConfig(text: string, source: string): TenantsConfig {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new ConfigError(source, [`is not JSON: ${(error as Error).message}`]);
  }
  const result = tenantsConfigSchema.safeParse(json);
  if (!result.success) throw ConfigError.fromZod(source, result.error);
  return result.data;
}
