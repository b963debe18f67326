import type { CatalogKeys } from "../../i18n";
import type { PasscodeRequestResult, PasscodeVerificationResult } from "./service";

/** A message for the page, as `{ id, context }` (docs/ARCHITECTURE.md, "Journeys"): ids are keys in messages/*.json. */
export interface PasscodeProblem {
  id: CatalogKeys<
    | "otp.errors.invalidEmail"
    | "otp.errors.rateLimited"
    | "otp.errors.malformed"
    | "otp.errors.wrongCode"
    | "otp.errors.locked"
    | "otp.errors.expired"
    | "otp.errors.sendFailed"
  >;
  context?: Record<string, number>;
}

/** The message to show beside the form, or undefined when the step succeeded. */
export function passcodeProblem(result: PasscodeRequestResult | PasscodeVerificationResult): PasscodeProblem | undefined {
  switch (result.status) {
    case "sent":
    case "verified":
      return undefined;
    case "invalidAddress":
      return { id: "otp.errors.invalidEmail" };
    case "rateLimited":
      return { id: "otp.errors.rateLimited", context: { minutes: Math.ceil(result.retryAfterSeconds / 60) } };
    case "malformed":
      return { id: "otp.errors.malformed" };
    case "wrongCode":
      return { id: "otp.errors.wrongCode", context: { attemptsLeft: result.attemptsLeft } };
    case "locked":
      return { id: "otp.errors.locked" };
    case "expired":
      return { id: "otp.errors.expired" };
  }
}

/** For the page to show when `deliver` rejected: the code was issued but the mail did not go out. */
export const PASSCODE_SEND_FAILED: PasscodeProblem = { id: "otp.errors.sendFailed" };
