import { env, secretFromEnvironment } from "../env";
import type { Tenant } from "../tenant";

export interface AvailabilitySources {
  /** AUTH_SECRET: Auth.js seals its round-trip cookies with it, so without it no upstream works. */
  authSecret: string | undefined;
  secretFromEnvironment(name: string): string | undefined;
}

/**
 * The identity providers of a tenant that can be offered now, in tenants.json order: e-mail
 * passcodes always, an upstream only when its client secret (and AUTH_SECRET) is set. The same rule
 * as `createFederation(...).offeredProviders`, for callers that need ids without the service.
 */
export function availableProviderIds(
  tenant: Tenant,
  sources: AvailabilitySources = { authSecret: env().AUTH_SECRET, secretFromEnvironment },
): string[] {
  return tenant.identityProviders
    .filter(
      (provider) =>
        provider.kind === "email-otp" || (sources.authSecret && sources.secretFromEnvironment(provider.clientSecretEnv)),
    )
    .map((provider) => provider.id);
}
