import type { TakenResults } from "../federation";
import type { PrismaClient } from "./client";
import { createRateLimitStore } from "./journey-repositories";

/**
 * Upstream results already taken (federation's `TakenResults`), kept as rate-limit counters that
 * may reach 1 once: one row per result, keyed by its digest and issue time, shared by every
 * instance, and purged by the rate-limit job once the result has expired. The same conditional
 * upsert as every limit, so two instances taking one result at once see counts 1 and 2.
 */
export function createTakenResultStore(prisma: PrismaClient): TakenResults {
  const counters = createRateLimitStore(prisma);
  return { takeOnce: async (key, issuedAt, expiresAt) => (await counters.increment(key, issuedAt, expiresAt)) === 1 };
}
