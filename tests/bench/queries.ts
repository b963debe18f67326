// Where a token request's time goes, piece by piece, in one process: each repository call the token
// endpoint makes (Prisma on a fresh SQLite file, as `npm run bench` uses) and each signature, timed
// in a loop — wall time and this process's CPU time per call.
//   npx tsx tests/bench/queries.ts [iterations]
import { randomBytes, randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { generateKeyPair, SignJWT } from "jose";
import { createOidcRepositories, createPrismaClient } from "../../app/_lib/db";
import { migrate, mintCodes, openGuestgate } from "./lib/guestgate";
import { TENANT } from "./lib/protocol";

const repoRoot = path.resolve(import.meta.dirname, "../..");
const iterations = Number(process.argv[2] ?? 500);

async function time(label: string, fn: (i: number) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < 20; i++) await fn(i); // warm-up
  const cpu = process.cpuUsage();
  const began = performance.now();
  for (let i = 0; i < iterations; i++) await fn(i);
  const wall = ((performance.now() - began) / iterations) * 1000;
  const used = process.cpuUsage(cpu);
  console.log(
    `${label.padEnd(46)} ${wall.toFixed(0).padStart(6)} µs wall ${((used.user + used.system) / iterations).toFixed(0).padStart(6)} µs CPU`,
  );
}

async function main() {
  const tmp = mkdtempSync(path.join(os.tmpdir(), "guestgate-queries-"));
  const url = `file:${path.join(tmp, "q.db")}`;
  try {
    await migrate(repoRoot, url);
    const client = { clientId: randomUUID(), secret: randomBytes(32).toString("base64url") };
    const handle = await openGuestgate({
      appRoot: repoRoot,
      baseUrl: "http://127.0.0.1:1",
      databaseUrl: url,
      tenantsFile: path.join(repoRoot, "tenants.json"),
      keyEncryptionKey: randomBytes(32).toString("base64"),
      client,
    });
    const prisma = createPrismaClient(url);
    const repos = createOidcRepositories(prisma);
    const app = (await repos.applications.findByClientId(client.clientId))!;
    const codes = await mintCodes(handle, client.clientId, iterations + 20);
    const codeRecords = await prisma.authorizationCode.findMany({ select: { id: true, codeHash: true } });
    const grant = () => ({
      tenantId: TENANT,
      clientId: client.clientId,
      guestId: null,
      kind: "client_credentials" as const,
      scope: "x",
      sid: null,
      authTime: null,
      amr: [],
      acr: null,
      codeId: null,
    });
    const es = await generateKeyPair("ES256");
    const rs = await generateKeyPair("RS256", { modulusLength: 2048 });
    const sign = (alg: "ES256" | "RS256", key: CryptoKey) =>
      new SignJWT({ sub: "s", aud: "a", iss: "i", client_id: "c", scp: "openid profile email" })
        .setProtectedHeader({ alg })
        .setIssuedAt()
        .setExpirationTime("1h")
        .sign(key);

    console.log(`${iterations} iterations each (Node ${process.version})`);
    await time("SELECT 1 (Prisma + libsql round trip)", () => prisma.$queryRawUnsafe("SELECT 1"));
    await time("applications.findByClientId", () => repos.applications.findByClientId(client.clientId));
    await time("applications.secrets", () => repos.applications.secrets(app.id));
    await time("tokens.createGrant (insert, commit)", () => repos.tokens.createGrant(grant()));
    await time("tokens.findCodeWithGuest", (i) => repos.tokens.findCodeWithGuest(codeRecords[i % codeRecords.length]!.codeHash));
    await time("guests.find (guest + attributes)", () => repos.guests.find(TENANT, handle.guestId));
    await time("guests.directoryClaims (roles and groups)", () => repos.guests.directoryClaims!(TENANT, handle.guestId, app));
    await time("tokens.redeemCode (grant insert decides, then code update)", (i) =>
      repos.tokens.redeemCode(codeRecords[i]!.id, new Date(), {
        ...grant(),
        kind: "authorization_code",
        codeId: codeRecords[i]!.id,
      }),
    );
    await time("jose sign ES256", () => sign("ES256", es.privateKey));
    await time("jose sign RS256 (2048)", () => sign("RS256", rs.privateKey));
    void codes;
    await prisma.$disconnect();
    await handle.close();
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
