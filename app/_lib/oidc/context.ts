import { createLogger } from "../log";
import { cachedApplications } from "./cache/cached-applications";
import { LIFETIMES } from "./constants";
import type { TenantDirectory } from "../tenant";
import { createKeyStore, type KeyStore } from "./keys/key-store";
import { systemClock, type Clock, type OidcRepositories } from "./ports";
import { tenantUrls, type TenantUrls } from "./urls";

/** What createOidcProvider needs (wired once in app/_lib/server.ts). */
export interface OidcDeps {
  /** GUESTGATE_BASE_URL: the public origin, e.g. https://id.example.com (no trailing slash). */
  baseUrl: string;
  tenants: Pick<TenantDirectory, "find">;
  repositories: OidcRepositories;
  /** 32 bytes (GUESTGATE_KEY_ENCRYPTION_KEY); signing fails with a readable error while it is missing. */
  keyEncryptionKey: Uint8Array | undefined;
  clock?: Clock;
  /**
   * How long this instance trusts its copies of applications, secrets and signing keys
   * (LIFETIMES.configCache when unset; 0 reads the database every time): the staleness bound.
   */
  cacheSeconds?: number;
  /** Unexpected errors (they become server_error responses). */
  onError?: (error: unknown) => void;
}

/** The provider's shared, resolved dependencies, handed to every endpoint and step. */
export interface ProviderContext {
  baseUrl: string;
  /** https deployments use Secure, __Host- cookies. */
  secure: boolean;
  tenants: Pick<TenantDirectory, "find">;
  repositories: OidcRepositories;
  clock: Clock;
  keys: KeyStore;
  /** Drops this process's copies of applications and secrets (after a change made in this process). */
  forgetApplications(): void;
  urls(tenant: string): TenantUrls;
  reportError(error: unknown): void;
}

/** Where unexpected errors go when the composition root passes no onError (tests, tools). */
const fallbackLog = createLogger({ level: "info", bindings: { module: "oidc" } });

export function createProviderContext(deps: OidcDeps): ProviderContext {
  const clock = deps.clock ?? systemClock;
  const cacheSeconds = deps.cacheSeconds ?? LIFETIMES.configCache;
  const urls = new Map<string, TenantUrls>();
  const applications = cachedApplications(deps.repositories.applications, clock, cacheSeconds);
  return {
    baseUrl: deps.baseUrl,
    secure: deps.baseUrl.startsWith("https:"),
    tenants: deps.tenants,
    repositories: { ...deps.repositories, applications },
    forgetApplications: () => applications.forgetAll(),
    clock,
    keys: createKeyStore({ repository: deps.repositories.signingKeys, kek: deps.keyEncryptionKey, clock, cacheSeconds }),
    urls(tenant) {
      let found = urls.get(tenant);
      if (!found) urls.set(tenant, (found = tenantUrls(deps.baseUrl, tenant)));
      return found;
    },
    reportError: deps.onError ?? ((error) => fallbackLog.error("oidc endpoint failed", { err: error })),
  };
}
