import { readFileSync } from "node:fs";
import { parseTenantsConfig, type Tenant } from "../../tenant";
import { parseUserFlowsFile } from "./parse-file";
import type { UserFlow } from "./types";

/** Shared by this folder's tests: the demo tenants and their demo flows, as shipped. */
const tenants = parseTenantsConfig(readFileSync("tenants.json", "utf8"), "tenants.json").tenants;

export const tenant = (slug: string): Tenant => tenants.find((t) => t.slug === slug)!;
export const demoFileText = (slug: string): string => readFileSync(`app/_lib/journeys/user-flows/demo/${slug}.json`, "utf8");
export const demoFile = (slug: string) => JSON.parse(demoFileText(slug));
export const sourceMessages: unknown = JSON.parse(readFileSync("messages/en.json", "utf8"));

export function demoFlow(slug: "woodgrove" | "sparbanken"): UserFlow {
  const result = parseUserFlowsFile(demoFileText(slug), tenant(slug), { sourceMessages });
  if (!result.ok) throw result.error;
  return result.userFlows[0]!;
}

export const WOODGROVE_SHOP = "6f1c3b0e-2f4a-4b8e-9a43-1d2c5e7f8a90";
export const WOODGROVE_BUSINESS = "b3e2a1d4-5c6f-4e7a-8b9c-0d1e2f3a4b5c";
export const SPARBANKEN_BANK = "0c9d8e7f-6a5b-4c3d-8e2f-1a0b9c8d7e6f";
export const SPARBANKEN_BUSINESS = "5a4b3c2d-1e0f-4a9b-8c7d-6e5f4a3b2c1d";
