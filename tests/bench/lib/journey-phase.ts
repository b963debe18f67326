// One measured phase of the journeys' bench: N journeys of one kind, C at a time, with the server's
// CPU (its process tree, from /proc) and the wall time of each journey as the client sees it.
import { clockTicksPerSecond, cpuTicks, machineBusyTicks, processTree } from "./proc";

export const JOURNEYS = ["sign_up", "sign_in", "silent_sign_in"] as const;
export type JourneyName = (typeof JOURNEYS)[number];

export interface JourneyRow {
  journey: JourneyName;
  /** Guestgate through `npm start`, or node-oidc-provider doing the same work where it has it (tests/bench/journeys-peer.ts). */
  server: "guestgate" | "oidc-provider";
  /** Journeys completed (each ends with the code exchanged for tokens). */
  count: number;
  failed: number;
  firstFailure?: string;
  /** HTTP requests per journey the server answered (pages, posts, redirects, the token request). */
  requestsPerJourney: number;
  /** Server CPU (user + system, every thread and child) per journey, milliseconds. */
  cpuMsPerJourney: number;
  /** What one core does at that cost: 1000 / cpuMsPerJourney. */
  perCoreSecond: number;
  /** Wall time of one journey as the client sees it (the mail's delivery through SMTP included). */
  wallP50Ms: number;
  wallP90Ms: number;
  /** Journeys per second over the phase at the given concurrency. */
  journeysPerSecond: number;
  concurrency: number;
  /** Cores' worth of CPU neither the server nor this process used during the phase. */
  otherCpuCores: number;
}

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]! : NaN;
};
export const round = (value: number, digits = 2) => Math.round(value * 10 ** digits) / 10 ** digits;

/** Runs count journeys of one kind, concurrency at a time, and measures them (CPU of serverPid's process tree). */
export async function phase(
  journey: JourneyName,
  count: number,
  concurrency: number,
  serverPid: number,
  responses: { count: number },
  one: (i: number) => Promise<void>,
): Promise<JourneyRow> {
  const ticks = clockTicksPerSecond();
  const pids = processTree(serverPid);
  const serverTicks = () => pids.reduce((sum, pid) => sum + cpuTicks(pid), 0);
  const walls: number[] = [];
  let failed = 0;
  let firstFailure: string | undefined;
  let next = 0;
  const requestsBefore = responses.count;
  const cpuBefore = serverTicks();
  const machineBefore = machineBusyTicks();
  const ownBefore = process.cpuUsage();
  const began = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) {
        const i = next++;
        const start = performance.now();
        try {
          await one(i);
          walls.push(performance.now() - start);
        } catch (error) {
          failed++;
          firstFailure ??= String(error).slice(0, 300);
        }
      }
    }),
  );
  const seconds = (performance.now() - began) / 1000;
  const serverSeconds = (serverTicks() - cpuBefore) / ticks;
  const own = process.cpuUsage(ownBefore);
  const ownSeconds = (own.user + own.system) / 1e6;
  const machineSeconds = (machineBusyTicks() - machineBefore) / ticks;
  const done = walls.length;
  const cpuMs = done ? (serverSeconds * 1000) / done : NaN;
  return {
    journey,
    server: "guestgate",
    count: done,
    failed,
    ...(firstFailure ? { firstFailure } : {}),
    requestsPerJourney: done ? round((responses.count - requestsBefore) / (done + failed), 1) : NaN,
    cpuMsPerJourney: round(cpuMs),
    perCoreSecond: round(1000 / cpuMs, 1),
    wallP50Ms: round(percentile(walls, 50), 1),
    wallP90Ms: round(percentile(walls, 90), 1),
    journeysPerSecond: round(done / seconds, 1),
    concurrency,
    otherCpuCores: round(Math.max(0, (machineSeconds - serverSeconds - ownSeconds) / seconds)),
  };
}
