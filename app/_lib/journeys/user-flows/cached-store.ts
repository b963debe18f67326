import { createTtlCache } from "../../oidc";
import type { UserFlowStore } from "./store";

const MAX_ASSIGNMENTS = 10_000;

/**
 * Which flow an application starts, from a per-process copy trusted for `ttlSeconds`: the
 * journeys and the code exchange (application claims) ask on every request, and assignments
 * change when an operator imports or edits flows. Any write transaction through this store drops
 * the copy at once; writes from another instance are seen within the bound. "No flow" is kept too
 * (the key is an application the caller already knows).
 */
export function cachingAssignments(store: UserFlowStore, options: { ttlSeconds: number; clock: { now(): Date } }): UserFlowStore {
  type Assigned = { row: Awaited<ReturnType<UserFlowStore["assigned"]>> };
  const cache = createTtlCache<Assigned>({ ...options, maxEntries: MAX_ASSIGNMENTS });
  return {
    ...store,
    async assigned(tenantId, clientId) {
      const found = await cache.get(`${tenantId}\u0000${clientId}`, async () => ({
        row: await store.assigned(tenantId, clientId),
      }));
      return found?.row ?? null;
    },
    async transaction(work) {
      try {
        return await store.transaction(work);
      } finally {
        cache.clear();
      }
    },
    async editTransaction(work) {
      try {
        return await store.editTransaction(work);
      } finally {
        cache.clear();
      }
    },
  };
}
