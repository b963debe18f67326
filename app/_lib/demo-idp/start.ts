// When Contoso ID runs: only in the demo (GUESTGATE_DEMO, which env.ts already refuses to turn on
// for a non-loopback base URL or production without the explicit override), only when `npm run
// setup` wrote its client secret, and only on a loopback http issuer. The tenants file says where it
// is and who its clients are: every `oidc` provider whose secret is DEMO_IDP_SECRET_ENV, and every
// `microsoft-entra` one with that secret, whose issuer is `{Contoso ID}/{directory id}/v2.0` (the
// Microsoft-style directory, server.ts).
import { demoEnabled, isLoopbackHost, type Env } from "../env";
import type { Tenant } from "../tenant";
import type { DemoDirectory, DemoIdpClient } from "./server";

export const DEMO_IDP_SECRET_ENV = "GUESTGATE_DEMO_IDP_SECRET";

export interface DemoIdpPlan {
  issuer: string;
  clients: DemoIdpClient[];
  directory?: DemoDirectory;
}

type Callback = (tenantSlug: string, providerId: string) => string;

/** Clients by client id, each with a redirect URI per tenant that uses it. */
function clientsOf(
  uses: readonly { tenant: Tenant; provider: { id: string; clientId: string } }[],
  secret: string,
  baseUrl: string,
  callbackPath: Callback,
): DemoIdpClient[] {
  const clients = new Map<string, DemoIdpClient>();
  for (const { tenant, provider } of uses) {
    const client = clients.get(provider.clientId) ?? { clientId: provider.clientId, clientSecret: secret, redirectUris: [] };
    client.redirectUris.push(`${baseUrl}${callbackPath(tenant.slug, provider.id)}`);
    clients.set(provider.clientId, client);
  }
  return [...clients.values()];
}

/** What to start, or why not (undefined reason = nothing configured, nothing to say). */
export function planDemoIdp(
  settings: Pick<Env, "NODE_ENV" | "GUESTGATE_DEMO" | "GUESTGATE_BASE_URL">,
  tenants: readonly Tenant[],
  secret: string | undefined,
  /** Where the tenant's Auth.js expects the person back from this provider (federationBasePath + /callback/id). */
  callbackPath: Callback,
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
  const clients = clientsOf(demoProviders, secret, settings.GUESTGATE_BASE_URL, callbackPath);
  const directory = planDirectory(tenants, issuer, secret, settings.GUESTGATE_BASE_URL, callbackPath);
  if (typeof directory === "string") return { skipped: directory };
  return { plan: { issuer, clients, ...(directory ? { directory } : {}) } };
}

/** The Microsoft-style directory the tenants ask Contoso ID to be, or why it cannot (a string). */
function planDirectory(
  tenants: readonly Tenant[],
  origin: string,
  secret: string,
  baseUrl: string,
  callbackPath: Callback,
): DemoDirectory | string | undefined {
  const uses = tenants.flatMap((tenant) =>
    tenant.identityProviders.flatMap((provider) =>
      provider.kind === "microsoft-entra" && provider.clientSecretEnv === DEMO_IDP_SECRET_ENV ? [{ tenant, provider }] : [],
    ),
  );
  if (uses.length === 0) return undefined;
  const tenantIds = new Set(uses.map(({ provider }) => provider.audience));
  if (tenantIds.size !== 1) return `the tenants give its directory more than one id: ${[...tenantIds].join(", ")}`;
  const tenantId = [...tenantIds][0]!;
  const expected = `${origin}/${tenantId}/v2.0`;
  const wrong = uses.find(({ provider }) => provider.issuer?.replace(/\/$/, "") !== expected);
  if (wrong) return `the Microsoft-style provider ${wrong.provider.id} must have the issuer ${expected}`;
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(tenantId)) {
    return `its directory's audience ${tenantId} is not a directory id (a GUID)`;
  }
  return { tenantId, clients: clientsOf(uses, secret, baseUrl, callbackPath) };
}
