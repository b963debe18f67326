import { readFileSync } from "node:fs";
import { parseTenantsConfig, type Tenant } from "../../tenant";
import { parseUserFlowsFile } from "./parse-file";
import type { UserFlow } from "./types";

/** Shared by the journeys tests: the demo tenants and their demo flows, as shipped (prisma/seed.ts imports them). */
const tenants = parseTenantsConfig(readFileSync("tenants.json", "utf8"), "tenants.json").tenants;

export const tenant = (slug: string): Tenant => tenants.find((t) => t.slug === slug)!;
export const demoFileText = (slug: string): string => readFileSync(`prisma/seed-data/user-flows/${slug}.json`, "utf8");
export const demoFile = (slug: string) => JSON.parse(demoFileText(slug));
export const sourceMessages: unknown = JSON.parse(readFileSync("messages/en.json", "utf8"));

export function demoFlow(slug: "woodgrove" | "sparbanken"): UserFlow {
  const result = parseUserFlowsFile(demoFileText(slug), tenant(slug), { sourceMessages });
  if (!result.ok) throw result.error;
  return result.userFlows[0]!;
}

/** The seed's demo applications (prisma/seed.ts, demoClientId): public for the shop and the bank, confidential for business. */
export const WOODGROVE_SHOP = "540a2eb4-526c-545d-b702-1caab8d4a622";
export const WOODGROVE_BUSINESS = "cc504114-0f48-5f9d-a10c-49c8d35e0eac";
export const SPARBANKEN_BANK = "5aa8ae6e-e3ee-5a4f-82b0-9fc21ba5cbe6";
export const SPARBANKEN_BUSINESS = "2062ddb9-9da3-572c-b8bb-079302b7dd2b";
