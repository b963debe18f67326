import { z } from "zod";
import { tenantsConfigSchema } from "./schema";

/** The JSON Schema editors use to autocomplete tenants.json, generated from the zod schema so the two never disagree. */
export function tenantsJsonSchema(): string {
  const schema = z.toJSONSchema(tenantsConfigSchema, { io: "input", unrepresentable: "any" });
  return `${JSON.stringify({ ...schema, title: "Guestgate tenants configuration" }, null, 2)}\n`;
}
