import { ConfigError } from "../../errors";
import type { Tenant } from "../../tenant";
import { userFlowsFileSchema, type UserFlowsFileOptions } from "./schema";
import type { UserFlow } from "./types";

export type UserFlowsFileResult = { ok: true; userFlows: UserFlow[] } | { ok: false; error: ConfigError };

/**
 * Reads a tenant's user-flows file. Problems come back, not thrown, because the admin portal
 * shows them next to an upload; start-up code can `throw result.error`. Each problem names the
 * path of the bad value: `userFlows[0].attributes[2].name: …`.
 */
export function parseUserFlowsFile(
  text: string,
  tenant: Tenant,
  options: UserFlowsFileOptions & { source?: string } = {},
): UserFlowsFileResult {
  const source = options.source ?? `user flows of ${tenant.slug}`;
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { ok: false, error: new ConfigError(source, [`is not JSON: ${(error as Error).message}`]) };
  }
  const result = userFlowsFileSchema(tenant, options).safeParse(json);
  if (!result.success) return { ok: false, error: ConfigError.fromZod(source, result.error) };
  return { ok: true, userFlows: result.data.userFlows };
}
