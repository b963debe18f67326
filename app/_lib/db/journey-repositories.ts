import type { Locale } from "../i18n";
import type {
  JourneyCompletion,
  JourneyInternal,
  JourneyRecord,
  JourneyRepository,
  JourneyUi,
  OtpRecord,
  OtpRepository,
  RateLimitStore,
} from "../journeys";
import { isUniqueViolation, type PrismaClient } from "./client";

/**
 * Journeys on Prisma. `ui` and `internal` are JSON strings; every step is one conditional
 * updateMany on (id, version), so of two submissions of the same form exactly one wins.
 */
export function createJourneyRepository(prisma: PrismaClient): JourneyRepository {
  return {
    async create(journey) {
      await prisma.journey.create({
        data: {
          id: journey.id,
          tenantId: journey.tenantId,
          kind: journey.kind,
          state: journey.state,
          version: journey.version,
          ...completionColumns(journey.completion),
          clientId: journey.clientId,
          flowId: journey.flowId,
          locale: journey.locale,
          bindingHash: journey.bindingHash,
          ui: JSON.stringify(journey.ui),
          internal: JSON.stringify(journey.internal),
          expiresAt: journey.expiresAt,
          createdAt: journey.createdAt,
        },
      });
    },
    async find(id) {
      return toRecord(await prisma.journey.findUnique({ where: { id } }));
    },
    async findLiveForInteraction(tenantId, interactionId, now) {
      return toRecord(
        await prisma.journey.findFirst({
          where: { tenantId, interactionId, expiresAt: { gt: now } },
          orderBy: [{ createdAt: "desc" }, { id: "desc" }],
        }),
      );
    },
    async rebind(id, version, bindingHash) {
      // At the version read: a step that ran meanwhile wins, and the caller starts afresh.
      const { count } = await prisma.journey.updateMany({ where: { id, version }, data: { bindingHash } });
      return count === 1;
    },
    async advance(id, version, changes) {
      const { count } = await prisma.journey.updateMany({
        where: { id, version },
        data: {
          state: changes.state,
          ui: JSON.stringify(changes.ui),
          internal: JSON.stringify(changes.internal),
          version: version + 1,
        },
      });
      return count === 1;
    },
  };
}

type JourneyRow = NonNullable<Awaited<ReturnType<PrismaClient["journey"]["findUnique"]>>>;

function toRecord(row: JourneyRow | null): JourneyRecord | null {
  const completion = row && completionOf(row);
  if (!row || !completion) return null;
  return {
    id: row.id,
    tenantId: row.tenantId,
    kind: row.kind,
    state: row.state,
    version: row.version,
    completion,
    clientId: row.clientId,
    flowId: row.flowId,
    locale: row.locale as Locale,
    bindingHash: row.bindingHash,
    ui: jsonObject(row.ui) as unknown as JourneyUi,
    internal: jsonObject(row.internal) as JourneyInternal,
    expiresAt: row.expiresAt,
    createdAt: row.createdAt,
  } satisfies JourneyRecord;
}

/** The completion target in its columns: exactly one of interactionId and redirectUrl is set. */
function completionColumns(completion: JourneyCompletion): { interactionId: string | null; redirectUrl: string | null } {
  return completion.type === "interaction"
    ? { interactionId: completion.interactionId, redirectUrl: null }
    : { interactionId: null, redirectUrl: completion.url };
}

/** A row with neither (or both) is not a journey the engine can finish: it is not found. */
function completionOf(row: { interactionId: string | null; redirectUrl: string | null }): JourneyCompletion | undefined {
  if (row.interactionId !== null && row.redirectUrl === null) return { type: "interaction", interactionId: row.interactionId };
  if (row.redirectUrl !== null && row.interactionId === null) return { type: "redirect", url: row.redirectUrl };
  return undefined;
}

/**
 * E-mail passcodes on Prisma: one row per journey (journeyId is unique), and every state change is
 * one conditional write, so parallel verifications cannot overspend attempts or consume twice.
 */
export function createOtpRepository(prisma: PrismaClient): OtpRepository {
  return {
    async issue(otp) {
      // Only the latest code counts. A racing second issue for the journey fails on the unique
      // journeyId instead of leaving two live codes.
      const [, row] = await prisma.$transaction([
        prisma.emailPasscode.deleteMany({ where: { journeyId: otp.journeyId } }),
        prisma.emailPasscode.create({
          data: {
            id: otp.id,
            journeyId: otp.journeyId,
            codeHash: otp.codeHash,
            createdAt: otp.createdAt,
            expiresAt: otp.expiresAt,
          },
        }),
      ]);
      return toOtp(row);
    },
    async findByJourney(journeyId) {
      const row = await prisma.emailPasscode.findUnique({ where: { journeyId } });
      return row ? toOtp(row) : undefined;
    },
    async spendAttempt(id, { now, maxAttempts }) {
      // The UPDATE locks the row until the transaction ends, so the read after it sees this
      // caller's own increment, never a later one.
      const [{ count }, row] = await prisma.$transaction([
        prisma.emailPasscode.updateMany({
          where: { id, consumedAt: null, attempts: { lt: maxAttempts }, expiresAt: { gt: now } },
          data: { attempts: { increment: 1 } },
        }),
        prisma.emailPasscode.findUnique({ where: { id }, select: { attempts: true } }),
      ]);
      return count === 1 && row ? row.attempts : undefined;
    },
    async consume(id, { now, maxAttempts }) {
      const { count } = await prisma.emailPasscode.updateMany({
        where: { id, consumedAt: null, attempts: { lte: maxAttempts }, expiresAt: { gt: now } },
        data: { consumedAt: now },
      });
      return count === 1;
    },
  };
}

/**
 * How far apart, in window time, the counters' opportunistic sweeps are. Every new key's first hit
 * swept before (each new address, each new window: about one DELETE per sign-up, docs/PERFORMANCE.md),
 * for rows the purge-rate-limit-counters job drops anyway; once a minute keeps the table bounded
 * without that job too.
 */
const SWEEP_EVERY_MS = 60_000;

/** Fixed-window counters on Prisma, shared by every instance of the app. */
export function createRateLimitStore(prisma: PrismaClient): RateLimitStore {
  let sweptUpTo = Number.NEGATIVE_INFINITY;
  const hit = (key: string, windowStart: Date, expiresAt: Date) =>
    prisma.rateLimitCounter.upsert({
      where: { key_windowStart: { key, windowStart } },
      create: { key, windowStart, expiresAt, count: 1 },
      update: { count: { increment: 1 } },
      select: { count: true },
    });
  return {
    async increment(key, windowStart, expiresAt) {
      let row: { count: number };
      try {
        row = await hit(key, windowStart, expiresAt);
      } catch (error) {
        // Both callers found no row and both inserted; the row exists now, so this one updates.
        if (!isUniqueViolation(error)) throw error;
        row = await hit(key, windowStart, expiresAt);
      }
      // The first hit of a window is a cheap moment to drop counters whose windows have ended —
      // at most once per SWEEP_EVERY_MS of window time in this process.
      if (row.count === 1 && windowStart.getTime() >= sweptUpTo + SWEEP_EVERY_MS) {
        sweptUpTo = windowStart.getTime();
        await prisma.rateLimitCounter.deleteMany({ where: { expiresAt: { lte: windowStart } } });
      }
      return row.count;
    },
  };
}

function toOtp(row: OtpRecord): OtpRecord {
  return {
    id: row.id,
    journeyId: row.journeyId,
    codeHash: row.codeHash,
    createdAt: row.createdAt,
    expiresAt: row.expiresAt,
    attempts: row.attempts,
    consumedAt: row.consumedAt,
  };
}

function jsonObject(text: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}
