import { describe, expect, it } from "vitest";
import { createInMemoryRateLimitStore, takeRateLimit } from "./rate-limit";

const rule = { limit: 2, windowSeconds: 60 };
const at = (iso: string) => new Date(`2026-05-04T09:${iso}Z`);

describe("fixed-window rate limit", () => {
  it("allows `limit` hits per window and says when the window ends", async () => {
    const store = createInMemoryRateLimitStore();
    expect(await takeRateLimit(store, "k", rule, at("00:10.000"))).toEqual({ allowed: true });
    expect(await takeRateLimit(store, "k", rule, at("00:20.000"))).toEqual({ allowed: true });
    expect(await takeRateLimit(store, "k", rule, at("00:30.000"))).toEqual({ allowed: false, retryAfterSeconds: 30 });
    expect(await takeRateLimit(store, "other", rule, at("00:30.000"))).toEqual({ allowed: true });
    expect(await takeRateLimit(store, "k", rule, at("01:00.000"))).toEqual({ allowed: true });
  });
  it("forgets windows that have ended", async () => {
    const store = createInMemoryRateLimitStore();
    await takeRateLimit(store, "a", rule, at("00:00.000"));
    await takeRateLimit(store, "b", rule, at("05:00.000"));
    expect(store.size()).toBe(1);
  });
});
