// Server (b) needs a production build. An existing .next is used when it has the provider's routes;
// otherwise (or with --rebuild) `next build` runs first, and its cost is reported.
import { spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

/** Route files the bench calls; a build from before the provider existed lacks them. */
const ROUTES = [
  "/[tenant]/oauth2/v2.0/token/route",
  "/[tenant]/discovery/v2.0/keys/route",
  "/[tenant]/v2.0/.well-known/openid-configuration/route",
];

/** What `npm start` runs (package.json), built by `npm run build`. */
export function serverBundle(appRoot: string): string {
  return path.join(appRoot, ".next/guestgate/server.mjs");
}

export function nextCli(appRoot: string): string {
  const require = createRequire(path.join(appRoot, "package.json"));
  return path.join(path.dirname(require.resolve("next/package.json")), "dist/bin/next");
}

/** Why the build in appRoot/.next cannot be used as it is; undefined when it can. */
export function buildProblem(appRoot: string): string | undefined {
  const dist = path.join(appRoot, ".next");
  if (!existsSync(path.join(dist, "BUILD_ID"))) return "no .next/BUILD_ID";
  if (!existsSync(serverBundle(appRoot))) return "no .next/guestgate/server.mjs (npm start's server)";
  try {
    const manifest = JSON.parse(readFileSync(path.join(dist, "app-path-routes-manifest.json"), "utf8")) as Record<string, string>;
    const missing = ROUTES.filter((route) => !(route in manifest));
    return missing.length ? `.next is older than the provider's routes (no ${missing.join(", ")})` : undefined;
  } catch {
    return ".next/app-path-routes-manifest.json is unreadable";
  }
}

export interface BuildOutcome {
  ok: boolean;
  seconds: number;
  /** The end of the build's output (for a failed build's errors). */
  output: string;
}

/** `npm run build` in appRoot: `next build`, then the bundle of `npm start`'s server; output kept for errors. */
export async function build(appRoot: string): Promise<BuildOutcome> {
  const began = performance.now();
  const next = await run(appRoot, [nextCli(appRoot), "build"]);
  const front = next.ok ? await run(appRoot, [path.join(appRoot, "app/_server/build.mjs")]) : next;
  return {
    ok: front.ok,
    seconds: (performance.now() - began) / 1000,
    output: next.ok ? next.output + front.output : next.output,
  };
}

async function run(appRoot: string, args: string[]): Promise<{ ok: boolean; output: string }> {
  const child = spawn(process.execPath, args, {
    cwd: appRoot,
    env: { ...process.env, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1", CHECKPOINT_DISABLE: "1" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  for (const stream of [child.stdout, child.stderr]) {
    stream.setEncoding("utf8");
    stream.on("data", (chunk: string) => (output = (output + chunk).slice(-20_000)));
  }
  const code = await new Promise<number | null>((resolve) => child.on("exit", resolve));
  return { ok: code === 0, output };
}
