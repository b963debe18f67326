// The fault tests' bed: a PostgreSQL server of their own (tests/helpers/postgres-cluster.ts), an SMTP
// capture and a Redis (the rate-limit counters, REDIS_URL) that can be taken away and brought back, and two `next start` instances of one build on
// that database, behind one public URL as a load balancer would put them (same base URL, secrets
// and signing-key encryption key; the test's client picks the instance for each request).
import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import pg from "pg";
import { startPostgresCluster, type PostgresCluster } from "../../helpers/postgres-cluster";
import { startRedisServer, type RedisServer } from "../../helpers/redis-server";
import { suiteTenantsFile } from "../../e2e/support/e2e-config";
import { prismaCli, repoRoot, tsxCli } from "../../e2e/support/paths";
import { freePort, randomSecret, serverEnv, startServer, waitForOk, type RunningProcess } from "../../e2e/support/server";
import { startSmtpCapture, type SmtpCapture } from "../../e2e/support/smtp-capture";

const run = promisify(execFile);

export interface Instance {
  /** http://localhost:PORT of this instance itself (the test sends requests here). */
  origin: string;
  pid(): number;
  /** SIGKILL to the instance's process group: no shutdown hooks, in-flight requests cut off. */
  kill(): Promise<void>;
  /** A new `next start` on the same port, environment and database; resolves once it is ready. */
  restart(): Promise<void>;
  output(): string;
  /** Restarts the instance if it is not running (a test that failed after a kill leaves it down). */
  ensureRunning(): Promise<void>;
}

export interface FaultBed {
  /** The public URL both instances answer for (GUESTGATE_BASE_URL). */
  publicUrl: string;
  instances: [Instance, Instance];
  postgres: PostgresCluster;
  /** Where both instances keep the rate-limit counters. */
  redis: RedisServer;
  mailDir: string;
  /** SQL on the bed's database from the test's own connection (the invariants), after the server is back. */
  query<T extends pg.QueryResultRow>(sql: string, values?: unknown[]): Promise<T[]>;
  /** Takes the SMTP server away (its port then refuses connections) or brings it back on the same port. */
  smtpDown(): Promise<void>;
  smtpUp(): Promise<void>;
  teardown(): Promise<void>;
}

export async function startFaultBed(): Promise<FaultBed> {
  const tmp = await mkdtemp(path.join(os.tmpdir(), "guestgate-faults-"));
  const mailDir = path.join(tmp, "mail");
  const postgres = await startPostgresCluster(await freePort());
  const redis = await startRedisServer(await freePort());
  let smtp: SmtpCapture | undefined = await startSmtpCapture(mailDir);
  const smtpPort = Number(new URL(smtp.url).port);
  const ports = [await freePort(), await freePort()] as const;
  const publicUrl = `http://localhost:${ports[0]}`;
  const databaseUrl = postgres.url();
  const env: NodeJS.ProcessEnv = {
    // Every journey of these tests comes from this one machine: the sign-up limits are raised.
    ...serverEnv({ port: ports[0], databaseUrl, configPath: await suiteTenantsFile(tmp) }),
    AUTH_SECRET: randomSecret(),
    GUESTGATE_KEY_ENCRYPTION_KEY: randomBytes(32).toString("base64"),
    SMTP_URL: smtp.url,
    REDIS_URL: redis.url,
    MAIL_FROM: "Guestgate faults <no-reply@guestgate.test>",
    GUESTGATE_DEMO: "false",
    // Every journey of these tests comes from this one machine.
    GUESTGATE_OTP_SENDS_PER_CLIENT: "10000",
    GUESTGATE_OTP_SENDS_PER_ADDRESS: "100",
    LOG_LEVEL: "info",
  };
  try {
    await prepare(env);
  } catch (error) {
    await smtp.stop();
    await redis.stop();
    await postgres.destroy();
    await rm(tmp, { recursive: true, force: true });
    throw error;
  }

  const pool = new pg.Pool({ connectionString: databaseUrl, max: 2 });
  // A restart of the database breaks the pool's idle connections; the next query makes new ones.
  pool.on("error", () => undefined);

  const instances = ports.map((port) => {
    let server: RunningProcess = startServer(port, { ...env, PORT: String(port) });
    const origin = `http://localhost:${port}`;
    const instance: Instance = {
      origin,
      pid: () => server.child.pid!,
      async kill() {
        process.kill(-server.child.pid!, "SIGKILL");
        await server.exited;
      },
      async restart() {
        server = startServer(port, { ...env, PORT: String(port) });
        await waitForOk(`${origin}/api/ready`, server, 120_000);
      },
      output: () => server.output(),
      async ensureRunning() {
        if (server.child.exitCode !== null || server.child.signalCode !== null) await instance.restart();
      },
    };
    return { instance, ready: () => waitForOk(`${origin}/api/ready`, server, 120_000), stop: () => server.stop() };
  });
  await Promise.all(instances.map((i) => i.ready()));

  return {
    publicUrl,
    instances: [instances[0]!.instance, instances[1]!.instance],
    postgres,
    redis,
    mailDir,
    async query(sql, values) {
      return (await pool.query(sql, values)).rows;
    },
    async smtpDown() {
      await smtp?.stop();
      smtp = undefined;
    },
    async smtpUp() {
      if (smtp) return;
      smtp = await startSmtpCapture(mailDir, smtpPort);
    },
    async teardown() {
      await Promise.all(instances.map((i) => i.stop()));
      await pool.end().catch(() => undefined);
      await smtp?.stop();
      await redis.stop();
      await postgres.destroy();
      await rm(tmp, { recursive: true, force: true });
    },
  };
}

/** The bed's database as an operator's first deploy leaves it: migrated and seeded. */
async function prepare(env: NodeJS.ProcessEnv): Promise<void> {
  await run(process.execPath, [prismaCli, "migrate", "deploy"], { cwd: repoRoot, env });
  // The demo applications and flows (the journeys start from the demo tenants' public clients): the
  // seed leaves them out in production, so it runs as development against the same database.
  await run(process.execPath, [tsxCli, "prisma/seed.ts"], { cwd: repoRoot, env: { ...env, NODE_ENV: "development" } });
}
