/** One issued passcode. There is at most one per journey: issuing replaces the previous one. */
export interface OtpRecord {
  id: string;
  journeyId: string;
  /** HMAC of journey, address and code (passcode.ts); the code itself is never stored. */
  codeHash: string;
  createdAt: Date;
  expiresAt: Date;
  /** Verifications started against this code, the successful one included. */
  attempts: number;
  consumedAt: Date | null;
}

export interface NewOtp {
  id: string;
  journeyId: string;
  codeHash: string;
  createdAt: Date;
  expiresAt: Date;
}

export interface AttemptConditions {
  now: Date;
  maxAttempts: number;
}

/**
 * Storage for passcodes. Each state change is ONE conditional write, so concurrent requests cannot
 * both win (docs/ARCHITECTURE.md, "Data"); implementations must keep that, the in-memory one included.
 */
export interface OtpRepository {
  /**
   * Stores the journey's new code and, in the same transaction, removes the one before it: only
   * the latest code counts. (Prisma: deleteMany({ journeyId }) + create, in one $transaction;
   * a unique journeyId makes a racing second issue fail instead of leaving two live codes.)
   */
  issue(otp: NewOtp): Promise<OtpRecord>;
  findByJourney(journeyId: string): Promise<OtpRecord | undefined>;
  /**
   * Spends one attempt before the code is compared: attempts + 1 WHERE id AND consumedAt IS NULL
   * AND attempts < maxAttempts AND expiresAt > now. Returns the new count, or undefined when the
   * row did not match (used, expired, replaced or out of attempts).
   */
  spendAttempt(id: string, conditions: AttemptConditions): Promise<number | undefined>;
  /**
   * consumedAt = now WHERE id AND consumedAt IS NULL AND attempts <= maxAttempts AND expiresAt >
   * now. True for exactly one caller. (`<=`, not `<`: the caller's own attempt is already spent.)
   */
  consume(id: string, conditions: AttemptConditions): Promise<boolean>;
}
