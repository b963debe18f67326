// A server as `npm run quickstart` leaves it: a fresh database migrated and seeded outside
// production (so the demo applications and user flows are there), `next start` with the demo on and
// the secrets `npm run setup` writes, mail going to the outbox, and Contoso ID (the demo identity
// provider) beside it. Contoso ID's port is a free one here, so the tenants file is a copy of the
// shipped one with only that issuer moved.
import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll } from "vitest";
import { prismaCli, repoRoot, tenantsConfigPath, tsxCli } from "./paths";
import { freePort, serverEnv, startServer, waitForOk, type RunningProcess } from "./server";

/** The issuer the shipped tenants.json gives Contoso ID. */
export const SHIPPED_DEMO_IDP_ISSUER = "http://127.0.0.1:3901";

export interface QuickstartServer {
  /** Guestgate, at localhost. */
  baseURL(): string;
  /** Contoso ID's issuer on this run. */
  demoIdpIssuer(): string;
  output(): string;
  /** The passcode the development outbox holds for this address (the newest message to it). */
  passcodeFor(email: string): Promise<string>;
}

function run(args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) =>
    execFile(process.execPath, args, { cwd: repoRoot, env, timeout: 180_000 }, (error, stdout, stderr) =>
      error ? reject(new Error(`${args.join(" ")} failed: ${error.message}\n${stdout}\n${stderr}`)) : resolve(),
    ),
  );
}

export function withQuickstartServer(): QuickstartServer {
  let server: RunningProcess | undefined;
  let tmp: string | undefined;
  let origin = "";
  let issuer = "";

  beforeAll(async () => {
    tmp = await mkdtemp(path.join(os.tmpdir(), "guestgate-e2e-quickstart-"));
    const [port, idpPort] = [await freePort(), await freePort()];
    issuer = `http://127.0.0.1:${idpPort}`;
    const shipped = await readFile(tenantsConfigPath, "utf8");
    if (!shipped.includes(SHIPPED_DEMO_IDP_ISSUER))
      throw new Error(`tenants.json no longer gives Contoso ID ${SHIPPED_DEMO_IDP_ISSUER}`);
    const configPath = path.join(tmp, "tenants.json");
    const { $schema: _schema, ...config } = JSON.parse(shipped.replaceAll(SHIPPED_DEMO_IDP_ISSUER, issuer)) as Record<
      string,
      unknown
    >;
    await writeFile(configPath, JSON.stringify(config));
    const env: NodeJS.ProcessEnv = {
      ...serverEnv({ port, databaseUrl: `file:${path.join(tmp, "quickstart.db")}`, configPath }),
      SMTP_URL: "",
      GUESTGATE_OUTBOX_DIR: path.join(tmp, "outbox"),
      GUESTGATE_DEMO: "true",
      GUESTGATE_DEMO_UNSAFE_OVERRIDE: "true",
      GUESTGATE_DEMO_IDP_SECRET: randomBytes(32).toString("base64url"),
      LOG_LEVEL: "info",
    };
    await run([prismaCli, "migrate", "deploy"], env);
    // `npm run db:seed` as the quick start runs it: outside production, so the demo is seeded too.
    await run([tsxCli, "prisma/seed.ts"], { ...env, NODE_ENV: "development" });
    server = startServer(port, env);
    origin = `http://localhost:${port}`;
    await waitForOk(`${origin}/api/ready`, server);
    await waitForOk(`${issuer}/.well-known/openid-configuration`, server);
  }, 240_000);

  afterAll(async () => {
    await server?.stop();
    if (tmp) await rm(tmp, { recursive: true, force: true });
  });

  return {
    baseURL: () => origin,
    demoIdpIssuer: () => issuer,
    output: () => server?.output() ?? "",
    async passcodeFor(email) {
      const dir = path.join(tmp!, "outbox");
      for (const name of (await readdir(dir))
        .filter((n) => n.endsWith(".json"))
        .sort()
        .reverse()) {
        const message = JSON.parse(await readFile(path.join(dir, name), "utf8")) as { to: string; text: string };
        if (message.to !== email) continue;
        const code = /^\s+(\d{6})\s*$/m.exec(message.text)?.[1];
        if (code) return code;
      }
      throw new Error(`the outbox has no passcode for ${email}`);
    },
  };
}
