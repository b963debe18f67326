/**
 * Fixed-window counters: each window of `windowSeconds` (aligned to the epoch) counts hits per
 * key. Simple to store with one upsert (Prisma: increment on a unique (key, windowStart)); the
 * price is that a burst across a window boundary may reach twice the limit, which is acceptable
 * for throttling mail.
 */
export interface RateLimitStore {
  /** Adds one hit to `key` in the window starting at `windowStart`; returns the window's count with it. The row may be deleted after `expiresAt`. */
  increment(key: string, windowStart: Date, expiresAt: Date): Promise<number>;
}

export interface RateLimitRule {
  limit: number;
  windowSeconds: number;
}

export type RateLimitDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

export async function takeRateLimit(
  store: RateLimitStore,
  key: string,
  rule: RateLimitRule,
  now: Date,
): Promise<RateLimitDecision> {
  return (await countRateLimit(store, key, rule, now)).decision;
}

/** takeRateLimit, also telling the window's count with this hit (the proof-of-work thresholds read it). */
export async function countRateLimit(
  store: RateLimitStore,
  key: string,
  rule: RateLimitRule,
  now: Date,
): Promise<{ count: number; decision: RateLimitDecision }> {
  const windowMs = rule.windowSeconds * 1000;
  const windowStart = Math.floor(now.getTime() / windowMs) * windowMs;
  const windowEnd = windowStart + windowMs;
  const count = await store.increment(key, new Date(windowStart), new Date(windowEnd));
  if (count <= rule.limit) return { count, decision: { allowed: true } };
  return { count, decision: { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((windowEnd - now.getTime()) / 1000)) } };
}

/** Counters in a Map: for tests and a single-process demo (the Prisma store is shared across processes). */
export function createInMemoryRateLimitStore(): RateLimitStore & { size(): number } {
  const counters = new Map<string, { count: number; expiresAt: Date }>();
  return {
    async increment(key, windowStart, expiresAt) {
      for (const [name, counter] of counters) if (counter.expiresAt <= windowStart) counters.delete(name);
      const name = `${key}\u0000${windowStart.toISOString()}`;
      const counter = counters.get(name) ?? { count: 0, expiresAt };
      counter.count += 1;
      counters.set(name, counter);
      return counter.count;
    },
    size: () => counters.size,
  };
}
