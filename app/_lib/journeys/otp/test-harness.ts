import { randomBytes } from "node:crypto";
import { createInMemoryOtpRepository } from "./memory-repository";
import { createInMemoryRateLimitStore } from "./rate-limit";
import { createPasscodeService, type PasscodeDelivery } from "./service";
import type { PasscodePolicy } from "./policy";

/** A passcode service over in-memory stores, a clock the test moves, and a mailbox the test reads. */
export function passcodeHarness(policy: Partial<PasscodePolicy> = {}) {
  let clock = new Date("2026-05-04T09:00:00.000Z");
  const repository = createInMemoryOtpRepository();
  const rateLimits = createInMemoryRateLimitStore();
  const sent: PasscodeDelivery[] = [];
  const service = createPasscodeService({ repository, rateLimits, hashKey: randomBytes(32), policy, now: () => clock });
  const deliver = async (delivery: PasscodeDelivery) => {
    sent.push(delivery);
  };
  return {
    service,
    repository,
    sent,
    advance(ms: number) {
      clock = new Date(clock.getTime() + ms);
    },
    /** Asks for a code and returns it as the mail carried it. */
    async codeFor(journeyId: string, email: string, client = "203.0.113.7") {
      const result = await service.request({ journeyId, email, client, deliver });
      if (result.status !== "sent") throw new Error(`no code sent: ${result.status}`);
      return sent.at(-1)!.code;
    },
    request: (journeyId: string, email: string, client = "203.0.113.7") => service.request({ journeyId, email, client, deliver }),
  };
}

/** A six-digit code that is not `code`. */
export const otherThan = (code: string) => String((Number(code) + 1) % 1_000_000).padStart(6, "0");
