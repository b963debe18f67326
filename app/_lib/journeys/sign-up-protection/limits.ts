import { createHmac } from "node:crypto";
import type { SignUpLimitName, Tenant } from "../../tenant";
import { countRateLimit, type RateLimitDecision, type RateLimitStore } from "../otp";

export interface SignUpLimiterDeps {
  /** Shared by every instance (the database's rate_limit_counters; purged by the jobs). */
  store: RateLimitStore;
  /** Client addresses are stored only as keyed hashes. */
  hashKey: Uint8Array;
  now?: () => Date;
}

/** The window's counts with this event, for the counters that took it (a limit of 0 counts nothing). */
export interface SignUpCounts {
  perClient?: number;
  perTenant?: number;
}

/** Counts one event of a sign-up limit against the client and then the tenant; the first that is full answers. */
export interface SignUpLimiter {
  take(name: SignUpLimitName, tenant: Pick<Tenant, "slug" | "signUpProtection">, client: string): Promise<RateLimitDecision>;
  /** `take`, also telling the counts (the proof-of-work thresholds of `aboveRate` read them). */
  count(
    name: SignUpLimitName,
    tenant: Pick<Tenant, "slug" | "signUpProtection">,
    client: string,
  ): Promise<{ decision: RateLimitDecision; counts: SignUpCounts }>;
}

/**
 * The tenant's `signUpProtection.limits` over fixed-window counters. The client's counter is taken
 * first and a refused client does not spend the tenant's, so one script cannot use up everyone's
 * allowance on its own; a limit of 0 is not counted at all.
 */
export function createSignUpLimiter(deps: SignUpLimiterDeps): SignUpLimiter {
  const now = deps.now ?? (() => new Date());
  const clientKey = (client: string) =>
    createHmac("sha256", deps.hashKey).update(`signup-client\u0000${client}`).digest("base64url");
  const limiter: SignUpLimiter = {
    async take(name, tenant, client) {
      return (await limiter.count(name, tenant, client)).decision;
    },
    async count(name, tenant, client) {
      const { perClient, perTenant } = tenant.signUpProtection.limits[name];
      const at = now();
      const windows = [
        { key: `signup:${name}:${tenant.slug}:client:${clientKey(client)}`, rule: perClient, side: "perClient" as const },
        { key: `signup:${name}:${tenant.slug}:tenant`, rule: perTenant, side: "perTenant" as const },
      ];
      const counts: SignUpCounts = {};
      for (const { key, rule, side } of windows) {
        if (rule.limit === 0) continue;
        const taken = await countRateLimit(deps.store, key, { limit: rule.limit, windowSeconds: rule.windowMinutes * 60 }, at);
        counts[side] = taken.count;
        if (!taken.decision.allowed) return { decision: taken.decision, counts };
      }
      return { decision: { allowed: true }, counts };
    },
  };
  return limiter;
}
