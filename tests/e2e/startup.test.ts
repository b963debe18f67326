// An operator's mistake in the tenants file stops `next start` at once, naming the bad value,
// instead of serving pages that fail later.
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, inject, it } from "vitest";
import "./support/context";
import { freePort, serverEnv, startServer, type RunningProcess } from "./support/server";

let server: RunningProcess | undefined;
let tmp: string | undefined;
afterEach(async () => {
  await server?.stop();
  if (tmp) await rm(tmp, { recursive: true, force: true });
  server = tmp = undefined;
});

describe("starting with a bad tenants file", () => {
  it("exits by itself with a non-zero code and names tenants[1].branding.primaryColor", async () => {
    const config = JSON.parse(await readFile(inject("tenantsConfigPath"), "utf8"));
    config.tenants[1].branding.primaryColor = "blue";
    tmp = await mkdtemp(path.join(os.tmpdir(), "guestgate-e2e-badconfig-"));
    const configPath = path.join(tmp, "tenants.json");
    await writeFile(configPath, JSON.stringify(config, null, 2));

    const port = await freePort();
    server = startServer(port, serverEnv({ port, databaseUrl: inject("databaseUrl"), configPath }));
    let timer: NodeJS.Timeout | undefined;
    const outcome = await Promise.race([
      server.exited,
      new Promise<"still running">((resolve) => (timer = setTimeout(() => resolve("still running"), 30_000))),
    ]);
    clearTimeout(timer);

    expect(outcome, `next start should have stopped by itself; its output:\n${server.output()}`).not.toBe("still running");
    expect(outcome).not.toBe(0);
    expect(typeof outcome).toBe("number");
    expect(server.output()).toContain("tenants[1].branding.primaryColor");
  }, 45_000);
});
