import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { createRequire } from "node:module";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, testDatabaseProviders, type TestDatabase } from "../../helpers/database";

const tsx = path.join(path.dirname(createRequire(import.meta.url).resolve("tsx/package.json")), "dist/cli.mjs");

describe.each(testDatabaseProviders())("npm run guestgate -- app … / keys … on %s", (provider) => {
  let db: TestDatabase;
  const kek = randomBytes(32).toString("base64");
  beforeAll(async () => {
    db = await createTestDatabase(provider);
  });
  afterAll(async () => {
    await db?.drop();
  });

  async function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
    try {
      const { stdout, stderr } = await promisify(execFile)(process.execPath, [tsx, "app/_cli/main.ts", ...args], {
        env: { ...process.env, DATABASE_URL: db.url, GUESTGATE_KEY_ENCRYPTION_KEY: kek, NODE_ENV: "development" },
      });
      return { code: 0, stdout, stderr };
    } catch (error) {
      const e = error as { code: number; stdout: string; stderr: string };
      return { code: e.code, stdout: e.stdout, stderr: e.stderr };
    }
  }

  it("creates applications, shows a confidential secret once, adds secrets, lists, rotates keys", async () => {
    const created = await cli(
      "app",
      "create",
      "--tenant",
      "woodgrove",
      "--name",
      "Woodgrove portal",
      "--type",
      "confidential",
      "--redirect-uri",
      "https://portal.example/cb",
      "--post-logout-redirect-uri",
      "https://portal.example/bye",
      "--grant",
      "authorization_code",
      "--grant",
      "refresh_token",
      "--grant",
      "client_credentials",
      "--permission",
      "User.Invite.All",
      "--permission",
      "Application.ReadWrite.All",
    );
    expect(created.code).toBe(0);
    const clientId = /client id:\s+(\S+)/.exec(created.stdout)![1]!;
    const secret = /client secret:\s+(\S+)/.exec(created.stdout)![1]!;
    expect(secret).toMatch(/^[\w-]{43}$/);
    const row = await db.prisma.application.findUniqueOrThrow({ where: { clientId }, include: { secrets: true } });
    expect(row).toMatchObject({
      tenantId: "woodgrove",
      clientType: "confidential",
      permissions: '["User.Invite.All","Application.ReadWrite.All"]',
    });
    expect(JSON.stringify(row)).not.toContain(secret);

    const added = await cli("app", "add-secret", "--tenant", "woodgrove", "--client-id", clientId, "--days", "30");
    expect(added.stdout).toMatch(/client secret:\s+[\w-]{43}/);
    const listed = await cli("app", "list", "--tenant", "woodgrove");
    expect(listed.stdout).toContain(clientId);
    expect(listed.stdout.match(/secret \S{3}…/g)).toHaveLength(2);

    const granted = await cli(
      "app",
      "grant",
      "--tenant",
      "woodgrove",
      "--client-id",
      clientId,
      "--permission",
      "AppRoleAssignment.ReadWrite.All",
      "--permission",
      "User.Invite.All",
    );
    expect(granted.code).toBe(0);
    expect(JSON.parse((await db.prisma.application.findUniqueOrThrow({ where: { clientId } })).permissions)).toEqual([
      "User.Invite.All",
      "Application.ReadWrite.All",
      "AppRoleAssignment.ReadWrite.All",
    ]);
    const unknown = await cli(
      "app",
      "grant",
      "--tenant",
      "woodgrove",
      "--client-id",
      clientId,
      "--permission",
      "Directory.ReadWrite.All",
    );
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/Directory\.ReadWrite\.All is not one of/);

    const rotated = await cli("keys", "rotate", "--tenant", "woodgrove");
    expect(rotated.code).toBe(0);
    expect(rotated.stdout).toMatch(/new active RS256 key/);
    expect(await db.prisma.signingKey.count({ where: { tenantId: "woodgrove", state: "active" } })).toBe(2);

    // every change above is audited with the CLI as its actor, and no secret (nor its hint) is in the log
    const events = await db.prisma.auditEvent.findMany({ where: { tenantId: "woodgrove" }, orderBy: { createdAt: "asc" } });
    expect(events.map((e) => [e.type, e.actorType, e.actorId, e.targetType])).toEqual([
      ["application.created", "system", "cli", "application"],
      ["application.secretAdded", "system", "cli", "application"],
      ["application.updated", "system", "cli", "application"],
      ["signingKey.rotated", "system", "cli", "signingKey"],
      ["signingKey.rotated", "system", "cli", "signingKey"],
    ]);
    expect(events.slice(0, 3).map((e) => e.targetId)).toEqual([clientId, clientId, clientId]);
    expect(JSON.parse(events[0]!.data)).toMatchObject({
      clientType: "confidential",
      permissions: ["User.Invite.All", "Application.ReadWrite.All"],
      secretIssued: true,
    });
    const rotatedKids = [...rotated.stdout.matchAll(/key (\S+)/g)].map((m) => m[1]);
    expect(
      events
        .slice(3)
        .map((e) => e.targetId)
        .sort(),
    ).toEqual(rotatedKids.sort());
    expect(JSON.stringify(events)).not.toContain(secret);
    expect(JSON.stringify(events)).not.toContain(secret.slice(0, 3) + '"');
  });

  it("exits 1 with a readable message on bad input", async () => {
    const insecure = await cli(
      "app",
      "create",
      "--tenant",
      "woodgrove",
      "--name",
      "x",
      "--type",
      "public",
      "--redirect-uri",
      "http://app.example/cb",
    );
    expect(insecure.code).toBe(1);
    expect(insecure.stderr).toMatch(/loopback IP literals/);
    expect((await cli("app", "create", "--tenant", "nowhere", "--name", "x", "--type", "public")).stderr).toMatch(
      /no tenant "nowhere"/,
    );
    expect((await cli("app", "create", "--tenant", "woodgrove", "--frobnicate")).stderr).toMatch(/Unknown option/);
    expect((await cli("keys", "spin", "--tenant", "woodgrove")).code).toBe(1);
    // nothing that failed left an audit event
    expect(await db.prisma.auditEvent.count({ where: { type: "application.created", data: { contains: '"public"' } } })).toBe(0);
  });
});
