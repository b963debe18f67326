import type { OtpRecord, OtpRepository } from "./repository";

/**
 * The OTP repository in a Map, for unit tests and single-process demos. Each method reads and
 * writes without an `await` in between — the equivalent of one conditional UPDATE — after
 * yielding once, so concurrent callers really interleave as they would against a database.
 */
export function createInMemoryOtpRepository(): OtpRepository & { all(): OtpRecord[] } {
  const byJourney = new Map<string, OtpRecord>();
  const yieldTurn = () => new Promise<void>((resolve) => setImmediate(resolve));
  const live = (id: string) => [...byJourney.values()].find((record) => record.id === id);

  return {
    async issue(otp) {
      await yieldTurn();
      const record: OtpRecord = { ...otp, attempts: 0, consumedAt: null };
      byJourney.set(otp.journeyId, record);
      return { ...record };
    },
    async findByJourney(journeyId) {
      await yieldTurn();
      const record = byJourney.get(journeyId);
      return record && { ...record };
    },
    async spendAttempt(id, { now, maxAttempts }) {
      await yieldTurn();
      const record = live(id);
      if (!record || record.consumedAt || record.attempts >= maxAttempts || record.expiresAt <= now) return undefined;
      record.attempts += 1;
      return record.attempts;
    },
    async consume(id, { now, maxAttempts }) {
      await yieldTurn();
      const record = live(id);
      if (!record || record.consumedAt || record.attempts > maxAttempts || record.expiresAt <= now) return false;
      record.consumedAt = now;
      return true;
    },
    all: () => [...byJourney.values()].map((record) => ({ ...record })),
  };
}
