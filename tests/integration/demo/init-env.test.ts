import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterEach, beforeEach, describe, expect, it } from "vitest";

const repoRoot = fileURLToPath(new URL("../../..", import.meta.url));
const tsx = path.join(path.dirname(createRequire(import.meta.url).resolve("tsx/package.json")), "dist/cli.mjs");

// `npm run setup` runs this in a fresh clone: the quick start serves with `next start`, so the demo
// application and the outbox are on only because .env says GUESTGATE_DEMO=true.
describe("npm run guestgate -- init-env", () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), "guestgate-init-env-"));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  async function initEnv(): Promise<string> {
    const env = { ...process.env };
    for (const name of [
      "AUTH_SECRET",
      "GUESTGATE_KEY_ENCRYPTION_KEY",
      "GUESTGATE_DEMO",
      "GUESTGATE_DEMO_UNSAFE_OVERRIDE",
      "GUESTGATE_DEMO_IDP_SECRET",
    ])
      delete env[name];
    const { stdout } = await promisify(execFile)(process.execPath, [tsx, path.join(repoRoot, "app/_cli/main.ts"), "init-env"], {
      cwd: dir,
      env,
    });
    return stdout;
  }

  it("turns the demo on in a new .env, next to fresh secrets", async () => {
    expect(await initEnv()).toMatch(/added AUTH_SECRET, GUESTGATE_KEY_ENCRYPTION_KEY, GUESTGATE_DEMO/);
    const written = await readFile(path.join(dir, ".env"), "utf8");
    expect(written).toMatch(/^GUESTGATE_DEMO=true$/m);
    // next start is production mode: the demo runs there only with the override, logged on every start
    expect(written).toMatch(/^GUESTGATE_DEMO_UNSAFE_OVERRIDE=true$/m);
    expect(written).toMatch(/^AUTH_SECRET=[A-Za-z0-9_-]{43}$/m);
    // the secret Guestgate and the demo identity provider Contoso ID share
    expect(written).toMatch(/^GUESTGATE_DEMO_IDP_SECRET=[A-Za-z0-9_-]{43}$/m);
  });

  it("adds the demo identity provider's secret to an older .env with the demo on, and not where it is off", async () => {
    await writeFile(path.join(dir, ".env"), "GUESTGATE_DEMO=true\nAUTH_SECRET=x\nGUESTGATE_KEY_ENCRYPTION_KEY=y\n");
    expect(await initEnv()).toMatch(/added GUESTGATE_DEMO_IDP_SECRET\n/);
    await writeFile(path.join(dir, ".env"), "GUESTGATE_DEMO=false\nAUTH_SECRET=x\nGUESTGATE_KEY_ENCRYPTION_KEY=y\n");
    expect(await initEnv()).toMatch(/nothing to add/);
  });

  it("never overrides a value already there", async () => {
    await writeFile(path.join(dir, ".env"), "GUESTGATE_DEMO=false\n");
    expect(await initEnv()).toMatch(/added AUTH_SECRET, GUESTGATE_KEY_ENCRYPTION_KEY\n/);
    const written = await readFile(path.join(dir, ".env"), "utf8");
    expect(written.match(/^GUESTGATE_DEMO=.*$/gm)).toEqual(["GUESTGATE_DEMO=false"]);
    expect(await initEnv()).toMatch(/nothing to add/);
  });
});
