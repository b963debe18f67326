import type { ExpiringStore } from "../jobs";
import type { PrismaClient } from "./client";

/** What the tables with an `expiresAt` column have in common, as far as purging goes. */
interface ExpiringModel {
  findMany(args: {
    where: { expiresAt: { lt: Date } };
    take: number;
    select: { id: true };
    orderBy: { expiresAt: "asc" };
  }): Promise<{ id: string }[]>;
  deleteMany(args: { where: { expiresAt: { lt: Date }; id: { in: string[] } } }): Promise<{ count: number }>;
}

export interface ExpiringStoreOptions {
  /** Longest access-token lifetime: a grant with no refresh token is spent this long after it was made. */
  accessTokenLifetimeSeconds: number;
}

/**
 * deleteExpired(before, limit) for every table whose rows die. Each deletes at most `limit` rows
 * that were dead before `before`: first the ids (a bounded, indexed read), then one DELETE that
 * repeats the condition, so a row changed in between (a session re-authenticated) is never taken.
 * Nothing live can match: every condition is a moment in the past (`before` ≤ now).
 */
export function createExpiringStores(prisma: PrismaClient, options: ExpiringStoreOptions) {
  const byId =
    <W extends object>(
      find: (where: W, limit: number) => Promise<{ id: string }[]>,
      remove: (where: W & { id: { in: string[] } }) => Promise<{ count: number }>,
      dead: (before: Date) => W,
    ): ExpiringStore["deleteExpired"] =>
    async (before, limit) => {
      const ids = (await find(dead(before), limit)).map((row) => row.id);
      if (ids.length === 0) return 0;
      return (await remove({ ...dead(before), id: { in: ids } })).count;
    };

  /** Rows that die at `expiresAt`, oldest first. */
  const pastExpiry = (model: ExpiringModel) =>
    byId(
      (where: { expiresAt: { lt: Date } }, take) =>
        model.findMany({ where, take, select: { id: true }, orderBy: { expiresAt: "asc" } }),
      (where) => model.deleteMany({ where }),
      (before) => ({ expiresAt: { lt: before } }),
    );

  return {
    journeys: {
      deleteExpired: pastExpiry(prisma.journey),
    },
    interactions: {
      deleteExpired: pastExpiry(prisma.interaction),
    },
    authorizationCodes: {
      deleteExpired: pastExpiry(prisma.authorizationCode),
    },
    emailPasscodes: {
      deleteExpired: pastExpiry(prisma.emailPasscode),
    },
    opSessions: {
      // Dead once expired or ended (logout); ended sessions never revive (end() only sets endedAt).
      deleteExpired: byId(
        (where, take) => prisma.opSession.findMany({ where, take, select: { id: true } }),
        (where) => prisma.opSession.deleteMany({ where }),
        (before) => ({ OR: [{ expiresAt: { lt: before } }, { endedAt: { lt: before } }] }),
      ),
    },
    refreshTokens: {
      // Rotated and revoked tokens stay until they expire: presenting a rotated one must still
      // revoke its family (RFC 9700 §4.14.2) for as long as it could have been used.
      deleteExpired: pastExpiry(prisma.refreshToken),
    },
    grants: {
      deleteExpired: async (before, limit) => {
        // Dead: revoked; or old enough that every access token from it has expired and no refresh
        // token of it is still unexpired. An expired refresh token counts as gone whether or not
        // purge-refresh-tokens has deleted it yet: two processes run the jobs in either order.
        // Every lookup treats a missing grant as revoked (introspection, userinfo, refresh).
        const spent = new Date(before.getTime() - options.accessTokenLifetimeSeconds * 1000);
        const candidates = await prisma.grant.findMany({
          where: { OR: [{ revokedAt: { lt: before } }, { createdAt: { lt: spent } }] },
          take: limit,
          select: { id: true, revokedAt: true },
          orderBy: { createdAt: "asc" },
        });
        if (candidates.length === 0) return 0;
        const withTokens = new Set(
          (
            await prisma.refreshToken.findMany({
              where: { grantId: { in: candidates.filter((g) => !g.revokedAt).map((g) => g.id) }, expiresAt: { gte: before } },
              select: { grantId: true },
              distinct: ["grantId"],
            })
          ).map((t) => t.grantId),
        );
        const ids = candidates.filter((g) => g.revokedAt || !withTokens.has(g.id)).map((g) => g.id);
        if (ids.length === 0) return 0;
        // Refresh tokens of a revoked grant are dead with it.
        const [, { count }] = await prisma.$transaction([
          prisma.refreshToken.deleteMany({ where: { grantId: { in: ids } } }),
          prisma.grant.deleteMany({
            where: { id: { in: ids }, OR: [{ revokedAt: { lt: before } }, { createdAt: { lt: spent } }] },
          }),
        ]);
        return count;
      },
    },
    rateLimitCounters: {
      deleteExpired: async (before, limit) => {
        const rows = await prisma.rateLimitCounter.findMany({
          where: { expiresAt: { lt: before } },
          take: limit,
          select: { key: true },
          orderBy: { expiresAt: "asc" },
        });
        if (rows.length === 0) return 0;
        // By key, not by (key, window) pairs: a long OR list is what SQLite's expression depth
        // limit rejects. Other ended windows of the same keys go too; they are just as dead.
        const { count } = await prisma.rateLimitCounter.deleteMany({
          where: { expiresAt: { lt: before }, key: { in: [...new Set(rows.map((row) => row.key))] } },
        });
        return count;
      },
    },
    // The funnel's history (one row per journey, no personal data beyond a hashed journey id):
    // by its composite key, as rate-limit counters are by theirs.
    signUpFunnel: {
      deleteExpired: async (before, limit) => {
        const rows = await prisma.signUpFunnelJourney.findMany({
          where: { expiresAt: { lt: before } },
          take: limit,
          select: { journeyKey: true },
          orderBy: { expiresAt: "asc" },
        });
        if (rows.length === 0) return 0;
        const { count } = await prisma.signUpFunnelJourney.deleteMany({
          where: { expiresAt: { lt: before }, journeyKey: { in: rows.map((row) => row.journeyKey) } },
        });
        return count;
      },
    },
  } satisfies Record<string, ExpiringStore>;
}
