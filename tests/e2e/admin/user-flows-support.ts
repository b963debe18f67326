// A user flow and an application of its own for a portal test, made straight through the domain
// services (as the CLI's import would): the editor is what is under test, and editing the demo
// flow would change the sign-up pages other test files expect.
import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import type { PrismaClient } from "../../../app/_lib/db";
import { createApplicationDirectoryStore, createUserFlowStore } from "../../../app/_lib/db";
import { createUserFlowService, type FlowDefinition } from "../../../app/_lib/journeys";
import { createApplicationDirectory } from "../../../app/_lib/oidc";
import { parseTenantsConfig } from "../../../app/_lib/tenant";
import type { TestApplication } from "../support/applications";
import { repoRoot } from "../support/paths";
import { tenantsConfig } from "../support/site";

const SYSTEM = { type: "system", name: "e2e fixture" } as const;

/** The user-flow service over the suite's database, for fixtures and for reading back what the portal stored. */
export function userFlowService(prisma: PrismaClient) {
  const config = tenantsConfig();
  const tenants = parseTenantsConfig(JSON.stringify(config), "tenants (e2e)").tenants;
  const sourceMessages = JSON.parse(readFileSync(path.join(repoRoot, "messages/en.json"), "utf8")) as Record<string, unknown>;
  return createUserFlowService({
    store: createUserFlowStore(prisma),
    tenants: { find: (slug) => tenants.find((t) => t.slug === slug) },
    sourceMessages,
    warn: () => {},
  });
}

/**
 * A public application of `tenant` that starts a new flow asking for givenName then surname (both
 * required), then any `extra` attributes, offered through the e-mail passcode only.
 */
export async function flowWithApplication(
  prisma: PrismaClient,
  tenant: string,
  label: string,
  extra: FlowDefinition["attributes"] = [],
): Promise<{ app: TestApplication; flowName: string; displayName: string }> {
  const suffix = randomUUID().slice(0, 6);
  const redirectPath = `/portal-${label}-${suffix}/callback`;
  const directory = createApplicationDirectory({
    store: createApplicationDirectoryStore(prisma),
    clock: { now: () => new Date() },
  });
  const registered = await directory.create(SYSTEM, tenant, {
    displayName: `Portal flow ${label} ${suffix}`,
    publicClient: { redirectUris: [`http://127.0.0.1${redirectPath}`] },
  });
  const flowName = `portal-${label}-${suffix}`;
  const displayName = `Portal ${label} ${suffix}`;
  const definition: FlowDefinition = {
    name: flowName,
    displayName,
    identityProviders: ["email"],
    attributes: [{ name: "givenName", required: true }, { name: "surname", required: true }, ...(extra ?? [])],
    applications: [registered.appId],
  };
  await userFlowService(prisma).createFlow(SYSTEM, tenant, definition);
  return {
    app: {
      tenant,
      clientId: registered.appId,
      name: registered.displayName,
      registeredRedirectUri: `http://127.0.0.1${redirectPath}`,
      redirectPath,
      flowFile: "",
      passcodeOnly: true,
    },
    flowName,
    displayName,
  };
}
