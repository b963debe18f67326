// A throwaway PostgreSQL server of a test's own (initdb in a temp dir, its own port and socket), so a
// fault test can really stop, crash and restart the database under running Guestgate instances
// without touching the machine's shared server that other tests use.
import { execFile, execFileSync } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import { chmod, chown, mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);

/** The bin directory of the newest PostgreSQL installed the Debian way (or PG_BIN), or undefined. */
export function postgresBinDir(): string | undefined {
  const candidates = process.env.PG_BIN
    ? [process.env.PG_BIN]
    : existsSync("/usr/lib/postgresql")
      ? readdirSync("/usr/lib/postgresql")
          .sort((a, b) => Number(b) - Number(a))
          .map((version) => `/usr/lib/postgresql/${version}/bin`)
      : [];
  return candidates.find((dir) => existsSync(path.join(dir, "initdb")) && existsSync(path.join(dir, "pg_ctl")));
}

export interface PostgresCluster {
  /** postgresql://postgres@127.0.0.1:PORT/postgres (trust auth, loopback only). */
  url(database?: string): string;
  port: number;
  /** pg_ctl stop: "fast" closes sessions cleanly, "immediate" is a crash (no checkpoint, recovery on start). */
  stop(mode?: "fast" | "immediate"): Promise<void>;
  /** Starts the stopped server again (on the same port and data); nothing when it runs. */
  start(): Promise<void>;
  /** Stops the server (if running) and deletes its data directory. */
  destroy(): Promise<void>;
}

/**
 * initdb refuses to run as root: as root, every pg_ctl call runs as the `postgres` user, and the
 * directory is made theirs. Otherwise the binaries run as the current user.
 */
export async function startPostgresCluster(port: number): Promise<PostgresCluster> {
  const bin = postgresBinDir();
  if (!bin) throw new Error("no PostgreSQL server binaries (initdb, pg_ctl) under /usr/lib/postgresql/*/bin or PG_BIN");
  const dir = await mkdtemp(path.join(os.tmpdir(), "guestgate-pg-"));
  const data = path.join(dir, "data");
  const asRoot = process.getuid?.() === 0;
  if (asRoot) {
    const { stdout } = await run("id", ["-u", "postgres"]);
    const { stdout: gid } = await run("id", ["-g", "postgres"]);
    await chown(dir, Number(stdout.trim()), Number(gid.trim()));
  }
  await chmod(dir, 0o700);
  const pg = (tool: string, args: string[]) =>
    asRoot
      ? run("runuser", ["-u", "postgres", "--", path.join(bin, tool), ...args], { cwd: dir })
      : run(path.join(bin, tool), args, { cwd: dir });

  await pg("initdb", ["-D", data, "-A", "trust", "-U", "postgres", "--no-sync", "-E", "UTF8", "--locale=C"]);
  // fsync off: the data is thrown away after the test, and a crash (-m immediate) still goes through
  // WAL recovery on the next start, which is what the tests want to see.
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=100`;
  let running = false;
  const start = async () => {
    if (running) return;
    await pg("pg_ctl", ["start", "-w", "-t", "60", "-D", data, "-l", path.join(dir, "server.log"), "-o", options]);
    running = true;
  };
  const stop = async (mode: "fast" | "immediate" = "fast") => {
    await pg("pg_ctl", ["stop", "-w", "-t", "60", "-D", data, "-m", mode]);
    running = false;
  };
  await start();
  // pg_ctl starts a daemon: should the test process end without teardown, the server must not outlive it.
  const orphanGuard = () => {
    if (!running) return;
    const argv = ["stop", "-D", data, "-m", "immediate"];
    try {
      if (asRoot) execFileSync("runuser", ["-u", "postgres", "--", path.join(bin, "pg_ctl"), ...argv], { stdio: "ignore" });
      else execFileSync(path.join(bin, "pg_ctl"), argv, { stdio: "ignore" });
    } catch {
      // already gone
    }
  };
  process.once("exit", orphanGuard);
  return {
    port,
    url: (database = "postgres") => `postgresql://postgres@127.0.0.1:${port}/${database}`,
    start,
    stop,
    async destroy() {
      if (running) await stop("immediate").catch(() => undefined);
      process.off("exit", orphanGuard);
      await rm(dir, { recursive: true, force: true });
    },
  };
}
