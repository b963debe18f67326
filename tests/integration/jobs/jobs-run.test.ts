import { execFile } from "node:child_process";
import { mkdir, mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, testDatabaseProviders, type TestDatabase } from "../../helpers/database";

const tsx = path.join(path.dirname(createRequire(import.meta.url).resolve("tsx/package.json")), "dist/cli.mjs");

const HOUR = 3600_000;
const DAY = 24 * HOUR;
const ago = (ms: number) => new Date(Date.now() - ms);
const ahead = (ms: number) => new Date(Date.now() + ms);

/** `2026-12-01T21-41-39-123Z-000001-<id>.json`, as the outbox names its files. */
const outboxName = (at: Date, id: string) => `${at.toISOString().replace(/[:.]/g, "-")}-000001-${id}.json`;

describe.each(testDatabaseProviders())("npm run guestgate -- jobs run on %s", (provider) => {
  let db: TestDatabase;
  let outboxDir: string;
  beforeAll(async () => {
    db = await createTestDatabase(provider);
    outboxDir = path.join(await mkdtemp(path.join(os.tmpdir(), "guestgate-jobs-")), "outbox");
  });
  afterAll(async () => {
    await db?.drop();
    if (outboxDir) await rm(path.dirname(outboxDir), { recursive: true, force: true });
  });

  function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
    return promisify(execFile)(process.execPath, [tsx, "app/_cli/main.ts", ...args], {
      env: { ...process.env, DATABASE_URL: db.url, GUESTGATE_OUTBOX_DIR: outboxDir, NODE_ENV: "development" },
    }).then(
      ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
      (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }),
    );
  }

  /** Rows of every expiring kind: ids starting with "dead" must go, every other one must stay. */
  async function seed(tag: string) {
    const p = db.prisma;
    const journey = (id: string, expiresAt: Date) =>
      p.journey.create({
        data: {
          id: `${id}-${tag}`,
          tenantId: "woodgrove",
          state: "start",
          interactionId: `i-${id}-${tag}`,
          clientId: "c",
          flowId: "f",
          locale: "en",
          bindingHash: "h",
          expiresAt,
        },
      });
    await journey("dead-journey", ago(2 * DAY));
    await journey("live-journey", ahead(HOUR));
    await journey("recent-journey", ago(HOUR)); // expired, but kept a day for the "expired" page

    const interaction = (id: string, expiresAt: Date) =>
      p.interaction.create({
        data: { id: `${id}-${tag}`, tenantId: "woodgrove", clientId: "c", request: "{}", browserBindingHash: "h", expiresAt },
      });
    await interaction("dead-interaction", ago(2 * DAY));
    await interaction("live-interaction", ahead(HOUR));

    const code = (id: string, expiresAt: Date) =>
      p.authorizationCode.create({
        data: {
          id: `${id}-${tag}`,
          codeHash: `${id}-${tag}`,
          tenantId: "woodgrove",
          clientId: "c",
          guestId: "g",
          redirectUri: "https://app.example/cb",
          scope: "openid",
          authTime: new Date(),
          expiresAt,
        },
      });
    await code("dead-code", ago(2 * DAY));
    await code("live-code", ahead(60_000));
    await code("recent-code", ago(HOUR)); // kept: a late replay still revokes its grant

    const passcode = (id: string, expiresAt: Date) =>
      p.emailPasscode.create({
        data: { id: `${id}-${tag}`, journeyId: `${id}-${tag}`, codeHash: "h", createdAt: ago(3 * DAY), expiresAt },
      });
    await passcode("dead-passcode", ago(2 * HOUR));
    await passcode("live-passcode", ahead(5 * 60_000));

    const session = (id: string, expiresAt: Date, endedAt: Date | null = null) =>
      p.opSession.create({
        data: {
          id: `${id}-${tag}`,
          sid: `${id}-${tag}`,
          tenantId: "woodgrove",
          guestId: "g",
          authTime: ago(3 * DAY),
          expiresAt,
          endedAt,
        },
      });
    await session("dead-session-expired", ago(2 * DAY));
    await session("dead-session-ended", ahead(DAY), ago(2 * DAY));
    await session("live-session", ahead(DAY));
    await session("recent-session-ended", ahead(DAY), ago(HOUR));

    const grant = (id: string, createdAt: Date, revokedAt: Date | null = null) =>
      p.grant.create({
        data: {
          id: `${id}-${tag}`,
          tenantId: "woodgrove",
          clientId: "c",
          kind: "authorization_code",
          scope: "openid",
          createdAt,
          revokedAt,
        },
      });
    const refresh = (id: string, grantId: string, expiresAt: Date) =>
      p.refreshToken.create({
        data: {
          id: `${id}-${tag}`,
          tokenHash: `${id}-${tag}`,
          tenantId: "woodgrove",
          grantId: `${grantId}-${tag}`,
          clientId: "c",
          scope: "openid",
          expiresAt,
        },
      });
    await grant("dead-grant-revoked", ago(10 * DAY), ago(2 * DAY));
    await refresh("dead-refresh-of-revoked-grant", "dead-grant-revoked", ahead(5 * DAY));
    await grant("dead-grant-spent", ago(3 * DAY)); // no refresh token, its access tokens long expired
    await grant("live-grant-fresh", ago(30 * 60_000)); // its access token may still be in use
    await grant("live-grant-refreshable", ago(10 * DAY));
    await refresh("live-refresh", "live-grant-refreshable", ahead(4 * DAY));
    await grant("live-grant-rotated", ago(10 * DAY));
    await refresh("live-refresh-rotated", "live-grant-rotated", ahead(4 * DAY)); // rotated: reuse must still revoke
    await p.refreshToken.update({ where: { id: `live-refresh-rotated-${tag}` }, data: { consumedAt: ago(DAY) } });
    await grant("recent-grant-revoked", ago(30 * 60_000), ago(10 * 60_000));
    // spent once its last refresh token expired (and was deleted)
    await grant("dead-grant-with-expired-token", ago(20 * DAY));
    await refresh("dead-refresh-expired", "dead-grant-with-expired-token", ago(2 * DAY));

    const counter = (key: string, expiresAt: Date) =>
      p.rateLimitCounter.create({ data: { key: `${key}-${tag}`, windowStart: ago(DAY), expiresAt, count: 3 } });
    await counter("dead-counter", ago(60_000));
    await counter("live-counter", ahead(10 * 60_000));

    // The funnel's history is kept 400 days after its journey ended.
    const funnel = (key: string, expiresAt: Date) =>
      p.signUpFunnelJourney.create({
        data: { tenantId: "woodgrove", journeyKey: `${key}-${tag}`, day: "2025-01-01", flowName: "f", locale: "en", expiresAt },
      });
    await funnel("dead-funnel", ago(401 * DAY));
    await funnel("live-funnel-last-year", ago(300 * DAY));

    await mkdir(outboxDir, { recursive: true });
    await writeFile(path.join(outboxDir, outboxName(ago(2 * DAY), `dead-${tag}`)), "{}");
    await writeFile(path.join(outboxDir, outboxName(ago(HOUR), `live-${tag}`)), "{}");
  }

  async function ids() {
    const p = db.prisma;
    const pick = <T extends { id: string }>(rows: T[]) => rows.map((r) => r.id).sort();
    return {
      journeys: pick(await p.journey.findMany()),
      interactions: pick(await p.interaction.findMany()),
      codes: pick(await p.authorizationCode.findMany()),
      passcodes: pick(await p.emailPasscode.findMany()),
      sessions: pick(await p.opSession.findMany()),
      grants: pick(await p.grant.findMany()),
      refreshTokens: pick(await p.refreshToken.findMany()),
      counters: (await p.rateLimitCounter.findMany()).map((r) => r.key).sort(),
      funnel: (await p.signUpFunnelJourney.findMany()).map((r) => r.journeyKey).sort(),
      outbox: (await readdir(outboxDir)).map((name) => name.replace(/^.*-000001-/, "").replace(/\.json$/, "")).sort(),
    };
  }

  it("deletes what died of every kind and nothing live, and prints the counts", async () => {
    await seed("a");
    const before = Object.values(await ids()).flat();
    expect(before.filter((id) => id.startsWith("dead"))).toHaveLength(14);

    const run = await cli("jobs", "run");
    expect(run.stderr).not.toMatch(/FAILED|Error/);
    expect(run.code).toBe(0);
    for (const line of [
      /purge-journeys\s+ran in \d+ ms: deleted 1 journeys/,
      /purge-interactions\s+ran .*deleted 1 interactions/,
      /purge-authorization-codes\s+ran .*deleted 1 authorizationCodes/,
      /purge-email-passcodes\s+ran .*deleted 1 emailPasscodes/,
      /purge-op-sessions\s+ran .*deleted 2 opSessions/,
      /purge-refresh-tokens\s+ran .*deleted 1 refreshTokens/,
      /purge-grants\s+ran .*deleted 3 grants/,
      /purge-rate-limit-counters\s+ran .*deleted 1 rateLimitCounters/,
      /purge-outbox\s+ran .*deleted 1 outbox/,
      /purge-sign-up-funnel\s+ran .*deleted 1 signUpFunnel/,
      /invitation-reminders\s+ran .*reminders/,
      /invitation-bulk-uploads\s+ran/,
      /sign-up-approvals\s+ran .*refused/,
      /access-package-lifecycle\s+ran .*0 denied, 0 expired/,
    ])
      expect(run.stdout).toMatch(line);

    const after = Object.values(await ids()).flat();
    expect(after.filter((id) => id.startsWith("dead"))).toEqual([]);
    expect(after.sort()).toEqual(before.filter((id) => !id.startsWith("dead")).sort());

    // the period has not passed: a second run does nothing
    const again = await cli("jobs", "run");
    expect(again.stdout).toMatch(/purge-journeys\s+skipped/);
    const leases = await db.prisma.jobLease.findMany();
    expect(leases).toHaveLength(16); // ten purges, the invitation reminders and bulk uploads, the sign-up approvals' lapse, the admin portal's sessions and ceremonies, the access-package lifecycle
    // The bulk uploads' period is 10 s: on a loaded machine the second run can start after it has passed.
    const soonDueAgain = new Set(["invitation-bulk-uploads"]);
    expect(leases.every((l) => (soonDueAgain.has(l.name) ? l.runs >= 1 : l.runs === 1) && l.lastOutcome === "ok")).toBe(true);

    const list = await cli("jobs", "list");
    expect(list.stdout).toMatch(/purge-grants\s+every 3600 s: .*\n\s+last run \S+ on \S+: ok \{"grants":3\} \(1 run\(s\)\)/);
  });

  it("runs every job once when two processes run the jobs at the same moment", async () => {
    await db.prisma.jobLease.deleteMany();
    await seed("b");
    const [one, two] = await Promise.all([cli("jobs", "run"), cli("jobs", "run")]);
    expect([one.code, two.code]).toEqual([0, 0]);

    const leases = await db.prisma.jobLease.findMany();
    expect(leases).toHaveLength(16); // ten purges, the invitation reminders and bulk uploads, the sign-up approvals' lapse, the admin portal's sessions and ceremonies, the access-package lifecycle
    const holders = [one, two].map((r) => /jobs run as (\S+)/.exec(r.stdout)![1]!);
    for (const lease of leases) {
      // the lease row says one run, by one of the two, and exactly that process says it ran it
      expect(lease.runs).toBe(1);
      expect(holders).toContain(lease.holder);
      const ran = [one, two].filter((r) => new RegExp(`${lease.name}\\s+ran`).test(r.stdout));
      const skipped = [one, two].filter((r) => new RegExp(`${lease.name}\\s+skipped`).test(r.stdout));
      expect([ran.length, skipped.length]).toEqual([1, 1]);
      expect(ran[0]!.stdout).toContain(`jobs run as ${lease.holder}`);
    }
    expect(
      Object.values(await ids())
        .flat()
        .filter((id) => id.startsWith("dead")),
    ).toEqual([]);
  });
});
