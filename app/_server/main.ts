// `npm start`: Guestgate's production server. One node:http server in one process with Next (its
// custom-server API): the provider's JSON endpoints are answered by the front (app/_lib/front)
// before Next sees them, everything else goes to Next's request handler unchanged. Built into
// .next/guestgate/server.mjs by `npm run build` (app/_server/build.mjs), so production runs plain
// Node. Takes `next start`'s -p/--port and -H/--hostname (and PORT), which the README, the quick
// start and the tests pass.
import http from "node:http";
import { parseArgs } from "node:util";
import nextEnv from "@next/env";
import next from "next";
import { frontPublished } from "../_lib/front";

// As `next start`: production unless said otherwise (the env type marks NODE_ENV read-only).
(process.env as Record<string, string | undefined>).NODE_ENV ??= "production";
process.env.NEXT_TELEMETRY_DISABLED ??= "1";

const { values } = parseArgs({
  options: { port: { type: "string", short: "p" }, hostname: { type: "string", short: "H" } },
  strict: true,
});
const dir = process.cwd();
// As `next start` does, .env and .env.production are read first (the quick start writes .env).
nextEnv.loadEnvConfig(dir, false, { info: () => {}, error: (...args: unknown[]) => console.error(...args) });
const port = Number(values.port ?? process.env.PORT ?? 3000);
const hostname = values.hostname;

async function main(): Promise<void> {
  const server = http.createServer();
  const app = next({ dev: false, dir, port, hostname: hostname ?? "localhost", httpServer: server });
  // Starts instrumentation.ts: the configuration check (exits on a bad one), request ids, the jobs,
  // and the front, published when the hook has run (after prepare() resolves).
  await app.prepare();
  const front = await frontPublished(120_000);
  const handle = app.getRequestHandler();
  server.on("request", (request, response) => {
    if (front(request, response)) return;
    void handle(request, response);
  });
  // As `next start`: a keep-alive connection outlives a proxy's idle timeout rather than racing it.
  server.keepAliveTimeout = Number(process.env.KEEP_ALIVE_TIMEOUT ?? 5_000);
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, hostname, resolve);
  });
  const shown = !hostname || hostname === "0.0.0.0" || hostname === "::" ? "localhost" : hostname;
  console.log(`Guestgate ready on http://${shown}:${port}`);
  const stop = () => {
    // A normal exit, so that --cpu-prof writes its profile; the jobs' leases expire by themselves.
    server.close();
    process.exit(0);
  };
  process.once("SIGTERM", stop);
  process.once("SIGINT", stop);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
