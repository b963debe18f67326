// Once per `npm run test:e2e`: a production build (only when there is none, or E2E_REBUILD=1), a
// fresh migrated and seeded SQLite database in a temp dir, and `npm start`'s server on a free port.
// Tests get the base URL through inject("baseURL").
// For the sign-up journeys it also starts what the server talks to: an SMTP server that keeps every
// message (SMTP_URL), and two local OpenID providers for the e2e tenant's upstreams; it runs the
// server with the shipped tenants plus that e2e tenant, and registers the applications and user
// flows the journeys start from through the operator CLI.
import { execFile, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import "./context";
import { registerApplications } from "./applications";
import { writeE2eTenantsConfig } from "./e2e-config";
import { nextCli, prismaCli, repoRoot, serverBuildScript, serverBundle, tsxCli } from "./paths";
import { freePort, serverEnv, startServer, waitForOk, type RunningProcess } from "./server";
import { startSmtpCapture, type SmtpCapture } from "./smtp-capture";
import { startUpstreams, type RunningUpstreams } from "./upstream";

/** What the operator CLI needs of the server's environment to work on the same database and tenants. */
const CLI_ENV_NAMES = [
  "NODE_ENV",
  "GUESTGATE_BASE_URL",
  "GUESTGATE_CONFIG",
  "DATABASE_URL",
  "AUTH_SECRET",
  "GUESTGATE_KEY_ENCRYPTION_KEY",
  "SMTP_URL",
];

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  if (process.env.E2E_REBUILD === "1" || !existsSync(path.join(repoRoot, ".next", "BUILD_ID"))) {
    await build();
  } else if (!existsSync(serverBundle)) {
    // A .next from `next build` alone: only `npm start`'s server is missing (seconds to bundle).
    await run("app/_server/build.mjs", process.execPath, [serverBuildScript], process.env);
  }

  const tmp = await mkdtemp(path.join(os.tmpdir(), "guestgate-e2e-"));
  let server: RunningProcess | undefined;
  let smtp: SmtpCapture | undefined;
  let upstreams: RunningUpstreams | undefined;
  const teardown = async () => {
    await server?.stop();
    await upstreams?.stop();
    await smtp?.stop();
    await rm(tmp, { recursive: true, force: true });
  };

  try {
    const databaseUrl = `file:${path.join(tmp, "e2e.db")}`;
    const port = await freePort();
    const mailDir = path.join(tmp, "mail");
    smtp = await startSmtpCapture(mailDir);
    upstreams = await startUpstreams(`http://localhost:${port}`);
    const configPath = await writeE2eTenantsConfig(tmp, upstreams);
    const env: NodeJS.ProcessEnv = {
      ...serverEnv({ port, databaseUrl, configPath }),
      ...upstreams.secrets,
      SMTP_URL: smtp.url,
      MAIL_FROM: "Guestgate e2e <no-reply@guestgate.test>",
      // Every journey of the suite asks for its passcodes from this one machine.
      GUESTGATE_OTP_SENDS_PER_CLIENT: "1000",
    };
    await run("prisma migrate deploy", process.execPath, [prismaCli, "migrate", "deploy"], env);
    await run("prisma/seed.ts", process.execPath, [tsxCli, "prisma/seed.ts"], env);
    await registerApplications(env);

    server = startServer(port, env);
    const baseURL = `http://localhost:${port}`;
    await waitForOk(`${baseURL}/api/ready`, server);

    project.provide("baseURL", baseURL);
    project.provide("databaseUrl", databaseUrl);
    project.provide("tenantsConfigPath", configPath);
    project.provide("mailDir", mailDir);
    project.provide("idpIssuer", upstreams.idpIssuer);
    project.provide("entraIssuer", upstreams.entraIssuer);
    project.provide("githubOrigin", upstreams.githubOrigin);
    project.provide("facebookOrigin", upstreams.facebookOrigin);
    project.provide("msaIssuer", upstreams.msaIssuer);
    project.provide("cliEnv", Object.fromEntries(CLI_ENV_NAMES.map((name) => [name, env[name] ?? ""])));
  } catch (error) {
    await teardown();
    throw error;
  }
  return teardown;
}

/** What `npm run build` does: `next build`, then the bundle of `npm start`'s server. */
async function build(): Promise<void> {
  console.log("e2e: npm run build (no .next/BUILD_ID, or E2E_REBUILD=1)…");
  const child = spawn(process.execPath, [nextCli, "build"], {
    cwd: repoRoot,
    env: { ...process.env, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1" },
    stdio: "inherit",
  });
  const code = await new Promise<number | null>((resolve) => child.on("exit", resolve));
  if (code !== 0) throw new Error(`next build failed (exit ${code})`);
  await run("app/_server/build.mjs", process.execPath, [serverBuildScript], process.env);
}

async function run(label: string, command: string, args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    execFile(command, args, { cwd: repoRoot, env, timeout: 120_000 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`e2e setup: ${label} failed: ${error.message}\n${stdout}${stderr}`));
      else resolve();
    });
  });
}
