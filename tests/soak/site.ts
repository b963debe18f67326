// A Guestgate site for load over loopback: a fresh migrated SQLite database seeded with the demo
// tenants, applications and user flows (prisma/seed.ts, as `npm run setup` does), an SMTP capture
// for the passcode mail, and `next start` on the existing production build (never rebuilt here:
// CI built it for the browser tests). Shared by the soak and the bench's page table, journeys and
// scale-out run, which may put several instances on one (PostgreSQL) database behind one origin.
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { prismaCli, repoRoot, tsxCli } from "../e2e/support/paths";
import { freePort, serverEnv, startServer, waitForOk, type RunningProcess } from "../e2e/support/server";
import { suiteTenantsFile } from "../e2e/support/e2e-config";
import { startSmtpCapture } from "../e2e/support/smtp-capture";

/** prisma/seed.ts's public demo client of woodgrove (its flow: e-mail passcode, then attributes). */
export const WOODGROVE_DEMO = {
  tenant: "woodgrove",
  clientId: "540a2eb4-526c-545d-b702-1caab8d4a622",
  redirectUri: "http://127.0.0.1:3000/demo/callback",
  scope: "openid profile email offline_access",
};

export interface Site {
  origin: string;
  mailDir: string;
  databaseUrl: string;
  /** The first (or only) instance. */
  server: RunningProcess;
  /** Every instance, each on its own port (`ports`), in the order started. */
  servers: RunningProcess[];
  ports: number[];
  stop(): Promise<void>;
}

export interface SiteOptions {
  extraEnv?: Record<string, string>;
  /** Variables for the instances only, not for the migration and the seed before them (e.g. a profiler's NODE_OPTIONS). */
  instanceEnv?: Record<string, string>;
  /** A database to migrate and seed (e.g. a PostgreSQL schema); a fresh SQLite file when absent. */
  databaseUrl?: string;
  /** How many `npm start` instances share the database, the secrets and the key-encryption key (default 1). */
  instances?: number;
  /** GUESTGATE_BASE_URL of every instance (the origin a front before them answers on); the first instance's own when absent. */
  origin?: string;
  /** Runs each instance's command under `taskset -c` with the given CPU list, one entry per instance. */
  cpus?: string[];
}

export async function startSite(options: SiteOptions = {}): Promise<Site> {
  if (!existsSync(path.join(repoRoot, ".next", "BUILD_ID"))) throw new Error("no production build: run `npm run build` first");
  const tmp = await mkdtemp(path.join(os.tmpdir(), "guestgate-soak-"));
  const smtp = await startSmtpCapture(path.join(tmp, "mail"));
  const servers: RunningProcess[] = [];
  const stop = async () => {
    await Promise.all(servers.map((server) => server.stop()));
    await smtp.stop();
    await rm(tmp, { recursive: true, force: true });
  };
  try {
    const ports = await Promise.all(Array.from({ length: options.instances ?? 1 }, () => freePort()));
    const databaseUrl = options.databaseUrl ?? `file:${path.join(tmp, "soak.db")}`;
    const base = serverEnv({ port: ports[0]!, databaseUrl, configPath: await suiteTenantsFile(tmp) });
    const env: NodeJS.ProcessEnv = {
      ...base,
      ...(options.origin ? { GUESTGATE_BASE_URL: options.origin } : {}),
      SMTP_URL: smtp.url,
      MAIL_FROM: "Guestgate soak <no-reply@guestgate.test>",
      LOG_LEVEL: "warn",
      // Every journey comes from this one machine (127.0.0.1): the per-client limit would stop the load.
      GUESTGATE_OTP_SENDS_PER_CLIENT: "10000",
      ...options.extraEnv,
    };
    const run = promisify(execFile);
    await run(process.execPath, [prismaCli, "migrate", "deploy"], { cwd: repoRoot, env });
    // The demo applications and flows are seeded outside production only (prisma/seed.ts).
    await run(process.execPath, [tsxCli, "prisma/seed.ts"], { cwd: repoRoot, env: { ...env, NODE_ENV: "development" } });
    // One environment for all (AUTH_SECRET and the key-encryption key included): instances of one site.
    for (const [i, port] of ports.entries())
      servers.push(startServer(port, { ...env, ...options.instanceEnv }, { cpus: options.cpus?.[i] }));
    await Promise.all(servers.map((server, i) => waitForOk(`http://localhost:${ports[i]}/api/ready`, server)));
    const origin = options.origin ?? `http://localhost:${ports[0]}`;
    return { origin, mailDir: path.join(tmp, "mail"), databaseUrl, server: servers[0]!, servers, ports, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
