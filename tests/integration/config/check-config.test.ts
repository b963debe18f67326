import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";

const run = promisify(execFile);
const scratch = mkdtempSync(path.join(tmpdir(), "guestgate-config-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** Runs `guestgate check-config` as an operator would, with the given tenants file. */
async function checkConfig(config: unknown): Promise<{ code: number; stdout: string; stderr: string }> {
  const file = path.join(scratch, `tenants-${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(file, typeof config === "string" ? config : JSON.stringify(config));
  try {
    const { stdout, stderr } = await run("npx", ["tsx", "app/_cli/main.ts", "check-config"], {
      env: { ...process.env, GUESTGATE_CONFIG: file },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

const demo = JSON.parse(readFileSync("tenants.json", "utf8"));

describe("guestgate check-config", () => {
  it("accepts the demo tenants file", async () => {
    const result = await checkConfig(demo);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("2 tenant(s) — woodgrove, sparbanken");
  });

  it("exits 1 naming the path of the bad value", async () => {
    const broken = structuredClone(demo);
    broken.tenants[1].branding.primaryColor = "blue";
    const result = await checkConfig(broken);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("tenants[1].branding.primaryColor: a colour as #rrggbb");
  });

  it("exits 1 on a file that is not JSON", async () => {
    const result = await checkConfig("{ not json");
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/is not JSON/);
  });
});
