import { LIFETIMES } from "../constants";
import type { ApplicationRecord, ApplicationRepository, ClientSecretRecord, Clock } from "../ports";
import { createTtlCache } from "./ttl-cache";

const MAX_APPLICATIONS = 10_000;

/**
 * Applications and their secret hashes as the token and authorize endpoints read them, from a
 * per-process copy trusted for LIFETIMES.configCache seconds: every token request used to pay two
 * queries for rows that change a few times a year. Writes through this repository drop the copy
 * at once; writes elsewhere (another instance, the Graph API's store, the CLI) are seen within the
 * bound — a revoked secret, a deleted application or a removed redirect URI included.
 * Records are frozen: callers share them.
 */
export type CachedApplicationRepository = ApplicationRepository & {
  /** Drops every copy: the application directory changed one (same process: no staleness at all). */
  forgetAll(): void;
};

export function cachedApplications(
  inner: ApplicationRepository,
  clock: Clock,
  ttlSeconds: number = LIFETIMES.configCache,
): CachedApplicationRepository {
  const byClientId = createTtlCache<ApplicationRecord>({ ttlSeconds, maxEntries: MAX_APPLICATIONS, clock });
  const secretsOf = createTtlCache<ClientSecretRecord[]>({ ttlSeconds, maxEntries: MAX_APPLICATIONS, clock });
  return {
    ...inner,
    forgetAll() {
      byClientId.clear();
      secretsOf.clear();
    },
    findByClientId: (clientId) => byClientId.get(clientId, async () => deepFreeze(await inner.findByClientId(clientId))),
    secrets: async (applicationId) =>
      (await secretsOf.get(applicationId, async () => deepFreeze(await inner.secrets(applicationId)))) ?? [],
    async create(application, secret, audit) {
      const created = await inner.create(application, secret, audit);
      byClientId.delete(created.clientId);
      return created;
    },
    async addSecret(secret, audit) {
      const added = await inner.addSecret(secret, audit);
      secretsOf.delete(secret.applicationId);
      return added;
    },
  };
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === "object" && !Object.isFrozen(value) && !(value instanceof Date)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
}
