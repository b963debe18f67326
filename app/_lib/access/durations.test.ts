import { describe, expect, it } from "vitest";
import { addDuration } from "./durations";

describe("addDuration (ISO 8601 durations as Graph writes them)", () => {
  const start = new Date("2026-01-31T10:00:00.000Z");

  it("adds days, weeks and time parts exactly", () => {
    expect(addDuration(start, "P14D").toISOString()).toBe("2026-02-14T10:00:00.000Z");
    expect(addDuration(start, "P2W").toISOString()).toBe("2026-02-14T10:00:00.000Z");
    expect(addDuration(start, "PT36H").toISOString()).toBe("2026-02-01T22:00:00.000Z");
    expect(addDuration(start, "P1DT1H30M15.5S").toISOString()).toBe("2026-02-01T11:30:15.500Z");
    expect(addDuration(start, "PT0S").toISOString()).toBe(start.toISOString());
  });

  it("adds years and months as calendar steps", () => {
    expect(addDuration(new Date("2026-03-15T00:00:00Z"), "P1Y2M").toISOString()).toBe("2027-05-15T00:00:00.000Z");
  });

  it("refuses what is not a duration", () => {
    expect(() => addDuration(start, "14 days")).toThrow(/not an ISO 8601 duration/);
  });
});
