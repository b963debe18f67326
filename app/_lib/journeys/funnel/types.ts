/**
 * The sign-up funnel (admin overview): how far each sign-up journey got and how it ended, counted
 * once per journey and step. Steps are flags on one record per journey, so reaching a step again
 * (a double submit, a second tab) changes nothing, and the first outcome is the one that stays.
 */
export const FUNNEL_STEPS = ["started", "identityProven", "attributesSubmitted", "guestCreated"] as const;
export type FunnelStep = (typeof FUNNEL_STEPS)[number];

/** How a journey ended. `created` is the funnel's last step; the others are where people drop out. */
export const FUNNEL_OUTCOMES = ["created", "signedIn", "blocked", "refused", "signUpClosed", "expired", "cancelled"] as const;
export type FunnelOutcome = (typeof FUNNEL_OUTCOMES)[number];

/** What the engine tells the funnel about one journey. */
export type FunnelMark =
  | { step: "started" }
  /** A provider was picked; it may change until an identity is proven. */
  | { step: "providerChosen"; provider: string }
  | { step: "identityProven"; provider: string }
  | { step: "attributesSubmitted" }
  | { step: "ended"; outcome: FunnelOutcome };

/** The journey as the funnel sees it: its dimensions, never who is in it. */
export interface FunnelJourney {
  id: string;
  tenantId: string;
  flowId: string;
  locale: string;
  createdAt: Date;
  expiresAt: Date;
}

export interface FunnelRecorder {
  record(journey: FunnelJourney, marks: readonly FunnelMark[]): Promise<void>;
}

export interface FunnelRow {
  tenantId: string;
  journeyKey: string;
  day: string;
  flowName: string;
  locale: string;
  expiresAt: Date;
}

/** Where a journey's record stands when it is grouped; `open` journeys have no outcome yet. */
export type FunnelState = FunnelOutcome | "inProgress" | "abandoned";

/** One group of journeys with the same dimensions and the same progress. */
export interface FunnelTally {
  day: string;
  flowName: string;
  provider: string;
  locale: string;
  identityProven: boolean;
  attributesSubmitted: boolean;
  state: FunnelState;
  journeys: number;
}

/**
 * The funnel's rows. Every change is one statement (insert, or an update guarded by "no outcome
 * yet"), so two instances recording at once cannot lose or double a count.
 */
export interface FunnelStore {
  /** A new journey's record; a second insert of the same key is ignored. */
  start(row: FunnelRow): Promise<void>;
  /** Sets the provider while no identity is proven yet. */
  choose(tenantId: string, journeyKey: string, provider: string): Promise<void>;
  /** Sets flags (and the proven provider) while the journey has no outcome yet. */
  reach(
    tenantId: string,
    journeyKey: string,
    changes: { identityProven?: true; attributesSubmitted?: true; provider?: string },
  ): Promise<void>;
  /** Sets the outcome only if none is set: the first one wins. */
  end(tenantId: string, journeyKey: string, outcome: FunnelOutcome): Promise<void>;
  /** The tenant's journeys started on days from..to (inclusive), grouped; open ones split at `now`. */
  tally(tenantId: string, range: { from: string; to: string }, now: Date): Promise<FunnelTally[]>;
}
