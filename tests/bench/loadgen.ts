// The load generator: N concurrent keep-alive connections to one server on loopback, each sending
// its next request as soon as the previous one answered (closed loop), for a warm-up and then a
// measured window. Bounded by time (and, for single-use codes, by the pool): it stops by itself.
// Reads the server's CPU time from /proc at the window's edges. Prints one LoadResult as JSON.
import { readFileSync } from "node:fs";
import http from "node:http";
import { createRequire } from "node:module";
import type { LoadResult, LoadSpec } from "./lib/protocol";
import { cpuTicks, machineBusyTicks } from "./lib/proc";

type Send = (body: string | undefined) => Promise<{ status: number; text: string }>;

/** undici's Pool when it can be loaded (several times the throughput of node:http's client), else node:http. */
async function client(spec: LoadSpec): Promise<{ send: Send; close(): Promise<void>; name: string }> {
  const { method, path, headers } = spec.request;
  try {
    const require = createRequire(import.meta.url);
    const undici = (await import(require.resolve("undici"))) as typeof import("undici");
    const pool = new undici.Pool(spec.origin, { connections: spec.connections, pipelining: 1, keepAliveTimeout: 60_000 });
    return {
      name: "undici",
      async send(body) {
        const response = await pool.request({ path, method, headers, ...(body !== undefined ? { body } : {}) });
        return { status: response.statusCode, text: await response.body.text() };
      },
      close: () => pool.close(),
    };
  } catch {
    const agent = new http.Agent({ keepAlive: true, maxSockets: spec.connections });
    const url = new URL(path, spec.origin);
    return {
      name: "node:http",
      send: (body) =>
        new Promise((resolve, reject) => {
          const request = http.request(
            url,
            {
              method,
              agent,
              headers: { ...headers, ...(body !== undefined ? { "content-length": Buffer.byteLength(body) } : {}) },
            },
            (response) => {
              const chunks: Buffer[] = [];
              response.on("data", (chunk: Buffer) => chunks.push(chunk));
              response.on("end", () =>
                resolve({ status: response.statusCode ?? 0, text: Buffer.concat(chunks).toString("utf8") }),
              );
              response.on("error", reject);
            },
          );
          request.on("error", reject);
          request.end(body);
        }),
      close: async () => agent.destroy(),
    };
  }
}

const percentile = (sorted: Float64Array, p: number) =>
  sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;

async function main() {
  const spec = JSON.parse(process.env.BENCH_LOAD!) as LoadSpec;
  const bodies = spec.request.bodiesFile ? readFileSync(spec.request.bodiesFile, "utf8").split("\n").filter(Boolean) : undefined;
  let nextBody = 0;
  const { send, close, name } = await client(spec);

  const start = performance.now();
  const windowStart = start + spec.warmupSeconds * 1000;
  const windowEnd = windowStart + spec.durationSeconds * 1000;
  let measuring = false;
  let cpuAtStart = 0;
  let machineAtStart = 0;
  let ownCpuAtStart = process.cpuUsage();
  const ticksNow = () => spec.serverPids.reduce((sum, pid) => sum + cpuTicks(pid), 0);
  const timer = setTimeout(
    () => {
      measuring = true;
      cpuAtStart = ticksNow();
      machineAtStart = machineBusyTicks();
      ownCpuAtStart = process.cpuUsage();
    },
    Math.max(0, windowStart - performance.now()),
  );

  const latencies: number[] = [];
  let errors = 0;
  let firstError: string | undefined;
  let exhausted = false;

  async function worker() {
    for (;;) {
      const began = performance.now();
      if (began >= windowEnd) return;
      let body = spec.request.body;
      if (bodies) {
        body = bodies[nextBody++];
        if (body === undefined) {
          exhausted = true;
          return;
        }
      }
      const counted = measuring;
      let status = 0;
      let text = "";
      try {
        ({ status, text } = await send(body));
      } catch (error) {
        text = error instanceof Error ? error.message : String(error);
      }
      if (!counted) continue;
      if (status === 200) latencies.push(performance.now() - began);
      else {
        errors++;
        firstError ??= `HTTP ${status}: ${text.slice(0, 300)}`;
      }
    }
  }

  await Promise.all(Array.from({ length: spec.connections }, worker));
  clearTimeout(timer);
  const ended = performance.now();
  const cpuAtEnd = ticksNow();
  const machineAtEnd = machineBusyTicks();
  const own = process.cpuUsage(ownCpuAtStart);
  await close();

  if (!measuring) throw new Error(`the ${spec.scenario} pool ran out during the warm-up: no measured window`);
  const seconds = (ended - windowStart) / 1000;
  const sorted = Float64Array.from(latencies).sort();
  const serverCpuSeconds = (cpuAtEnd - cpuAtStart) / spec.clockTicksPerSecond;
  const ownCpuSeconds = (own.user + own.system) / 1e6;
  const machineCpuSeconds = (machineAtEnd - machineAtStart) / spec.clockTicksPerSecond;
  const result: LoadResult & { client: string } = {
    server: spec.server,
    scenario: spec.scenario,
    client: name,
    requests: latencies.length,
    errors,
    ...(firstError ? { firstError } : {}),
    seconds: round(seconds, 3),
    requestsPerSecond: round(latencies.length / seconds, 1),
    p50Ms: round(percentile(sorted, 50), 3),
    p99Ms: round(percentile(sorted, 99), 3),
    cpuPerRequestUs: round((serverCpuSeconds * 1e6) / Math.max(1, latencies.length + errors), 1),
    serverCpuShare: round(serverCpuSeconds / seconds, 3),
    loadgenCpuShare: round(ownCpuSeconds / seconds, 3),
    otherCpuCores: round(Math.max(0, machineCpuSeconds - serverCpuSeconds - ownCpuSeconds) / seconds, 2),
    poolExhausted: exhausted && ended < windowEnd,
  };
  console.log(JSON.stringify(result));
}

function round(value: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
