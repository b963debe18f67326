import { describe, expect, it, vi } from "vitest";

vi.mock("../../../../_lib/server", () => ({ settings: () => ({ AUTH_SECRET: "s".repeat(32) }) }));
const { openOutcome, sealOutcome, MESSAGE_EXCERPT } = await import("./test-outcome");

const outcome = { outcome: "block" as const, httpStatus: 200, durationMs: 12, attempts: 1, message: "Not a supplier." };

describe("a test call's sealed outcome", () => {
  it("opens for the same tenant and id within ten minutes", () => {
    const sealed = sealOutcome("woodgrove", "c1", outcome, 1_000_000);
    expect(openOutcome(sealed, "woodgrove", "c1", 1_000_000 + 60_000)).toEqual(outcome);
  });

  it("does not open for another tenant, another id, later, or changed", () => {
    const sealed = sealOutcome("woodgrove", "c1", outcome, 1_000_000);
    expect(openOutcome(sealed, "sparbanken", "c1", 1_000_000)).toBeUndefined();
    expect(openOutcome(sealed, "woodgrove", "c2", 1_000_000)).toBeUndefined();
    expect(openOutcome(sealed, "woodgrove", "c1", 1_000_000 + 11 * 60_000)).toBeUndefined();
    const [payload, mac] = sealed.split(".");
    const forged = Buffer.from(JSON.stringify({ at: 1_000_000, outcome: { ...outcome, message: "Call +1 555" } })).toString(
      "base64url",
    );
    expect(payload).not.toBe(forged);
    expect(openOutcome(`${forged}.${mac}`, "woodgrove", "c1", 1_000_000)).toBeUndefined();
  });

  it("keeps a bounded excerpt that fits in a portal redirect, whatever the script", () => {
    const long = {
      ...outcome,
      message: "漢".repeat(1024),
      names: Array.from({ length: 50 }, (_, i) => `claim${i}`.padEnd(100, "x")),
    };
    const sealed = sealOutcome("woodgrove", "c1", long, 1_000_000);
    expect(sealed.length).toBeLessThan(1600);
    const opened = openOutcome(sealed, "woodgrove", "c1", 1_000_000)!;
    expect(opened.message?.length ?? 0).toBeLessThanOrEqual(MESSAGE_EXCERPT);
    expect("漢".repeat(1024).startsWith(opened.message ?? "")).toBe(true);
    // The names come second: what is left of them still fits, in their order.
    expect(opened.names!.length).toBeGreaterThan(0);
    expect(opened.names![0]).toBe(long.names[0]!.slice(0, 64));
  });
});
