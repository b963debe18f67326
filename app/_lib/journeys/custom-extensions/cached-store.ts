import { createTtlCache } from "../../oidc";
import type { CustomExtensionStore, EventListenerRow } from "./types";

const MAX_TENANTS = 1_000;

/**
 * A tenant's token-issuance listeners from a per-process copy trusted for `ttlSeconds`: the token
 * endpoint asks on every token, most tenants have none, and listeners change only when an
 * administrator attaches one. Any write through this store drops the copy at once; writes from
 * another instance are seen within the bound (the same rule as the other configuration caches).
 * The claims an extension answers are never cached: it is called for every token.
 */
export function cachingListeners(
  store: CustomExtensionStore,
  options: { ttlSeconds: number; clock: { now(): Date } },
): CustomExtensionStore {
  const cache = createTtlCache<{ rows: EventListenerRow[] }>({ ...options, maxEntries: MAX_TENANTS });
  return {
    ...store,
    async listeners(tenantId) {
      const found = await cache.get(tenantId, async () => ({ rows: await store.listeners(tenantId) }));
      return found?.rows ?? [];
    },
    async transaction(work) {
      try {
        return await store.transaction(work);
      } finally {
        cache.clear();
      }
    },
  };
}
