// Child processes of the bench: spawning (pinned to a core with taskset when it exists), waiting for
// the READY line, stopping them (their whole process group), and reading their CPU time from /proc.
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { createServer } from "node:net";
import os from "node:os";
import { READY_PREFIX, type ReadyMessage } from "./protocol";

/** utime + stime of one process, in clock ticks (0 once it is gone). */
export function cpuTicks(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // Fields after "pid (comm) ": state is [0], ppid [1], … utime [11], stime [12] (proc(5)).
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return Number(fields[11]) + Number(fields[12]);
  } catch {
    return 0;
  }
}

/** Busy clock ticks of the whole machine, all cores (user, nice, system, irq, softirq, steal). */
export function machineBusyTicks(): number {
  try {
    const [, user, nice, system, , , irq, softirq, steal] = readFileSync("/proc/stat", "utf8")
      .split("\n")[0]!
      .trim()
      .split(/\s+/)
      .map(Number);
    return user! + nice! + system! + irq! + softirq! + (steal ?? 0);
  } catch {
    return NaN;
  }
}

/** pid and all its descendants (next start may run workers of its own). */
export function processTree(root: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      const list = children.get(ppid) ?? [];
      list.push(Number(entry));
      children.set(ppid, list);
    } catch {
      // exited meanwhile
    }
  }
  const tree = [root];
  for (let i = 0; i < tree.length; i++) tree.push(...(children.get(tree[i]!) ?? []));
  return tree;
}

export function clockTicksPerSecond(): number {
  try {
    return Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim()) || 100;
  } catch {
    return 100;
  }
}

/** Whether `taskset` exists and there are at least two cores to keep server and load apart. */
export function pinning(): { server?: string; loadgen?: string } {
  if (os.availableParallelism() < 2) return {};
  try {
    execFileSync("taskset", ["-c", "0", "true"], { stdio: "ignore" });
    return { server: "0", loadgen: "1" };
  } catch {
    return {};
  }
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => (port ? resolve(port) : reject(new Error("no free port"))));
    });
  });
}

export interface Child {
  child: ChildProcess;
  output(): string;
  stop(): Promise<void>;
}

/** Spawns command (under `taskset -c cpu` when given) in its own process group. */
export function start(command: string, args: string[], options: { env: NodeJS.ProcessEnv; cwd: string; cpu?: string }): Child {
  const [file, argv] = options.cpu ? ["taskset", ["-c", options.cpu, command, ...args]] : [command, args];
  const child = spawn(file, argv, { cwd: options.cwd, env: options.env, detached: true, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  for (const stream of [child.stdout, child.stderr]) {
    stream?.setEncoding("utf8");
    stream?.on("data", (chunk: string) => {
      output = (output + chunk).slice(-20_000);
    });
  }
  const kill = (signal: NodeJS.Signals) => {
    try {
      if (child.pid) process.kill(-child.pid, signal);
    } catch {
      // already gone
    }
  };
  // Should the orchestrator die, its servers must not outlive it.
  const orphanGuard = () => kill("SIGKILL");
  process.once("exit", orphanGuard);
  let ended = false;
  const exited = new Promise<void>((resolve) =>
    child.on("exit", () => {
      ended = true;
      process.off("exit", orphanGuard);
      resolve();
    }),
  );
  return {
    child,
    output: () => output,
    async stop() {
      if (ended) return;
      kill("SIGTERM");
      const timer = setTimeout(() => kill("SIGKILL"), 3_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** Resolves with the server's READY message; rejects if it exits first or takes longer than timeoutMs. */
export function ready(server: Child, label: string, timeoutMs = 60_000): Promise<ReadyMessage> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`${label} not ready in ${timeoutMs / 1000} s:\n${server.output()}`)),
      timeoutMs,
    );
    let buffer = "";
    server.child.stdout?.on("data", (chunk: string) => {
      buffer += chunk;
      const line = buffer.split("\n").find((l) => l.startsWith(READY_PREFIX));
      if (line) {
        clearTimeout(timer);
        resolve(JSON.parse(line.slice(READY_PREFIX.length)) as ReadyMessage);
      }
    });
    server.child.on("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`${label} exited (${code}) before it was ready:\n${server.output()}`));
    });
  });
}

/** Polls url until it answers 200 (for next start, which prints no READY line of ours). */
export async function waitForOk(url: string, server: Child, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let exited = false;
  server.child.once("exit", () => (exited = true));
  while (Date.now() < deadline) {
    if (exited) throw new Error(`the server exited before ${url} answered:\n${server.output()}`);
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(5_000) });
      await response.arrayBuffer();
      if (response.status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`${url} did not answer 200 within ${timeoutMs / 1000} s:\n${server.output()}`);
}
