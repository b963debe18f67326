// A `next start` of a test's own, on a copy of the suite's database, for tests that must break
// something underneath a running server (drop a table mid-journey) without harming the other tests.
import { createClient } from "@libsql/client";
import { createHash, randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, inject } from "vitest";
import type { TestApplication } from "./applications";
import "./context";
import { freePort, serverEnv, startServer, waitForOk, type RunningProcess } from "./server";

export interface OwnServer {
  baseURL(): string;
  /** Everything the server wrote to stdout and stderr so far. */
  output(): string;
  /** The server's JSON log lines so far (app/_lib/log), parsed; other output (Next's own) is skipped. */
  logLines(): Record<string, unknown>[];
  /** Runs SQL on the server's database from a separate connection, as an operator's mistake or a failing disk would. */
  sql(statement: string): Promise<void>;
  /** The server's own database (a copy of the suite's), for a Prisma client of the test's. */
  databaseUrl(): string;
  /** Reads rows from the server's database through a separate connection (what a test checks was, or was not, written). */
  query(statement: string): Promise<Record<string, unknown>[]>;
  /** A first authorization request of `app`, as an application would send it (code flow, PKCE S256). */
  authorizeUrl(app: TestApplication, uiLocales: string): string;
}

/**
 * Call at the top of a test file (or a describe): the server runs for it, on its own copy of the
 * suite's database, with `extraEnv` laid over the suite's settings.
 */
export function withOwnServer(extraEnv: Record<string, string> = {}): OwnServer {
  let server: RunningProcess | undefined;
  let tmp: string | undefined;
  let databaseFile = "";
  let origin = "";

  beforeAll(async () => {
    tmp = await mkdtemp(path.join(os.tmpdir(), "guestgate-e2e-own-"));
    databaseFile = path.join(tmp, "copy.db");
    // VACUUM INTO takes a consistent copy while the suite's server keeps the original open (WAL).
    const source = createClient({ url: inject("databaseUrl") });
    try {
      await source.execute({ sql: "VACUUM INTO ?", args: [databaseFile] });
    } finally {
      source.close();
    }
    // The suite's rate-limit counters (every journey so far came from this machine's address) are
    // not this server's: its own limits start from zero, whatever ran before it.
    const copy = createClient({ url: `file:${databaseFile}` });
    try {
      await copy.execute("DELETE FROM rate_limit_counters");
    } finally {
      copy.close();
    }
    const port = await freePort();
    const suite = inject("cliEnv");
    server = startServer(port, {
      ...serverEnv({ port, databaseUrl: `file:${databaseFile}`, configPath: inject("tenantsConfigPath") }),
      // The suite's secrets, so the copied signing keys and the SMTP capture work here too.
      AUTH_SECRET: suite.AUTH_SECRET,
      GUESTGATE_KEY_ENCRYPTION_KEY: suite.GUESTGATE_KEY_ENCRYPTION_KEY,
      SMTP_URL: suite.SMTP_URL,
      LOG_LEVEL: "info",
      ...extraEnv,
    });
    origin = `http://localhost:${port}`;
    await waitForOk(`${origin}/api/ready`, server);
  });

  afterAll(async () => {
    await server?.stop();
    if (tmp) await rm(tmp, { recursive: true, force: true });
  });

  return {
    baseURL: () => origin,
    output: () => server?.output() ?? "",
    logLines() {
      return (server?.output() ?? "")
        .split("\n")
        .filter((line) => line.startsWith("{"))
        .flatMap((line) => {
          try {
            return [JSON.parse(line) as Record<string, unknown>];
          } catch {
            return [];
          }
        });
    },
    async sql(statement) {
      const client = createClient({ url: `file:${databaseFile}` });
      try {
        await client.execute(statement);
      } finally {
        client.close();
      }
    },
    databaseUrl: () => `file:${databaseFile}`,
    async query(statement) {
      const client = createClient({ url: `file:${databaseFile}` });
      try {
        return (await client.execute(statement)).rows.map((row) => ({ ...row }));
      } finally {
        client.close();
      }
    },
    authorizeUrl(app, uiLocales) {
      const verifier = randomBytes(32).toString("base64url");
      const query = new URLSearchParams({
        client_id: app.clientId,
        redirect_uri: app.registeredRedirectUri,
        response_type: "code",
        scope: "openid profile email",
        state: randomBytes(16).toString("base64url"),
        nonce: randomBytes(16).toString("base64url"),
        code_challenge: createHash("sha256").update(verifier).digest("base64url"),
        code_challenge_method: "S256",
        ui_locales: uiLocales,
      });
      return `${origin}/${app.tenant}/oauth2/v2.0/authorize?${query}`;
    },
  };
}
