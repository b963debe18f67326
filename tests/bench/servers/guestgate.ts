// Server (a): Guestgate's endpoint functions behind a plain node:http server, wired by the
// composition root (`oidc()` of app/_lib/server.ts) from the same environment `next start` gets.
// Started by run.ts; prints one READY line with its port and pid.
import http from "node:http";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { READY_PREFIX, type ReadyMessage } from "../lib/protocol";
import { createFastPath } from "./fast-path";

type ServerModule = typeof import("../../../app/_lib/server");
type OidcModule = typeof import("../../../app/_lib/oidc");
type DbModule = typeof import("../../../app/_lib/db");
type TenantModule = typeof import("../../../app/_lib/tenant");

const appRoot = process.env.BENCH_APP_ROOT ?? path.resolve(import.meta.dirname, "../../..");
const load = <T>(file: string) => import(pathToFileURL(path.join(appRoot, file)).href) as Promise<T>;

/**
 * The composition root when it loads; otherwise (while app/_lib/server.ts is being edited and
 * imports what does not exist yet) the same wiring by hand, said so in the READY note.
 */
async function provider(): Promise<{ op: ReturnType<ServerModule["oidc"]>; wiring: string }> {
  try {
    const server = await load<ServerModule>("app/_lib/server.ts");
    const op = server.oidc();
    return { op, wiring: "oidc() of app/_lib/server.ts" };
  } catch (error) {
    const reason = error instanceof Error ? error.message.split("\n")[0] : String(error);
    console.error(`bench: app/_lib/server.ts did not load (${reason}); wiring createOidcProvider as oidc() does`);
    const [oidc, db, tenant] = await Promise.all([
      load<OidcModule>("app/_lib/oidc/index.ts"),
      load<DbModule>("app/_lib/db/index.ts"),
      load<TenantModule>("app/_lib/tenant/index.ts"),
    ]);
    const env = process.env;
    const op = oidc.createOidcProvider({
      baseUrl: env.GUESTGATE_BASE_URL!,
      tenants: tenant.createTenantDirectory(tenant.loadTenantsConfig(path.resolve(env.GUESTGATE_CONFIG!))),
      repositories: db.createOidcRepositories(db.createPrismaClient(env.DATABASE_URL!)),
      keyEncryptionKey: Buffer.from(env.GUESTGATE_KEY_ENCRYPTION_KEY!, "base64"),
    });
    return { op, wiring: "createOidcProvider wired by hand (app/_lib/server.ts did not load)" };
  }
}

async function main() {
  const origin = process.env.GUESTGATE_BASE_URL!;
  const port = Number(new URL(origin).port);
  const { op, wiring } = await provider();
  const fastPath = createFastPath(op, origin);
  const server = http.createServer((req, res) => {
    fastPath(req, res).then(
      (handled) => {
        if (!handled) res.writeHead(404, { "content-type": "text/plain" }).end("not an endpoint\n");
      },
      (error: unknown) => {
        console.error(error);
        if (!res.headersSent) res.writeHead(500);
        res.end();
      },
    );
  });
  server.keepAliveTimeout = 60_000;
  server.listen(port, "127.0.0.1", () => {
    const ready: ReadyMessage = { port, pid: process.pid, note: `${wiring}; Prisma on SQLite (libsql)` };
    console.log(READY_PREFIX + JSON.stringify(ready));
  });
}

// A normal exit on SIGTERM, so that --cpu-prof can write its profile.
process.on("SIGTERM", () => process.exit(0));

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
