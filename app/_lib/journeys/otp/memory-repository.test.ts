import { describe, expect, it } from "vitest";
import { createInMemoryOtpRepository } from "./memory-repository";

const t0 = new Date("2026-05-04T09:00:00.000Z");
const later = (ms: number) => new Date(t0.getTime() + ms);
const newOtp = (id: string, journeyId = "j1") => ({
  id,
  journeyId,
  codeHash: `hash-${id}`,
  createdAt: t0,
  expiresAt: later(600_000),
});
const limits = { now: later(1000), maxAttempts: 5 };

// The semantics a Prisma implementation must keep too: each method is one conditional write.
describe("in-memory OTP repository", () => {
  it("keeps one code per journey: issuing replaces the previous one", async () => {
    const repository = createInMemoryOtpRepository();
    await repository.issue(newOtp("a"));
    await repository.issue(newOtp("b"));
    await repository.issue(newOtp("c", "j2"));
    expect((await repository.findByJourney("j1"))?.id).toBe("b");
    expect(await repository.spendAttempt("a", limits)).toBeUndefined();
    expect(await repository.consume("a", limits)).toBe(false);
  });

  it("spends attempts atomically: 20 parallel spends, exactly 5 succeed", async () => {
    const repository = createInMemoryOtpRepository();
    await repository.issue(newOtp("a"));
    const spent = await Promise.all(Array.from({ length: 20 }, () => repository.spendAttempt("a", limits)));
    expect(spent.filter((n) => n !== undefined).sort()).toEqual([1, 2, 3, 4, 5]);
    expect((await repository.findByJourney("j1"))?.attempts).toBe(5);
  });

  it("consumes once: parallel consumes have one winner", async () => {
    const repository = createInMemoryOtpRepository();
    await repository.issue(newOtp("a"));
    const results = await Promise.all(Array.from({ length: 5 }, () => repository.consume("a", limits)));
    expect(results.filter(Boolean)).toHaveLength(1);
    expect((await repository.findByJourney("j1"))?.consumedAt).toEqual(limits.now);
    expect(await repository.spendAttempt("a", limits)).toBeUndefined();
  });

  it("matches nothing once expired (expiresAt > now, strictly)", async () => {
    const repository = createInMemoryOtpRepository();
    await repository.issue(newOtp("a"));
    const atExpiry = { now: later(600_000), maxAttempts: 5 };
    expect(await repository.spendAttempt("a", atExpiry)).toBeUndefined();
    expect(await repository.consume("a", atExpiry)).toBe(false);
  });

  it("lets the attempt that used the last try still consume (attempts <= max)", async () => {
    const repository = createInMemoryOtpRepository();
    await repository.issue(newOtp("a"));
    for (let i = 0; i < 5; i += 1) await repository.spendAttempt("a", limits);
    expect(await repository.spendAttempt("a", limits)).toBeUndefined();
    expect(await repository.consume("a", limits)).toBe(true);
  });

  it("hands out copies, so callers cannot change stored state", async () => {
    const repository = createInMemoryOtpRepository();
    const issued = await repository.issue(newOtp("a"));
    issued.attempts = 99;
    expect((await repository.findByJourney("j1"))?.attempts).toBe(0);
  });
});
