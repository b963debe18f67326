import { describe, expect, it } from "vitest";
import { createTtlCache } from "./ttl-cache";

describe("createTtlCache", () => {
  let nowMs = 0;
  const clock = { now: () => new Date(nowMs) };

  it("serves a copy for the period, then loads again", async () => {
    const cache = createTtlCache<number>({ ttlSeconds: 5, maxEntries: 10, clock });
    let loads = 0;
    const load = async () => ++loads;
    expect(await cache.get("a", load)).toBe(1);
    nowMs += 4_999;
    expect(await cache.get("a", load)).toBe(1);
    nowMs += 1;
    expect(await cache.get("a", load)).toBe(2);
  });

  it("keeps no misses, shares one load between concurrent callers, and stays within its size", async () => {
    const cache = createTtlCache<string>({ ttlSeconds: 5, maxEntries: 2, clock });
    let loads = 0;
    expect(await cache.get("gone", async () => (loads++, null))).toBeNull();
    expect(await cache.get("gone", async () => (loads++, null))).toBeNull();
    expect(loads).toBe(2);
    const slow = async () => (loads++, "v");
    await Promise.all([cache.get("x", slow), cache.get("x", slow)]);
    expect(loads).toBe(3);
    await cache.get("y", async () => "y");
    await cache.get("z", async () => "z");
    // "x" was the oldest: it went to make room.
    expect(await cache.get("x", async () => "reloaded")).toBe("reloaded");
  });

  it("does not keep a load that an invalidation overtook", async () => {
    const cache = createTtlCache<string>({ ttlSeconds: 5, maxEntries: 10, clock });
    let release!: (value: string) => void;
    const pending = cache.get("k", () => new Promise<string>((resolve) => (release = resolve)));
    cache.delete("k");
    release("stale");
    expect(await pending).toBe("stale");
    expect(await cache.get("k", async () => "fresh")).toBe("fresh");
  });
});
