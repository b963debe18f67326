import type { FunnelState, FunnelStore, FunnelTally } from "../journeys";
import { isUniqueViolation, type PrismaClient } from "./client";

const GROUPED = ["day", "flowName", "provider", "locale", "identityProven", "attributesSubmitted", "outcome"] as const;

/**
 * The sign-up funnel on Prisma: one row per journey, every change one statement (an insert, or an
 * updateMany guarded by "no outcome yet"), so concurrent instances neither lose nor double counts.
 * The overview reads it as groups on the (tenantId, day) index.
 */
export function createFunnelStore(prisma: PrismaClient): FunnelStore {
  return {
    async start(row) {
      try {
        await prisma.signUpFunnelJourney.create({ data: row });
      } catch (error) {
        // The same journey started twice (a replayed insert) still counts once.
        if (!isUniqueViolation(error)) throw error;
      }
    },
    async choose(tenantId, journeyKey, provider) {
      await prisma.signUpFunnelJourney.updateMany({
        where: { tenantId, journeyKey, identityProven: false, outcome: null },
        data: { provider },
      });
    },
    async reach(tenantId, journeyKey, changes) {
      await prisma.signUpFunnelJourney.updateMany({ where: { tenantId, journeyKey, outcome: null }, data: changes });
    },
    async end(tenantId, journeyKey, outcome) {
      await prisma.signUpFunnelJourney.updateMany({ where: { tenantId, journeyKey, outcome: null }, data: { outcome } });
    },
    async tally(tenantId, range, now) {
      const where = { tenantId, day: { gte: range.from, lte: range.to } };
      const [groups, open] = await Promise.all([
        prisma.signUpFunnelJourney.groupBy({ by: [...GROUPED], where, _count: { _all: true } }),
        // Journeys without an outcome that can still go on: the rest of the open ones were abandoned.
        prisma.signUpFunnelJourney.groupBy({
          by: [...GROUPED],
          where: { ...where, outcome: null, expiresAt: { gt: now } },
          _count: { _all: true },
        }),
      ]);
      const keyOf = (g: (typeof groups)[number]) =>
        JSON.stringify([g.day, g.flowName, g.provider, g.locale, g.identityProven, g.attributesSubmitted]);
      const live = new Map(open.map((g) => [keyOf(g), g._count._all]));
      const tallies: FunnelTally[] = [];
      const push = (g: (typeof groups)[number], state: FunnelState, journeys: number) => {
        if (journeys > 0)
          tallies.push({
            day: g.day,
            flowName: g.flowName,
            provider: g.provider,
            locale: g.locale,
            identityProven: g.identityProven,
            attributesSubmitted: g.attributesSubmitted,
            state,
            journeys,
          });
      };
      for (const g of groups) {
        if (g.outcome !== null) {
          push(g, g.outcome as FunnelState, g._count._all);
          continue;
        }
        const inProgress = live.get(keyOf(g)) ?? 0;
        push(g, "inProgress", inProgress);
        push(g, "abandoned", g._count._all - inProgress);
      }
      return tallies;
    },
  };
}
