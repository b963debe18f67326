// A throwaway Redis server of a test's own (its own port, nothing kept on disk), so a fault test can
// take the rate-limit counters away under running Guestgate instances and bring them back, without
// touching the machine's shared Redis.
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { createConnection } from "node:net";

/** redis-server from REDIS_SERVER or Debian's package, or undefined. */
export function redisServerBinary(): string | undefined {
  return [process.env.REDIS_SERVER, "/usr/bin/redis-server"].find((file): file is string => !!file && existsSync(file));
}

export interface RedisServer {
  url: string;
  /** SIGTERM and wait for the exit: the port then refuses connections. Nothing when it is stopped. */
  stop(): Promise<void>;
  /** Starts it again on the same port (empty: it keeps nothing); nothing when it runs. */
  start(): Promise<void>;
}

export async function startRedisServer(port: number): Promise<RedisServer> {
  const binary = redisServerBinary();
  if (!binary) throw new Error("redis-server not found (install Debian's redis-server or set REDIS_SERVER)");
  let child: ChildProcess | undefined;
  const start = async () => {
    if (child) return;
    child = spawn(binary, ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"], {
      stdio: "ignore",
    });
    await accepting(port, 10_000);
  };
  await start();
  return {
    url: `redis://127.0.0.1:${port}`,
    async stop() {
      const running = child;
      if (!running) return;
      child = undefined;
      const exited = new Promise((resolve) => running.once("exit", resolve));
      running.kill("SIGTERM");
      await exited;
    },
    start,
  };
}

async function accepting(port: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const open = await new Promise<boolean>((resolve) => {
      const socket = createConnection({ port, host: "127.0.0.1" }, () => {
        socket.destroy();
        resolve(true);
      });
      socket.once("error", () => resolve(false));
    });
    if (open) return;
    if (Date.now() > deadline) throw new Error(`redis-server did not listen on ${port} within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
