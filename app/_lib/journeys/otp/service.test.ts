import { describe, expect, it } from "vitest";
import { createInMemoryOtpRepository } from "./memory-repository";
import { createPasscodeService } from "./service";
import { otherThan, passcodeHarness } from "./test-harness";

const journey = "journey-1";
const ann = "ann@woodgrove.example";
const MINUTE = 60_000;

describe("e-mail one-time passcode: issuing", () => {
  it("mails six digits to the normalised address, valid for 10 minutes", async () => {
    const h = passcodeHarness();
    const result = await h.request(journey, "  Ann@Woodgrove.EXAMPLE ");
    expect(result).toMatchObject({ status: "sent", address: ann, validForMinutes: 10 });
    expect(h.sent).toHaveLength(1);
    expect(h.sent[0]).toMatchObject({ to: ann, validForMinutes: 10 });
    expect(h.sent[0]!.code).toMatch(/^\d{6}$/);
  });

  it("stores only a hash: the code appears nowhere in the stored record", async () => {
    const h = passcodeHarness();
    const code = await h.codeFor(journey, ann);
    const stored = JSON.stringify(h.repository.all());
    expect(stored).not.toContain(code);
    expect(h.repository.all()[0]!.codeHash).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it("refuses an address that is not one, without sending", async () => {
    const h = passcodeHarness();
    expect(await h.request(journey, "ann@")).toEqual({ status: "invalidAddress" });
    expect(h.sent).toHaveLength(0);
  });

  it("lets a failed delivery reach the caller", async () => {
    const h = passcodeHarness();
    const failing = () => Promise.reject(new Error("SMTP down"));
    await expect(h.service.request({ journeyId: journey, email: ann, client: "198.51.100.1", deliver: failing })).rejects.toThrow(
      "SMTP down",
    );
  });
});

describe("e-mail one-time passcode: verifying", () => {
  it("accepts the right code once (single use)", async () => {
    const h = passcodeHarness();
    const code = await h.codeFor(journey, ann);
    expect(await h.service.verify({ journeyId: journey, email: ann, code })).toEqual({ status: "verified", address: ann });
    expect(await h.service.verify({ journeyId: journey, email: ann, code })).toEqual({ status: "expired" });
  });

  it("accepts the code typed with spaces or a hyphen, and the address in other case", async () => {
    const h = passcodeHarness();
    const code = await h.codeFor(journey, ann);
    const typed = `${code.slice(0, 3)} - ${code.slice(3)}`;
    expect(await h.service.verify({ journeyId: journey, email: "ANN@woodgrove.example", code: typed })).toMatchObject({
      status: "verified",
    });
  });

  it("is valid until just before 10 minutes and expired at exactly 10 minutes", async () => {
    const early = passcodeHarness();
    const code1 = await early.codeFor(journey, ann);
    early.advance(10 * MINUTE - 1);
    expect(await early.service.verify({ journeyId: journey, email: ann, code: code1 })).toMatchObject({ status: "verified" });

    const late = passcodeHarness();
    const code2 = await late.codeFor(journey, ann);
    late.advance(10 * MINUTE);
    expect(await late.service.verify({ journeyId: journey, email: ann, code: code2 })).toEqual({ status: "expired" });
  });

  it("dies after 5 wrong codes: the 6th submission fails even when it is right", async () => {
    const h = passcodeHarness();
    const code = await h.codeFor(journey, ann);
    const wrong = otherThan(code);
    const answers = [];
    for (let i = 0; i < 5; i += 1) answers.push(await h.service.verify({ journeyId: journey, email: ann, code: wrong }));
    expect(answers).toEqual([
      { status: "wrongCode", attemptsLeft: 4 },
      { status: "wrongCode", attemptsLeft: 3 },
      { status: "wrongCode", attemptsLeft: 2 },
      { status: "wrongCode", attemptsLeft: 1 },
      { status: "locked" },
    ]);
    expect(await h.service.verify({ journeyId: journey, email: ann, code })).toEqual({ status: "locked" });
  });

  it("still accepts the right code as the 5th attempt", async () => {
    const h = passcodeHarness();
    const code = await h.codeFor(journey, ann);
    for (let i = 0; i < 4; i += 1) await h.service.verify({ journeyId: journey, email: ann, code: otherThan(code) });
    expect(await h.service.verify({ journeyId: journey, email: ann, code })).toMatchObject({ status: "verified" });
  });

  it("lets at most 5 guesses be compared, however many arrive in parallel", async () => {
    const h = passcodeHarness();
    const code = await h.codeFor(journey, ann);
    const guesses = Array.from({ length: 40 }, (_, i) => String((Number(code) + 1 + i) % 1_000_000).padStart(6, "0"));
    const answers = await Promise.all(
      [...guesses, code].map((guess) => h.service.verify({ journeyId: journey, email: ann, code: guess })),
    );
    expect(h.repository.all()[0]!.attempts).toBe(5);
    expect(answers.filter((a) => a.status === "wrongCode")).toHaveLength(4);
    // The right code came 41st: all five attempts were spent before it could be compared.
    expect(answers.at(-1)).toEqual({ status: "locked" });
  });

  it("counts only the latest code: asking again invalidates the previous one", async () => {
    const h = passcodeHarness();
    const first = await h.codeFor(journey, ann);
    const second = await h.codeFor(journey, ann);
    if (first !== second)
      expect(await h.service.verify({ journeyId: journey, email: ann, code: first })).toMatchObject({ status: "wrongCode" });
    expect(await h.service.verify({ journeyId: journey, email: ann, code: second })).toMatchObject({ status: "verified" });
    expect(h.repository.all()).toHaveLength(1);
  });

  it("starts a fresh attempt count with a new code", async () => {
    const h = passcodeHarness();
    const old = await h.codeFor(journey, ann);
    for (let i = 0; i < 5; i += 1) await h.service.verify({ journeyId: journey, email: ann, code: otherThan(old) });
    const fresh = await h.codeFor(journey, ann);
    expect(await h.service.verify({ journeyId: journey, email: ann, code: fresh })).toMatchObject({ status: "verified" });
  });

  it("is bound to the address it was sent to", async () => {
    const h = passcodeHarness();
    const code = await h.codeFor(journey, ann);
    expect(await h.service.verify({ journeyId: journey, email: "bob@woodgrove.example", code })).toEqual({
      status: "wrongCode",
      attemptsLeft: 4,
    });
    expect(await h.service.verify({ journeyId: journey, email: ann, code })).toMatchObject({ status: "verified" });
  });

  it("is bound to the journey it was sent for", async () => {
    const h = passcodeHarness();
    const code = await h.codeFor(journey, ann);
    expect(await h.service.verify({ journeyId: "journey-2", email: ann, code })).toEqual({ status: "expired" });
    const other = await h.codeFor("journey-2", ann);
    if (other !== code)
      expect(await h.service.verify({ journeyId: "journey-2", email: ann, code })).toMatchObject({ status: "wrongCode" });
    expect(await h.service.verify({ journeyId: journey, email: ann, code })).toMatchObject({ status: "verified" });
  });

  it("gives exactly one success to parallel correct submissions", async () => {
    const h = passcodeHarness();
    const code = await h.codeFor(journey, ann);
    const answers = await Promise.all(
      Array.from({ length: 3 }, () => h.service.verify({ journeyId: journey, email: ann, code })),
    );
    expect(answers.filter((a) => a.status === "verified")).toHaveLength(1);
    expect(answers.filter((a) => a.status === "expired")).toHaveLength(2);
  });

  it("spends no attempt on input that is not six digits", async () => {
    const h = passcodeHarness();
    const code = await h.codeFor(journey, ann);
    expect(await h.service.verify({ journeyId: journey, email: ann, code: "12345" })).toEqual({ status: "malformed" });
    expect(await h.service.verify({ journeyId: journey, email: ann, code: "12345a" })).toEqual({ status: "malformed" });
    expect(h.repository.all()[0]!.attempts).toBe(0);
    expect(await h.service.verify({ journeyId: journey, email: ann, code })).toMatchObject({ status: "verified" });
  });

  it("answers 'expired' when no code was ever sent", async () => {
    const h = passcodeHarness();
    expect(await h.service.verify({ journeyId: journey, email: ann, code: "123456" })).toEqual({ status: "expired" });
  });
});

describe("e-mail one-time passcode: send limits", () => {
  it("sends at most 5 codes per address in 15 minutes, then says how long to wait", async () => {
    const h = passcodeHarness();
    for (let i = 0; i < 5; i += 1) expect(await h.request(`j${i}`, ann, `192.0.2.${i}`)).toMatchObject({ status: "sent" });
    const limited = await h.request("j5", "ANN@woodgrove.example", "192.0.2.99");
    expect(limited).toMatchObject({ status: "rateLimited" });
    expect(limited.status === "rateLimited" && limited.retryAfterSeconds).toBeGreaterThan(0);
    expect(h.sent).toHaveLength(5);
    expect(await h.request("j6", "bob@woodgrove.example", "192.0.2.99")).toMatchObject({ status: "sent" });
  });

  it("sends at most 20 codes per client in 15 minutes, whatever the addresses", async () => {
    const h = passcodeHarness();
    for (let i = 0; i < 20; i += 1) expect(await h.request(`j${i}`, `guest${i}@example.com`)).toMatchObject({ status: "sent" });
    expect(await h.request("j20", "guest20@example.com")).toMatchObject({ status: "rateLimited" });
    expect(await h.request("j21", "guest21@example.com", "198.51.100.2")).toMatchObject({ status: "sent" });
  });

  it("opens again when the window has passed", async () => {
    const h = passcodeHarness({ sendsPerAddress: { limit: 1, windowSeconds: 900 } });
    expect(await h.request(journey, ann)).toMatchObject({ status: "sent" });
    const limited = await h.request(journey, ann);
    expect(limited.status).toBe("rateLimited");
    h.advance((limited.status === "rateLimited" ? limited.retryAfterSeconds : 0) * 1000);
    expect(await h.request(journey, ann)).toMatchObject({ status: "sent" });
  });

  it("gives the same answer for any valid address: nothing reveals who has an account", async () => {
    const h = passcodeHarness();
    const known = await h.request("j1", "admin@woodgrove.example", "192.0.2.1");
    const unknown = await h.request("j2", "nobody@woodgrove.example", "192.0.2.2");
    const shape = (r: typeof known) => ({ ...r, address: undefined, expiresAt: undefined });
    expect(shape(known)).toEqual(shape(unknown));
  });

  it("keeps no readable address or IP address in the counters", async () => {
    const keys: string[] = [];
    const service = createPasscodeService({
      repository: createInMemoryOtpRepository(),
      rateLimits: { increment: async (key) => (keys.push(key), 1) },
      hashKey: Buffer.alloc(32, 7),
    });
    await service.request({ journeyId: journey, email: ann, client: "203.0.113.7", deliver: async () => {} });
    expect(keys).toHaveLength(2);
    expect(keys.join(" ")).not.toMatch(/ann|woodgrove|203\.0/);
  });
});

describe("e-mail one-time passcode: policy", () => {
  it("refuses a validity over 10 minutes and an unlimited number of attempts", () => {
    expect(() => passcodeHarness({ validForMinutes: 11 })).toThrow();
    expect(() => passcodeHarness({ maxAttempts: 0 })).toThrow();
    expect(() => passcodeHarness({ maxAttempts: 1000 })).toThrow();
  });
  it("refuses a hash key shorter than 32 bytes", () => {
    const stores = { repository: createInMemoryOtpRepository(), rateLimits: { increment: async () => 1 } };
    expect(() => createPasscodeService({ ...stores, hashKey: Buffer.alloc(16) })).toThrow(RangeError);
  });
});
