import { daysOf, recentRange, type FunnelRange } from "../../../_lib/journeys";

/** The overview shows the last week unless the date-range form asks for another. */
export const DEFAULT_OVERVIEW_DAYS = 7;

export interface OverviewRange {
  range: FunnelRange;
  /** The form asked for a range that is no range (bad day, end before start, too long): shown, and the default used. */
  invalid: boolean;
  /** What the form fields show. */
  fields: { from: string; to: string };
}

const one = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value)?.trim() ?? "";

/** Reads `from` and `to` (YYYY-MM-DD, what `<input type=date>` sends) from the page's query. */
export function overviewRange(query: Record<string, string | string[] | undefined>, now: Date): OverviewRange {
  const fallback = recentRange(now, DEFAULT_OVERVIEW_DAYS);
  const from = one(query.from);
  const to = one(query.to);
  if (!from && !to) return { range: fallback, invalid: false, fields: fallback };
  const asked = { from: from || fallback.from, to: to || fallback.to };
  if (!daysOf(asked)) return { range: fallback, invalid: true, fields: { from, to } };
  return { range: asked, invalid: false, fields: asked };
}
