import { describe, expect, it } from "vitest";
import { expiryJobs, type ExpiringStores } from "./expiry-jobs";
import { purgeJob } from "./purge";
import type { ExpiringStore } from "./types";

/** A store of `total` dead rows that deletes at most `limit` per call and records the cut-offs asked for. */
function deadRows(total: number): ExpiringStore & { calls: { before: Date; limit: number }[] } {
  let left = total;
  const calls: { before: Date; limit: number }[] = [];
  return {
    calls,
    async deleteExpired(before, limit) {
      calls.push({ before, limit });
      const n = Math.min(left, limit);
      left -= n;
      return n;
    },
  };
}

const context = { now: new Date("2026-12-01T12:00:00Z"), actor: { type: "system" as const, name: "job:test" } };

describe("purge jobs", () => {
  it("deletes in batches until a batch comes back short, keeping rows for keepSeconds after they died", async () => {
    const store = deadRows(1201);
    const job = purgeJob({ name: "purge-things", kind: "things", store, keepSeconds: 3600, everySeconds: 60, batchSize: 500 });
    expect(await job.run(context)).toEqual({ things: 1201 });
    expect(store.calls.map((c) => c.limit)).toEqual([500, 500, 500]);
    expect(store.calls.every((c) => c.before.toISOString() === "2026-12-01T11:00:00.000Z")).toBe(true);
  });

  it("stops after maxBatches: one run stays bounded, the rest waits for the next", async () => {
    const store = deadRows(10_000);
    const job = purgeJob({
      name: "purge-things",
      kind: "things",
      store,
      keepSeconds: 0,
      everySeconds: 60,
      batchSize: 100,
      maxBatches: 3,
    });
    expect(await job.run(context)).toEqual({ things: 300 });
  });

  it("has one job per expiring store, each with a cut-off in the past", async () => {
    const stores = Object.fromEntries(
      [
        "journeys",
        "interactions",
        "authorizationCodes",
        "emailPasscodes",
        "opSessions",
        "refreshTokens",
        "grants",
        "rateLimitCounters",
        "outbox",
        "adminSessions",
        "adminCeremonies",
        "signUpFunnel",
      ].map((kind) => [kind, deadRows(1)]),
    ) as unknown as Record<keyof ExpiringStores, ReturnType<typeof deadRows>>;
    const jobs = expiryJobs(stores);
    expect(new Set(jobs.map((j) => j.name)).size).toBe(12);
    for (const job of jobs) await job.run(context);
    for (const store of Object.values(stores)) {
      expect(store.calls).toHaveLength(1);
      expect(store.calls[0]!.before.getTime()).toBeLessThanOrEqual(context.now.getTime());
    }
  });
});
