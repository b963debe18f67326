import { describe, expect, it } from "vitest";
import { daysOf, funnelReport, recentRange } from "./report";
import type { FunnelTally } from "./types";

const tally = (over: Partial<FunnelTally>): FunnelTally => ({
  day: "2026-12-01",
  flowName: "signup",
  provider: "email",
  locale: "nl",
  identityProven: false,
  attributesSubmitted: false,
  state: "abandoned",
  journeys: 1,
  ...over,
});

describe("the funnel report", () => {
  it("counts steps, puts each journey that stopped under its last step and reason, and fills empty days", () => {
    const range = { from: "2026-11-30", to: "2026-12-01" };
    const report = funnelReport(range, daysOf(range)!, [
      tally({ identityProven: true, attributesSubmitted: true, state: "created", journeys: 3 }),
      tally({ identityProven: true, state: "signedIn", journeys: 2, locale: "fr" }),
      tally({ identityProven: true, state: "inProgress" }),
      tally({ state: "abandoned", provider: "" }),
      tally({ identityProven: true, attributesSubmitted: true, state: "refused" }),
    ]);
    expect(report.total).toEqual({ started: 8, identityProven: 7, attributesSubmitted: 4, guestCreated: 3 });
    const drop = (after: string) => report.dropOuts.find((d) => d.after === after)!;
    expect(drop("started")).toMatchObject({ total: 1, reasons: { abandoned: 1 } });
    expect(drop("identityProven")).toMatchObject({ total: 3, reasons: { signedIn: 2, inProgress: 1 } });
    expect(drop("attributesSubmitted")).toMatchObject({ total: 1, reasons: { refused: 1 } });
    expect(report.byDay.map((d) => [d.key, d.counts.started])).toEqual([
      ["2026-11-30", 0],
      ["2026-12-01", 8],
    ]);
    expect(report.byLocale.map((s) => s.key)).toEqual(["nl", "fr"]);
  });

  it("takes only calendar days, in order, at most a quarter", () => {
    expect(daysOf({ from: "2026-02-28", to: "2026-03-01" })).toEqual(["2026-02-28", "2026-03-01"]);
    expect(daysOf({ from: "2026-02-30", to: "2026-03-01" })).toBeUndefined();
    expect(daysOf({ from: "2026-03-02", to: "2026-03-01" })).toBeUndefined();
    expect(daysOf({ from: "2026-01-01", to: "2026-12-31" })).toBeUndefined();
    expect(recentRange(new Date("2026-12-02T10:00:00Z"), 7)).toEqual({ from: "2026-11-26", to: "2026-12-02" });
  });
});
