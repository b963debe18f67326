import type { StoredAttributes } from "../../directory";
import type { Locale } from "../../i18n";
import type { Tenant } from "../../tenant";
import type { UserFlow } from "../user-flows/types";
import type { JourneyEvent } from "./events";
import type { JourneyDeps, JourneyInternal, JourneyRecord, JourneyUi } from "./types";

/** Everything a step may read. Steps never save: the engine stores what they conclude. */
export interface StepContext {
  journey: JourneyRecord;
  tenant: Tenant;
  flow: UserFlow;
  input: Readonly<Record<string, string | string[]>>;
  /** Who is asking (the client IP), for rate limits. */
  client: string;
  /** The language of the page the person is on now: e-mails go out in it. */
  locale: Locale;
  deps: JourneyDeps;
}

/** The guest record a step wants written: the engine writes it, in one place (write-guest.ts). */
export interface GuestWrite {
  attributes: StoredAttributes;
  /** Stored values the person cleared (optional attributes left empty on a form that showed them). */
  remove?: readonly string[];
  /** The version of the flow's terms the person accepted on this form. */
  termsVersion?: string;
}

/**
 * A step's conclusion: an event for the machine (with what changes on the journey, and the guest
 * to write before the event counts), or problems to show while the journey stays where it is.
 */
export type StepResult =
  | { event: JourneyEvent; ui?: Partial<JourneyUi>; internal?: Partial<JourneyInternal>; write?: GuestWrite }
  /** `retryAfterSeconds`: over a sign-up limit; the person is told to come back then (429). */
  | { stay: true; ui: Partial<JourneyUi>; retryAfterSeconds?: number };

export type Step = (context: StepContext) => Promise<StepResult>;

/** The single value of a form field, or undefined. */
export function field(input: StepContext["input"], name: string): string | undefined {
  const value = input[name];
  return typeof value === "string" ? value : undefined;
}
