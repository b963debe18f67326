import { afterEach, describe, expect, it, vi } from "vitest";
import { startJobScheduler } from "./scheduler";

afterEach(() => {
  vi.useRealTimers();
});

describe("job scheduler", () => {
  it("asks for due jobs every tick, never keeps the process alive, and stop waits for a run in progress", async () => {
    vi.useFakeTimers();
    const unref = vi.spyOn(globalThis, "setTimeout");
    let finish!: () => void;
    const runDue = vi.fn(() => new Promise<never[]>((resolve) => (finish = () => resolve([]))));
    const scheduler = startJobScheduler({
      runner: { runDue },
      log: { schedulerFailed: vi.fn() },
      tickSeconds: 60,
      random: () => 0.5,
    });
    expect(unref.mock.results[0]!.value.hasRef()).toBe(false);

    await vi.advanceTimersByTimeAsync(59_999);
    expect(runDue).toHaveBeenCalledTimes(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(runDue).toHaveBeenCalledTimes(1);

    let stopped = false;
    const stopping = scheduler.stop().then(() => (stopped = true));
    await vi.advanceTimersByTimeAsync(0);
    expect(stopped).toBe(false);
    finish();
    await stopping;
    await vi.advanceTimersByTimeAsync(10 * 60_000);
    expect(runDue).toHaveBeenCalledTimes(1);
  });

  it("keeps ticking after a failed run, and reports it", async () => {
    vi.useFakeTimers();
    const schedulerFailed = vi.fn();
    const runDue = vi.fn().mockRejectedValueOnce(new Error("database down")).mockResolvedValue([]);
    const scheduler = startJobScheduler({ runner: { runDue }, log: { schedulerFailed }, tickSeconds: 60, random: () => 0.5 });
    await vi.advanceTimersByTimeAsync(120_000);
    expect(runDue).toHaveBeenCalledTimes(2);
    expect(schedulerFailed).toHaveBeenCalledWith(expect.objectContaining({ message: "database down" }));
    await scheduler.stop();
  });
});
