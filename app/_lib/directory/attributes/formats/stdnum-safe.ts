import type { Validator } from "stdnum";

/**
 * A stdnum validation that cannot throw. Some of its validators assume well-formed input (the
 * Dutch one fails on a bare "NL"); a form value is anything, and a crash must not become a 500.
 */
export function compactIfValid(validator: Validator, value: string): string | undefined {
  try {
    const result = validator.validate(value);
    return result.isValid ? result.compact : undefined;
  } catch {
    return undefined;
  }
}
