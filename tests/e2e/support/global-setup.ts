// Once per `npm run test:e2e`: a production build (only when there is none, or E2E_REBUILD=1), a
// fresh migrated and seeded SQLite database in a temp dir, and `next start` on a free port.
// Tests get the base URL through inject("baseURL").
import { execFile, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import "./context";
import { nextCli, prismaCli, repoRoot, tenantsConfigPath, tsxCli } from "./paths";
import { freePort, serverEnv, startNext, waitForOk, type RunningProcess } from "./server";

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  if (process.env.E2E_REBUILD === "1" || !existsSync(path.join(repoRoot, ".next", "BUILD_ID"))) {
    await build();
  }

  const tmp = await mkdtemp(path.join(os.tmpdir(), "guestgate-e2e-"));
  let server: RunningProcess | undefined;
  const teardown = async () => {
    await server?.stop();
    await rm(tmp, { recursive: true, force: true });
  };

  try {
    const databaseUrl = `file:${path.join(tmp, "e2e.db")}`;
    const port = await freePort();
    const env = serverEnv({ port, databaseUrl, configPath: tenantsConfigPath });
    await run("prisma migrate deploy", process.execPath, [prismaCli, "migrate", "deploy"], env);
    await run("prisma/seed.ts", process.execPath, [tsxCli, "prisma/seed.ts"], env);

    server = startNext(port, env);
    const baseURL = `http://localhost:${port}`;
    await waitForOk(`${baseURL}/api/ready`, server);

    project.provide("baseURL", baseURL);
    project.provide("databaseUrl", databaseUrl);
    project.provide("tenantsConfigPath", tenantsConfigPath);
  } catch (error) {
    await teardown();
    throw error;
  }
  return teardown;
}

async function build(): Promise<void> {
  console.log("e2e: next build (no .next/BUILD_ID, or E2E_REBUILD=1)…");
  const child = spawn(process.execPath, [nextCli, "build"], {
    cwd: repoRoot,
    env: { ...process.env, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1" },
    stdio: "inherit",
  });
  const code = await new Promise<number | null>((resolve) => child.on("exit", resolve));
  if (code !== 0) throw new Error(`next build failed (exit ${code})`);
}

async function run(label: string, command: string, args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    execFile(command, args, { cwd: repoRoot, env, timeout: 120_000 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`e2e setup: ${label} failed: ${error.message}\n${stdout}${stderr}`));
      else resolve();
    });
  });
}
