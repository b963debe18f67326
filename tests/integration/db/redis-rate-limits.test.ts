// The rate-limit counters in Redis (REDIS_URL), against a real server: TEST_REDIS_URL names it
// (.ci/run sets it in the PostgreSQL tier). Two clients stand for two instances: they must see one
// count, a window's key must end with its window, and a Redis that is away must fail the hit
// rather than let it through uncounted.
import { randomUUID } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { createRedisRateLimitStore, openRedis, type RedisClient } from "../../../app/_lib/db";
import { takeRateLimit } from "../../../app/_lib/journeys";

const url = process.env.TEST_REDIS_URL;

describe.runIf(url)("rate-limit counters in Redis", () => {
  const clients: RedisClient[] = [];
  const errors: Error[] = [];
  const client = () => {
    const opened = openRedis(url!, (error) => errors.push(error));
    clients.push(opened);
    return opened;
  };
  // Every test's keys under their own prefix, so runs never count each other's hits.
  const prefix = `guestgate-test:${randomUUID()}:`;
  afterAll(async () => {
    const keys = await clients[0]!.keys(`${prefix}*`);
    if (keys.length > 0) await clients[0]!.del(keys);
    await Promise.all(clients.map((c) => c.close()));
    expect(errors).toEqual([]);
  });

  it("counts the hits of a window, and a new window starts again at one", async () => {
    const store = createRedisRateLimitStore(client(), prefix);
    const start = new Date("2026-12-03T10:00:00Z");
    const end = new Date(Date.now() + 60_000);
    expect([await store.increment("a", start, end), await store.increment("a", start, end)]).toEqual([1, 2]);
    expect(await store.increment("a", new Date("2026-12-03T10:15:00Z"), end)).toBe(1);
    expect(await store.increment("b", start, end)).toBe(1);
  });

  it("gives two instances hitting the same key at once one count: every hit gets its own number", async () => {
    const first = createRedisRateLimitStore(client(), prefix);
    const second = createRedisRateLimitStore(client(), prefix);
    const start = new Date();
    const end = new Date(Date.now() + 60_000);
    const counts = await Promise.all(
      Array.from({ length: 60 }, (_, i) => (i % 2 === 0 ? first : second).increment("shared", start, end)),
    );
    expect(counts.sort((x, y) => x - y)).toEqual(Array.from({ length: 60 }, (_, i) => i + 1));
  });

  it("lets Redis drop a window's key when the window has ended", async () => {
    const redis = client();
    const store = createRedisRateLimitStore(redis, prefix);
    const start = new Date();
    await store.increment("short", start, new Date(Date.now() + 300));
    const key = `${prefix}short:${start.getTime()}`;
    const ttl = await redis.pTTL(key);
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(300);
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(await redis.exists(key)).toBe(0);
  });

  it("refuses the hit after the limit, with the seconds until the window ends", async () => {
    const store = createRedisRateLimitStore(client(), prefix);
    // An hour's window, so the three hits fall in one window whenever the test runs.
    const rule = { limit: 2, windowSeconds: 3600 };
    const at = new Date();
    const windowEnd = (Math.floor(at.getTime() / 3_600_000) + 1) * 3_600_000;
    const decisions = [];
    for (let i = 0; i < 3; i++) decisions.push(await takeRateLimit(store, "limited", rule, at));
    expect(decisions).toEqual([
      { allowed: true },
      { allowed: true },
      { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((windowEnd - at.getTime()) / 1000)) },
    ]);
  });
});

describe("rate-limit counters in a Redis that is away", () => {
  it("fail the hit at once instead of letting it through or waiting for a reconnection", async () => {
    const seen: Error[] = [];
    const away = openRedis("redis://127.0.0.1:1", (error) => seen.push(error));
    try {
      const started = Date.now();
      await expect(createRedisRateLimitStore(away).increment("k", new Date(), new Date(Date.now() + 1000))).rejects.toThrow(
        /ECONNREFUSED/,
      );
      expect(Date.now() - started).toBeLessThan(2000);
      expect(seen.length).toBeGreaterThan(0);
    } finally {
      away.destroy();
    }
  });
});
