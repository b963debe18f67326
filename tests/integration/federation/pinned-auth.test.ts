// The upgrade gate (docs/UPGRADING.md): the federation suite proves Guestgate's use of Auth.js only
// for the Auth.js it runs against. next-auth 5 is published only as betas, where any release may
// change behaviour, so it is pinned to one exact version, and this checks that the copy the tests
// load is that version (and the @auth/core that version pins), not whatever a range resolved to.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";

const require = createRequire(import.meta.url);
const root = new URL("../../../", import.meta.url);
const json = (url: URL) => JSON.parse(readFileSync(url, "utf8")) as Record<string, unknown>;
const installed = (name: string) => (require(`${name}/package.json`) as { version: string }).version;

describe("the pinned next-auth beta", () => {
  const manifest = json(new URL("package.json", root)) as { dependencies: Record<string, string> };
  const pinned = manifest.dependencies["next-auth"]!;

  it("is pinned to one exact version in package.json (no range)", () => {
    expect(pinned).toMatch(/^\d+\.\d+\.\d+(?:-[0-9A-Za-z.]+)?$/);
  });

  it("is the version the tests load, with the @auth/core it pins, as the lockfile records", () => {
    expect(installed("next-auth")).toBe(pinned);
    const nextAuthManifest = require("next-auth/package.json") as { dependencies: Record<string, string> };
    const core = nextAuthManifest.dependencies["@auth/core"]!;
    expect(core, "next-auth pins its @auth/core exactly").toMatch(/^\d+\.\d+\.\d+$/);
    // The copy next-auth itself resolves (the one its handlers run).
    // (@auth/core exports no ./package.json: its manifest is read next to its entry point.)
    const coreEntry = createRequire(require.resolve("next-auth/package.json")).resolve("@auth/core");
    expect((json(pathToFileURL(path.join(path.dirname(coreEntry), "package.json"))) as { version: string }).version).toBe(core);
    const lock = json(new URL("package-lock.json", root)) as { packages: Record<string, { version?: string }> };
    expect(lock.packages["node_modules/next-auth"]?.version).toBe(pinned);
    expect(lock.packages["node_modules/@auth/core"]?.version).toBe(core);
  });
});
