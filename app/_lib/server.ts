import path from "node:path";
import { env, type Env } from "./env";
import { createTenantDirectory, loadTenantsConfig, type TenantDirectory } from "./tenant";
import { createOidcRepositories, createPrismaClient, type PrismaClient } from "./db";
import { createOidcProvider, type OidcProvider } from "./oidc";

/**
 * Composition root: the one place that wires configuration, the database and the services built
 * on them. Route handlers, pages and the proxy ask here; domain modules get what they need passed in.
 * Kept on globalThis so that `next dev` reloading modules does not open a second database pool.
 */
interface Services {
  env: Env;
  tenants: TenantDirectory;
  database?: PrismaClient;
  oidc?: OidcProvider;
}

const holder = globalThis as typeof globalThis & { __guestgate?: Services };

function services(): Services {
  if (!holder.__guestgate) {
    const settings = env();
    const config = loadTenantsConfig(path.resolve(/*turbopackIgnore: true*/ process.cwd(), settings.GUESTGATE_CONFIG));
    holder.__guestgate = { env: settings, tenants: createTenantDirectory(config) };
  }
  return holder.__guestgate;
}

export function settings(): Env {
  return services().env;
}

export function tenants(): TenantDirectory {
  return services().tenants;
}

/** Opened on first use, so that the proxy and static pages never touch the database. */
export function database(): PrismaClient {
  const current = services();
  return (current.database ??= createPrismaClient(current.env.DATABASE_URL));
}

/**
 * The OpenID provider of every tenant. The database is opened on the first query, not here, so
 * route modules can take this at import time.
 */
export function oidc(): OidcProvider {
  const current = services();
  return (current.oidc ??= createOidcProvider({
    baseUrl: current.env.GUESTGATE_BASE_URL,
    tenants: current.tenants,
    repositories: createOidcRepositories(database()),
    keyEncryptionKey: current.env.GUESTGATE_KEY_ENCRYPTION_KEY
      ? Buffer.from(current.env.GUESTGATE_KEY_ENCRYPTION_KEY, "base64")
      : undefined,
  }));
}

/** Validates the environment and the tenants file; called at start-up (instrumentation.ts). */
export function validateConfiguration(): void {
  services();
}
