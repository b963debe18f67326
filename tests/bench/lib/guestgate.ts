// The orchestrator's own handle on Guestgate: migrate a fresh database, register the bench client
// and a guest, and mint pools of authorization codes through the provider's real API (authorize →
// completeInteraction → resume once, then silent authorize requests on the live OP session).
import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { createRequire } from "node:module";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { promisify } from "node:util";
import { CODE_SCOPE, CODE_VERIFIER, NONCE, PERMISSION, REDIRECT_URI, TENANT, type BenchClient } from "./protocol";

type OidcModule = typeof import("../../../app/_lib/oidc");
type DbModule = typeof import("../../../app/_lib/db");
type TenantModule = typeof import("../../../app/_lib/tenant");
export type OidcProvider = import("../../../app/_lib/oidc").OidcProvider;

/** `prisma migrate deploy` of appRoot's migrations (its prisma.config.ts picks the provider from the URL). */
export async function migrate(appRoot: string, databaseUrl: string): Promise<void> {
  const require = createRequire(path.join(appRoot, "package.json"));
  const cli = path.join(path.dirname(require.resolve("prisma/package.json")), "build/index.js");
  await promisify(execFile)(process.execPath, [cli, "migrate", "deploy"], {
    cwd: appRoot,
    env: { ...process.env, DATABASE_URL: databaseUrl, CHECKPOINT_DISABLE: "1" },
  });
}

export interface GuestgateHandle {
  op: OidcProvider;
  guestId: string;
  /** count more guests named "Bench Seeded 000001"…, inserted straight into the database (for the Graph scenarios). */
  seedGuests(count: number): Promise<void>;
  close(): Promise<void>;
}

/** A provider on the benchmark database (the servers under test use their own instances on the same file). */
export async function openGuestgate(options: {
  appRoot: string;
  baseUrl: string;
  databaseUrl: string;
  tenantsFile: string;
  keyEncryptionKey: string;
  client: BenchClient;
}): Promise<GuestgateHandle> {
  const load = <T>(file: string) => import(pathToFileURL(path.join(options.appRoot, file)).href) as Promise<T>;
  const [oidc, db, tenant] = await Promise.all([
    load<OidcModule>("app/_lib/oidc/index.ts"),
    load<DbModule>("app/_lib/db/index.ts"),
    load<TenantModule>("app/_lib/tenant/index.ts"),
  ]);
  const prisma = db.createPrismaClient(options.databaseUrl);
  // Written straight to the table: the name search's key too, as the directory store writes it
  // (an app root from before guests.searchName has neither the key nor the column).
  const searchNameOf = (displayName: string) => ("searchKeyOf" in db ? { searchName: db.searchKeyOf(displayName) } : {});
  const op = oidc.createOidcProvider({
    baseUrl: options.baseUrl,
    tenants: tenant.createTenantDirectory(tenant.loadTenantsConfig(options.tenantsFile)),
    repositories: db.createOidcRepositories(prisma),
    keyEncryptionKey: Buffer.from(options.keyEncryptionKey, "base64"),
  });
  await op.applications.register({
    tenantId: TENANT,
    name: "Bench confidential client",
    clientType: "confidential",
    clientId: options.client.clientId,
    secret: options.client.secret,
    redirectUris: [REDIRECT_URI],
    grantTypes: ["authorization_code", "client_credentials"],
    permissions: [PERMISSION],
  });
  const guest = await prisma.guest.create({
    data: {
      tenantId: TENANT,
      userType: "Guest",
      createdVia: "selfServiceSignUp",
      email: "bench@example.com",
      emailVerified: true,
      displayName: "Bench Guest",
      ...searchNameOf("Bench Guest"),
      state: "active",
    },
  });
  // Signing keys are made on first use: make them now, not inside a measured window.
  await op.keys.jwks(TENANT);
  const seedGuests = async (count: number) => {
    // Chunks keep each INSERT under the databases' bound-parameter limits.
    for (let start = 0; start < count; start += 5_000) {
      const data = Array.from({ length: Math.min(5_000, count - start) }, (_, i) => {
        const n = String(start + i + 1).padStart(6, "0");
        return {
          tenantId: TENANT,
          userType: "Guest",
          createdVia: "selfServiceSignUp",
          state: "active",
          displayName: `Bench Seeded ${n}`,
          ...searchNameOf(`Bench Seeded ${n}`),
          email: `bench-${n}@example.com`,
          emailVerified: true,
        };
      });
      await prisma.guest.createMany({ data });
    }
  };
  return { op, guestId: guest.id, seedGuests, close: () => prisma.$disconnect() };
}

/** A minimal cookie jar: name → value, from Set-Cookie headers. */
class Jar {
  private readonly cookies = new Map<string, string>();
  header(): string {
    return [...this.cookies].map(([n, v]) => `${n}=${v}`).join("; ");
  }
  take(response: Response): void {
    for (const line of response.headers.getSetCookie()) {
      const [pair = ""] = line.split(";");
      const eq = pair.indexOf("=");
      this.cookies.set(pair.slice(0, eq).trim(), pair.slice(eq + 1).trim());
    }
  }
  set(name: string, value: string): void {
    this.cookies.set(name, value);
  }
}

/**
 * count single-use codes for the bench client, each from a real authorization request: the first
 * through the interaction (the guest "signs in"), the rest silently on the OP session it started.
 * Several requests run at once to keep the pool's making short (codes live 60 s).
 */
export async function mintCodes(handle: GuestgateHandle, clientId: string, count: number): Promise<string[]> {
  const { op, guestId } = handle;
  const challenge = createHash("sha256").update(CODE_VERIFIER, "ascii").digest("base64url");
  const url = `${op.urls(TENANT).authorize}?${new URLSearchParams({
    client_id: clientId,
    redirect_uri: REDIRECT_URI,
    response_type: "code",
    scope: CODE_SCOPE,
    state: "bench",
    nonce: NONCE,
    code_challenge: challenge,
    code_challenge_method: "S256",
  })}`;
  const jar = new Jar();
  const get = async (target: string, call: (request: Request) => Promise<Response>) => {
    const response = await call(new Request(target, { headers: { cookie: jar.header() } }));
    jar.take(response);
    return response;
  };
  const codeOf = (response: Response) => {
    const location = response.headers.get("location") ?? "";
    const code = location.startsWith(REDIRECT_URI) ? new URL(location).searchParams.get("code") : null;
    if (!code) throw new Error(`no code from ${response.status} ${location}`);
    return code;
  };

  const first = await get(url, (r) => op.endpoints.authorize(r, TENANT));
  const interaction = /\/interaction\/([^/?]+)/.exec(first.headers.get("location") ?? "");
  if (!interaction) throw new Error(`authorize did not ask for an interaction: ${first.status} ${first.headers.get("location")}`);
  const id = decodeURIComponent(interaction[1]!);
  const { resumeUrl, sessionCookie } = await op.completeInteraction(TENANT, id, { guestId, amr: ["otp"], remember: false });
  jar.set(sessionCookie.name, sessionCookie.value);
  const codes = [codeOf(await get(resumeUrl, (r) => op.endpoints.resume(r, TENANT, id)))];

  let remaining = count - 1;
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      while (remaining > 0) {
        remaining--;
        codes.push(codeOf(await get(url, (r) => op.endpoints.authorize(r, TENANT))));
      }
    }),
  );
  return codes;
}

export const tokenRequestBody = {
  clientCredentials: (scope: string) => new URLSearchParams({ grant_type: "client_credentials", scope }).toString(),
  code: (code: string) =>
    new URLSearchParams({
      grant_type: "authorization_code",
      code,
      redirect_uri: REDIRECT_URI,
      code_verifier: CODE_VERIFIER,
    }).toString(),
};
