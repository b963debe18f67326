import { createClient } from "@redis/client";
import type { RateLimitStore } from "../journeys";

const newClient = (url: string) => createClient({ url, disableOfflineQueue: true });
export type RedisClient = ReturnType<typeof newClient>;

/** Keys of this store in a Redis that other programs may share. */
const PREFIX = "guestgate:rate:";

/**
 * A client for REDIS_URL that connects now and reconnects by itself. Without the offline queue a
 * command fails at once while Redis is away (with it, it would wait for the reconnection for as
 * long as that takes); the callers answer that failure as they answer a database that is away
 * (503), never by letting the request through uncounted.
 */
export function openRedis(url: string, onError: (error: Error) => void): RedisClient {
  const client = newClient(url);
  // Without a listener node-redis rethrows connection errors as an unhandled 'error' event.
  client.on("error", onError);
  client.connect().catch(onError);
  return client;
}

/**
 * Fixed-window counters in Redis, for deployments where every hit on the database's
 * rate_limit_counters is too much: one INCR and PEXPIREAT per hit, atomically (MULTI), so that two
 * instances counting the same key see one count, and Redis drops a window's key when it has ended
 * (no purge job needed).
 */
export function createRedisRateLimitStore(client: RedisClient, prefix = PREFIX): RateLimitStore {
  return {
    async increment(key, windowStart, expiresAt) {
      const name = `${prefix}${key}:${windowStart.getTime()}`;
      const [count] = await client.multi().incr(name).pExpireAt(name, expiresAt.getTime()).exec();
      if (typeof count !== "number") throw new Error(`Redis answered INCR ${name} with ${String(count)}`);
      return count;
    },
  };
}
