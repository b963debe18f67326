import { describe, expect, it, vi } from "vitest";
import { createJobRegistry } from "./registry";
import { createJobRunner } from "./runner";
import { createMemoryLeaseStore } from "./testing/memory-lease-store";
import type { Job, JobContext, JobLog } from "./types";

const silent: JobLog = { ran: () => {}, failed: () => {}, schedulerFailed: () => {} };

function counting(name: string, everySeconds = 3600): Job & { contexts: JobContext[] } {
  const contexts: JobContext[] = [];
  return {
    name,
    summary: name,
    everySeconds,
    contexts,
    async run(context) {
      contexts.push(context);
      return { things: contexts.length };
    },
  };
}

describe("job runner", () => {
  it("runs a due job once per period, as the system actor job:<name>", async () => {
    let clock = new Date("2026-12-01T10:00:00Z");
    const job = counting("purge-things");
    const leases = createMemoryLeaseStore();
    const runner = createJobRunner({ registry: createJobRegistry([job]), leases, holder: "a", log: silent, now: () => clock });

    expect(await runner.runDue()).toMatchObject([{ name: "purge-things", status: "ran", result: { things: 1 } }]);
    expect(job.contexts[0]).toEqual({ now: clock, actor: { type: "system", name: "job:purge-things" } });

    clock = new Date("2026-12-01T10:59:59Z");
    expect(await runner.runDue()).toEqual([{ name: "purge-things", status: "skipped" }]);
    clock = new Date("2026-12-01T11:00:00Z");
    expect(await runner.runDue()).toMatchObject([{ status: "ran" }]);
    expect(leases.rows.get("purge-things")).toMatchObject({ runs: 2, lastOutcome: "ok", lastResult: { things: 2 } });
  });

  it("lets a second instance skip a job the first holds, and take it over once the lease ran out", async () => {
    const clock = { now: new Date("2026-12-01T10:00:00Z") };
    const leases = createMemoryLeaseStore();
    let release!: () => void;
    const slow: Job = {
      name: "slow-job",
      summary: "slow",
      everySeconds: 60,
      leaseSeconds: 120,
      run: () => new Promise((resolve) => (release = () => resolve({ done: 1 }))),
    };
    const registry = createJobRegistry([slow]);
    const a = createJobRunner({ registry, leases, holder: "a", log: silent, now: () => clock.now });
    const b = createJobRunner({ registry, leases, holder: "b", log: silent, now: () => clock.now });

    const first = a.runDue();
    await vi.waitFor(() => expect(release).toBeDefined());
    expect(await b.runDue({ force: true })).toEqual([{ name: "slow-job", status: "skipped" }]);

    // a's run outlives its lease: b takes over, and a's late report must not overwrite b's lease
    clock.now = new Date("2026-12-01T10:02:01Z");
    const takeover = b.runDue();
    const releaseA = release;
    await vi.waitFor(() => expect(release).not.toBe(releaseA));
    releaseA();
    await first;
    expect(leases.rows.get("slow-job")).toMatchObject({ holder: "b", lastRunAt: null });
    release();
    await takeover;
    expect(leases.rows.get("slow-job")).toMatchObject({ holder: "b", runs: 2, lastOutcome: "ok" });
  });

  it("reports a failing job, records it, and still runs the others", async () => {
    const failed = vi.fn();
    const broken: Job = {
      name: "broken-job",
      summary: "fails",
      everySeconds: 60,
      run: async () => {
        throw new Error("database unreachable");
      },
    };
    const fine = counting("fine-job");
    const leases = createMemoryLeaseStore();
    const runner = createJobRunner({
      registry: createJobRegistry([broken, fine]),
      leases,
      holder: "a",
      log: { ...silent, failed },
    });
    expect(await runner.runDue()).toMatchObject([
      { name: "broken-job", status: "failed", error: "database unreachable" },
      { name: "fine-job", status: "ran" },
    ]);
    expect(failed).toHaveBeenCalledWith("broken-job", "a", expect.any(Error));
    expect(leases.rows.get("broken-job")).toMatchObject({ lastOutcome: "failed" });
  });

  it("runs only the jobs asked for, and --force ignores the period", async () => {
    const [one, two] = [counting("job-one"), counting("job-two")];
    const runner = createJobRunner({
      registry: createJobRegistry([one, two]),
      leases: createMemoryLeaseStore(),
      holder: "a",
      log: silent,
    });
    expect((await runner.runDue({ only: ["job-two"] })).map((o) => o.name)).toEqual(["job-two"]);
    expect(await runner.runDue({ only: ["job-two"], force: true })).toMatchObject([{ status: "ran" }]);
    expect([one.contexts.length, two.contexts.length]).toEqual([0, 2]);
  });
});

describe("job registry", () => {
  it("refuses a name twice, a malformed name and a period under a second", () => {
    const registry = createJobRegistry([counting("purge-things")]);
    expect(() => registry.register(counting("purge-things"))).toThrow(/twice/);
    expect(() => registry.register(counting("Purge Things"))).toThrow(/lower-case/);
    expect(() => registry.register(counting("every-zero", 0))).toThrow(/everySeconds/);
    expect(registry.list().map((j) => j.name)).toEqual(["purge-things"]);
  });
});
