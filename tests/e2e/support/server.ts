// Starting and stopping the production server — what `npm start` runs (.next/guestgate/server.mjs:
// app/_server/main.ts), or with `{ via: "next start" }` Next's own, to compare the two — for the browser tier (global setup) and for the tests that
// start a server of their own (a bad configuration must stop the start).
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { createServer } from "node:net";
import path from "node:path";
import { nextCli, repoRoot, serverBundle } from "./paths";

/** A port nobody listens on right now (the OS picks it; a race with another process is possible but rare). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "localhost", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => (port ? resolve(port) : reject(new Error("no free port"))));
    });
  });
}

export function randomSecret(): string {
  return randomBytes(32).toString("base64url");
}

function startScript(): string {
  const { scripts } = JSON.parse(readFileSync(path.join(repoRoot, "package.json"), "utf8")) as { scripts: { start: string } };
  return scripts.start;
}

/**
 * The variables `npm start` sets in front of its server (package.json `scripts.start`, e.g.
 * MALLOC_ARENA_MAX): the servers the tests start run as production runs, so the soak measures the
 * memory settings Guestgate ships.
 */
export function startScriptEnv(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const word of startScript().trim().split(/\s+/)) {
    const assignment = /^([A-Z_][A-Z0-9_]*)=(.*)$/.exec(word);
    if (!assignment) break; // the command itself: `node .next/guestgate/server.mjs`
    env[assignment[1]!] = assignment[2]!;
  }
  return env;
}

/** The flags `npm start` gives Node before its server (`node --max-semi-space-size=16 .next/guestgate/server.mjs`). */
export function startScriptNodeFlags(): string[] {
  const words = startScript().trim().split(/\s+/);
  const flags: string[] = [];
  for (const word of words.slice(words.indexOf("node") + 1)) {
    if (!word.startsWith("--")) break;
    flags.push(word);
  }
  return flags;
}

/**
 * The environment a production `next start` of Guestgate needs (app/_lib/env.ts); secrets are fresh
 * per run. GUESTGATE_BASE_URL uses localhost, as the browser does.
 */
export function serverEnv(options: {
  port: number;
  databaseUrl: string;
  configPath: string;
  authSecret?: string;
}): NodeJS.ProcessEnv {
  return {
    ...process.env,
    ...startScriptEnv(),
    NODE_ENV: "production",
    NEXT_TELEMETRY_DISABLED: "1",
    CHECKPOINT_DISABLE: "1",
    GUESTGATE_BASE_URL: `http://localhost:${options.port}`,
    GUESTGATE_CONFIG: options.configPath,
    DATABASE_URL: options.databaseUrl,
    AUTH_SECRET: options.authSecret ?? randomSecret(),
    // Encrypts the OIDC signing keys at rest: 32 random bytes, base64 (required in production).
    GUESTGATE_KEY_ENCRYPTION_KEY: randomBytes(32).toString("base64"),
  };
}

export interface RunningProcess {
  child: ChildProcess;
  /** stdout and stderr interleaved, as received. */
  output(): string;
  /** Resolves with the exit code (or the signal's name) once the process has ended. */
  exited: Promise<number | string>;
  /** Ends the process group this process leads (and so `next start`'s own children), then waits for it. */
  stop(): Promise<void>;
}

/**
 * `npm start -- -p port` (node .next/guestgate/server.mjs), or `next start -p port`, in its own
 * process group so that stopping it stops everything it started.
 */
export function startServer(
  port: number,
  env: NodeJS.ProcessEnv,
  options: { via?: "npm start" | "next start"; cpus?: string } = {},
): RunningProcess {
  const args = [
    ...(options.via === "next start" ? [nextCli, "start"] : [...startScriptNodeFlags(), serverBundle]),
    "-p",
    String(port),
  ];
  // Pinned (benchmarks): `taskset -c CPUS node …`; taskset execs node, so the pid stays the server's.
  const [command, argv] = options.cpus ? ["taskset", ["-c", options.cpus, process.execPath, ...args]] : [process.execPath, args];
  const child = spawn(command, argv, {
    cwd: repoRoot,
    env,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const echo = process.env.E2E_SERVER_LOG === "1";
  for (const stream of [child.stdout, child.stderr]) {
    stream?.setEncoding("utf8");
    stream?.on("data", (chunk: string) => {
      output += chunk;
      if (echo) process.stderr.write(`[server ${port}] ${chunk}`);
    });
  }
  const exited = new Promise<number | string>((resolve) => {
    child.on("exit", (code, signal) => resolve(code ?? signal ?? "unknown"));
    child.on("error", (error) => {
      output += `\nspawn failed: ${error.message}`;
      resolve("spawn-error");
    });
  });
  let ended = false;
  // Should this process end without teardown (Ctrl-C, a crash), the server must not outlive it.
  const orphanGuard = () => child.pid !== undefined && !ended && signalGroup(child.pid, "SIGKILL");
  process.once("exit", orphanGuard);
  void exited.then(() => {
    ended = true;
    process.off("exit", orphanGuard);
  });

  return {
    child,
    output: () => output,
    exited,
    async stop() {
      if (ended || child.pid === undefined) return;
      signalGroup(child.pid, "SIGTERM");
      const timer = setTimeout(() => signalGroup(child.pid!, "SIGKILL"), 5_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // already gone
  }
}

/** Polls url until it answers 200; fails early if the server exits, and with its output on timeout. */
export async function waitForOk(url: string, server: RunningProcess, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let ended: number | string | undefined;
  void server.exited.then((code) => (ended = code));
  let last = "no answer yet";
  while (Date.now() < deadline) {
    if (ended !== undefined)
      throw new Error(`the server exited (${ended}) before ${url} was ready. Its output:\n${server.output()}`);
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(5_000) });
      if (response.status === 200) return;
      last = `HTTP ${response.status}: ${(await response.text()).slice(0, 500)}`;
    } catch (error) {
      last = error instanceof Error ? error.message : String(error);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`${url} was not ready within ${timeoutMs / 1000} s (last: ${last}). Server output:\n${server.output()}`);
}
