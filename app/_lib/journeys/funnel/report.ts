import type { Actor } from "../../directory";
import { funnelDay } from "./recorder";
import { FUNNEL_STEPS, type FunnelState, type FunnelStep, type FunnelStore, type FunnelTally } from "./types";

export type StepCounts = Record<FunnelStep, number>;

/** Why journeys that got as far as a step went no further. */
export type DropOutReason = Exclude<FunnelState, "created">;
export const DROP_OUT_REASONS: readonly DropOutReason[] = [
  "signedIn",
  "blocked",
  "refused",
  "signUpClosed",
  "cancelled",
  "expired",
  "abandoned",
  "inProgress",
];

export interface DropOut {
  /** The last step these journeys reached. */
  after: FunnelStep;
  total: number;
  reasons: Record<DropOutReason, number>;
}

export interface FunnelSeries {
  key: string;
  counts: StepCounts;
}

export interface FunnelReport {
  range: FunnelRange;
  total: StepCounts;
  dropOuts: DropOut[];
  byFlow: FunnelSeries[];
  byProvider: FunnelSeries[];
  byLocale: FunnelSeries[];
  /** Every day of the range, days without journeys included. */
  byDay: FunnelSeries[];
}

/** Inclusive UTC days, YYYY-MM-DD. */
export interface FunnelRange {
  from: string;
  to: string;
}

/** A page can show this many days at once (a quarter). */
export const MAX_FUNNEL_DAYS = 92;

export class FunnelError extends Error {
  override name = "FunnelError";
  constructor(
    readonly code: "forbidden" | "invalidRange",
    message: string,
  ) {
    super(message);
  }
}

export interface FunnelReports {
  report(actor: Actor, tenantId: string, range: FunnelRange): Promise<FunnelReport>;
}

const DAY_MS = 24 * 60 * 60 * 1000;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** The days from..to, or undefined when either is no calendar day, to is before from, or the range is too long. */
export function daysOf(range: FunnelRange): string[] | undefined {
  if (!DAY.test(range.from) || !DAY.test(range.to)) return undefined;
  const from = Date.parse(`${range.from}T00:00:00Z`);
  const to = Date.parse(`${range.to}T00:00:00Z`);
  if (Number.isNaN(from) || Number.isNaN(to) || funnelDay(new Date(from)) !== range.from || funnelDay(new Date(to)) !== range.to)
    return undefined;
  const count = (to - from) / DAY_MS + 1;
  if (count < 1 || count > MAX_FUNNEL_DAYS) return undefined;
  return Array.from({ length: count }, (_, index) => funnelDay(new Date(from + index * DAY_MS)));
}

/** The last `days` UTC days up to and including today's. */
export function recentRange(now: Date, days: number): FunnelRange {
  return { from: funnelDay(new Date(now.getTime() - (days - 1) * DAY_MS)), to: funnelDay(now) };
}

/** Administrators of the tenant (every role reads the overview) and the system; no guest, no application. */
export function createFunnelReports(ports: { store: FunnelStore; now(): Date }): FunnelReports {
  return {
    async report(actor, tenantId, range) {
      if (actor.type !== "administrator" && actor.type !== "system")
        throw new FunnelError("forbidden", `${actor.type} may not read the sign-up funnel`);
      const days = daysOf(range);
      if (!days) throw new FunnelError("invalidRange", `${range.from}..${range.to}`);
      return funnelReport(range, days, await ports.store.tally(tenantId, range, ports.now()));
    },
  };
}

const zero = (): StepCounts => ({ started: 0, identityProven: 0, attributesSubmitted: 0, guestCreated: 0 });

function add(counts: StepCounts, tally: FunnelTally): void {
  counts.started += tally.journeys;
  if (tally.identityProven) counts.identityProven += tally.journeys;
  if (tally.attributesSubmitted) counts.attributesSubmitted += tally.journeys;
  if (tally.state === "created") counts.guestCreated += tally.journeys;
}

/** The furthest funnel step a group of journeys reached. */
function lastStep(tally: FunnelTally): FunnelStep {
  if (tally.state === "created") return "guestCreated";
  if (tally.attributesSubmitted) return "attributesSubmitted";
  return tally.identityProven ? "identityProven" : "started";
}

/** Pure: the report the overview draws, from the store's groups. */
export function funnelReport(range: FunnelRange, days: readonly string[], tallies: readonly FunnelTally[]): FunnelReport {
  const total = zero();
  const drops = new Map<FunnelStep, DropOut>(
    FUNNEL_STEPS.slice(0, -1).map((step) => [
      step,
      { after: step, total: 0, reasons: Object.fromEntries(DROP_OUT_REASONS.map((r) => [r, 0])) as DropOut["reasons"] },
    ]),
  );
  const series = () => new Map<string, StepCounts>();
  const byFlow = series();
  const byProvider = series();
  const byLocale = series();
  const byDay = new Map<string, StepCounts>(days.map((day) => [day, zero()]));
  const into = (map: Map<string, StepCounts>, key: string, tally: FunnelTally) => {
    const counts = map.get(key) ?? zero();
    map.set(key, counts);
    add(counts, tally);
  };
  for (const tally of tallies) {
    add(total, tally);
    into(byFlow, tally.flowName, tally);
    into(byProvider, tally.provider, tally);
    into(byLocale, tally.locale, tally);
    if (byDay.has(tally.day)) into(byDay, tally.day, tally);
    if (tally.state === "created") continue;
    const drop = drops.get(lastStep(tally))!;
    drop.total += tally.journeys;
    drop.reasons[tally.state] += tally.journeys;
  }
  const sorted = (map: Map<string, StepCounts>) =>
    [...map.entries()]
      .map(([key, counts]) => ({ key, counts }))
      .sort((a, b) => b.counts.started - a.counts.started || a.key.localeCompare(b.key));
  return {
    range,
    total,
    dropOuts: [...drops.values()],
    byFlow: sorted(byFlow),
    byProvider: sorted(byProvider),
    byLocale: sorted(byLocale),
    byDay: [...byDay.entries()].map(([key, counts]) => ({ key, counts })),
  };
}
