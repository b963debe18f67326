import type { z } from "zod";

/** A value the operator wrote is wrong. Raised at start-up only, naming where the value is. */
export class ConfigError extends Error {
  override readonly name = "ConfigError";
  constructor(
    readonly source: string,
    readonly problems: readonly string[],
  ) {
    super(`${source} is not valid:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
  }

  static fromZod(source: string, error: z.ZodError): ConfigError {
    return new ConfigError(
      source,
      error.issues.map((issue) => `${formatPath(issue.path)}: ${issue.message}`),
    );
  }
}

/** `["tenants", 1, "branding", "primaryColor"]` → `tenants[1].branding.primaryColor`, as people write paths into JSON. */
export function formatPath(path: readonly PropertyKey[]): string {
  if (path.length === 0) return "(root)";
  return path
    .map((segment, index) => (typeof segment === "number" ? `[${segment}]` : `${index === 0 ? "" : "."}${String(segment)}`))
    .join("");
}
