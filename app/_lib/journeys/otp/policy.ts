import { z } from "zod";
import type { RateLimitRule } from "./rate-limit";

const rule: z.ZodType<RateLimitRule> = z.strictObject({
  limit: z.int().min(1).max(10_000),
  windowSeconds: z.int().min(1).max(86_400),
});

/**
 * The rules of the e-mail passcode. Validity is capped at 10 minutes (NIST SP 800-63B rev. 3
 * §5.1.3.2); attempts at 10 so that nobody configures the limit away.
 */
const policySchema = z.strictObject({
  validForMinutes: z.int().min(1).max(10),
  maxAttempts: z.int().min(1).max(10),
  sendsPerAddress: rule,
  sendsPerClient: rule,
});

export type PasscodePolicy = z.infer<typeof policySchema>;

export const DEFAULT_PASSCODE_POLICY: PasscodePolicy = {
  validForMinutes: 10,
  maxAttempts: 5,
  sendsPerAddress: { limit: 5, windowSeconds: 15 * 60 },
  sendsPerClient: { limit: 20, windowSeconds: 15 * 60 },
};

export function passcodePolicy(overrides: Partial<PasscodePolicy> = {}): PasscodePolicy {
  return policySchema.parse({ ...DEFAULT_PASSCODE_POLICY, ...overrides });
}
