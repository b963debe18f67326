// When Contoso ID runs: only in the demo (GUESTGATE_DEMO, which env.ts already refuses to turn on
// for a non-loopback base URL or production without the explicit override), only when `npm run
// setup` wrote its client secret, and only on a loopback http issuer. The tenants file says where it
// is and who its clients are: every `oidc` provider whose secret is DEMO_IDP_SECRET_ENV.
import { demoEnabled, isLoopbackHost, type Env } from "../env";
import type { Tenant } from "../tenant";
import type { DemoIdpClient } from "./server";

export const DEMO_IDP_SECRET_ENV = "GUESTGATE_DEMO_IDP_SECRET";

export interface DemoIdpPlan {
  issuer: string;
  clients: DemoIdpClient[];
}

/** What to start, or why not (undefined reason = nothing configured, nothing to say). */
export function planDemoIdp(
  settings: Pick<Env, "NODE_ENV" | "GUESTGATE_DEMO" | "GUESTGATE_BASE_URL">,
  tenants: readonly Tenant[],
  secret: string | undefined,
  /** Where the tenant's Auth.js expects the person back from this provider (federationBasePath + /callback/id). */
  callbackPath: (tenantSlug: string, providerId: string) => string,
): { plan: DemoIdpPlan } | { skipped: string | undefined } {
  const demoProviders = tenants.flatMap((tenant) =>
    tenant.identityProviders.flatMap((provider) =>
      provider.kind === "oidc" && provider.clientSecretEnv === DEMO_IDP_SECRET_ENV ? [{ tenant, provider }] : [],
    ),
  );
  if (demoProviders.length === 0) return { skipped: undefined };
  if (!demoEnabled(settings)) return { skipped: "the demo is off (GUESTGATE_DEMO)" };
  if (!secret) return { skipped: `${DEMO_IDP_SECRET_ENV} is not set (npm run setup writes it)` };
  const issuers = new Set(demoProviders.map(({ provider }) => provider.issuer.replace(/\/$/, "")));
  if (issuers.size !== 1) return { skipped: `the tenants give it more than one issuer: ${[...issuers].join(", ")}` };
  const issuer = [...issuers][0]!;
  const url = new URL(issuer);
  if (url.protocol !== "http:" || !isLoopbackHost(url.hostname) || !url.port || url.pathname !== "/") {
    return { skipped: `its issuer ${issuer} is not http://<loopback address>:<port>` };
  }
  const clients = new Map<string, DemoIdpClient>();
  for (const { tenant, provider } of demoProviders) {
    const client = clients.get(provider.clientId) ?? { clientId: provider.clientId, clientSecret: secret, redirectUris: [] };
    client.redirectUris.push(`${settings.GUESTGATE_BASE_URL}${callbackPath(tenant.slug, provider.id)}`);
    clients.set(provider.clientId, client);
  }
  return { plan: { issuer, clients: [...clients.values()] } };
}
