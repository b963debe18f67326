// Where a server's CPU time went: self time of a V8 .cpuprofile (from `npm run bench -- --cpu-prof DIR`)
// grouped by package or source file, and the busiest functions. Idle time is left out.
// Only the main thread is sampled: WebCrypto signing runs on libuv's thread pool and does not show
// here (the bench's CPU per request, read from /proc, does include it).
//   npx tsx tests/bench/profile-summary.ts DIR/CPU.….cpuprofile [top] [skip-seconds]
import { readFileSync } from "node:fs";

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** node_modules/<package>, an app or test file, node's internals, or V8's own buckets. */
export function bucket(url: string, functionName: string): string {
  if (!url) return functionName.startsWith("(") ? functionName : "(native)";
  const modules = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (modules) return modules[1]!;
  if (url.startsWith("node:")) return `node:${url.slice(5).split("/")[1] ?? url.slice(5)}`;
  const app = /\/((?:app|tests|prisma)\/.*)$/.exec(url);
  return app ? app[1]! : url;
}

/** Coarse areas for "where does the time go": database, signing, HTTP, framework, app, start-up. */
export function area(bucketName: string): string {
  if (/^(libsql|@libsql\/|@prisma\/|prisma\/generated|wasm:)/.test(bucketName)) return "database (Prisma, libsql)";
  if (/^(jose|node:crypto|node:internal\/crypto)/.test(bucketName)) return "signing and hashing (jose, node:crypto)";
  if (/^(next|react|react-dom|next-intl|use-intl)$/.test(bucketName) || bucketName.startsWith("@next/"))
    return "Next.js and React";
  if (/^(tsx|esbuild|node:modules|node:bootstrap|node:source_map|node:vm)/.test(bucketName) || bucketName === "(program)")
    return "start-up and module loading (tsx, esbuild, V8)";
  if (/^node:(http|_http|net|stream|streams|webstreams|url|buffer|events|timers|process|async_hooks|deps)/.test(bucketName))
    return "HTTP and Node internals";
  if (/^(app|tests|prisma)\//.test(bucketName)) return "Guestgate / bench code";
  if (bucketName === "(garbage collector)") return "garbage collection";
  if (bucketName === "koa" || bucketName.startsWith("koa-") || bucketName === "oidc-provider") return "oidc-provider and Koa";
  return "other";
}

/** skipSeconds leaves out the first seconds of the profile (start-up, before the load came). */
export function summarise(profile: Profile, top = 20, skipSeconds = 0): string {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<number, number>();
  let elapsed = 0;
  profile.samples.forEach((id, i) => {
    elapsed += profile.timeDeltas[i] ?? 0;
    if (elapsed >= skipSeconds * 1e6) self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
  });
  const buckets = new Map<string, number>();
  const areas = new Map<string, number>();
  const functions = new Map<string, number>();
  let total = 0;
  for (const [id, micros] of self) {
    const { functionName, url, lineNumber } = byId.get(id)!.callFrame;
    if (functionName === "(idle)") continue;
    total += micros;
    const b = bucket(url, functionName);
    buckets.set(b, (buckets.get(b) ?? 0) + micros);
    areas.set(area(b), (areas.get(area(b)) ?? 0) + micros);
    const f = `${functionName || "(anonymous)"}  ${b}:${lineNumber + 1}`;
    functions.set(f, (functions.get(f) ?? 0) + micros);
  }
  const rows = (map: Map<string, number>) =>
    [...map]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([name, micros]) => `${((micros / total) * 100).toFixed(1).padStart(5)}%  ${name}`);
  return [
    `busy ${(total / 1e6).toFixed(2)} s (idle left out)`,
    "",
    "self time by area:",
    ...rows(areas),
    "",
    "self time by package / file:",
    ...rows(buckets),
    "",
    "busiest functions:",
    ...rows(functions),
  ].join("\n");
}

if (import.meta.filename === process.argv[1]) {
  const [file, top, skip] = process.argv.slice(2);
  if (!file) {
    console.error("usage: npx tsx tests/bench/profile-summary.ts FILE.cpuprofile [top] [skip-seconds]");
    process.exit(2);
  }
  console.log(summarise(JSON.parse(readFileSync(file, "utf8")) as Profile, Number(top ?? 20), Number(skip ?? 0)));
}
