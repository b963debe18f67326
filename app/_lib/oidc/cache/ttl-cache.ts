import type { Clock } from "../ports";

export interface TtlCache<V> {
  /** The cached value, or what `load` gives (once, for concurrent callers); null results are not kept. */
  get(key: string, load: () => Promise<V | null>): Promise<V | null>;
  delete(key: string): void;
  clear(): void;
}

/**
 * A per-process copy of database rows, trusted for `ttlSeconds` (the documented staleness bound).
 * Bounded in size (oldest entries go first), and misses are not kept: an id nobody registered
 * costs a query each time, as before, instead of memory an attacker could fill.
 */
export function createTtlCache<V>(options: { ttlSeconds: number; maxEntries: number; clock: Clock }): TtlCache<V> {
  const entries = new Map<string, { value: V; loadedAt: number }>();
  const inflight = new Map<string, Promise<V | null>>();
  // Bumped by delete/clear: a load that started before an invalidation must not store its result.
  let generation = 0;
  const ttlMs = options.ttlSeconds * 1000;

  return {
    async get(key, load) {
      const now = options.clock.now().getTime();
      const hit = entries.get(key);
      if (hit && now - hit.loadedAt < ttlMs) return hit.value;
      let pending = inflight.get(key);
      if (!pending) {
        const started = generation;
        pending = load()
          .then((value) => {
            if (value !== null && started === generation) {
              entries.delete(key);
              if (entries.size >= options.maxEntries) entries.delete(entries.keys().next().value!);
              entries.set(key, { value, loadedAt: now });
            }
            return value;
          })
          .finally(() => inflight.delete(key));
        inflight.set(key, pending);
      }
      return pending;
    },
    delete(key) {
      generation++;
      entries.delete(key);
      inflight.delete(key);
    },
    clear() {
      generation++;
      entries.clear();
      inflight.clear();
    },
  };
}
