// Bulk uploads as stored jobs, with two "instances" (each its own database client, invitation
// service and job runner with its own holder id) sharing one database: the upload is stored by
// one, the rows are invited by whichever holds the job's lease, each row once, and the progress and
// the result read the same from either. On SQLite and, with TEST_DATABASE_URL, PostgreSQL.
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createDirectoryStore,
  createInvitationBulkStore,
  createInvitationStore,
  createJobLeaseStore,
  createPrismaClient,
  type PrismaClient,
} from "../../../app/_lib/db";
import { createDirectoryService, type AdministratorActor } from "../../../app/_lib/directory";
import { createBulkJobs, createInvitationService, invitationBulkJob, parseInvitationCsv } from "../../../app/_lib/invitations";
import { tenantFixture } from "../../../app/_lib/invitations/test-fixtures";
import { createJobRegistry, createJobRunner } from "../../../app/_lib/jobs";
import { createTestDatabase, testDatabaseProviders, type TestDatabase } from "../../helpers/database";

const T = "woodgrove";
const APP = "https://app.woodgrove.example/callback";
const admin: AdministratorActor = { type: "administrator", id: "member-1", role: "guestInviter" };
const quiet = { ran: () => {}, failed: () => {}, schedulerFailed: () => {} };

function instance(prisma: PrismaClient, holder: string) {
  const tenants = [tenantFixture(T)];
  const clock = { now: () => new Date() };
  const invitations = createInvitationService({
    store: createInvitationStore(prisma),
    directory: createDirectoryService({ store: createDirectoryStore(prisma), clock, cursorKey: randomBytes(32) }),
    tenants: { find: (slug) => tenants.find((t) => t.slug === slug), list: () => tenants },
    applicationUrls: async () => ({ redirectUris: [APP], homePages: [] }),
    redeemUrl: (tenant, ticket) => `https://id.example/${tenant}/invite/${ticket}`,
    clock,
  });
  const bulk = createBulkJobs({ store: createInvitationBulkStore(prisma), invitations, clock });
  // Short runs, so that both instances take turns at the lease while the job is open.
  const job = { ...invitationBulkJob(bulk), leaseSeconds: 30, run: () => bulk.work({ budgetMs: 150, batch: 4 }) };
  const runner = createJobRunner({ registry: createJobRegistry([job]), leases: createJobLeaseStore(prisma), holder, log: quiet });
  return { bulk, runner };
}

describe.each(testDatabaseProviders())("bulk invitation jobs across two instances on %s", (provider) => {
  let db: TestDatabase;
  let second: PrismaClient;
  beforeAll(async () => {
    db = await createTestDatabase(provider);
    second = createPrismaClient(db.url);
  });
  afterAll(async () => {
    await second?.$disconnect();
    await db?.drop();
  });

  it("invites each row once whoever holds the lease, and either instance shows the same progress and result", async () => {
    const a = instance(db.prisma, "instance-a");
    const b = instance(second, "instance-b");
    const lines = ["email,displayName,language"];
    for (let i = 0; i < 120; i++) lines.push(i % 30 === 5 ? `bad-${i}-at-example.net,Bad,en` : `row${i}@example.net,Row ${i},en`);
    const parsed = parseInvitationCsv(lines.join("\n"));
    if (!parsed.ok) throw new Error(parsed.problem);

    const id = await a.bulk.submit(admin, T, "people.csv", parsed.rows, { redirectUrl: APP, sendInvitationMessage: false });
    expect(await b.bulk.find(admin, T, id)).toMatchObject({ state: "queued", total: 120, done: 0 });
    // Another administrator, or another tenant, does not see it.
    expect(await b.bulk.find({ ...admin, id: "member-2" }, T, id)).toBeUndefined();
    expect(await b.bulk.find(admin, "sparbanken", id)).toBeUndefined();

    const seen: number[] = [];
    const ranBy = new Set<string>();
    for (let round = 0; round < 200; round++) {
      // Both instances try at once (taking turns at who asks first); the lease lets one of them run.
      const order =
        round % 2 === 0
          ? ([
              ["a", a],
              ["b", b],
            ] as const)
          : ([
              ["b", b],
              ["a", a],
            ] as const);
      const outcomes = await Promise.all(order.map(([, which]) => which.runner.runDue({ force: true })));
      outcomes.forEach((o, index) => o[0]!.status === "ran" && ranBy.add(order[index]![0]));
      const [fromA, fromB] = await Promise.all([a.bulk.find(admin, T, id), b.bulk.find(admin, T, id)]);
      expect(fromA).toEqual(fromB);
      seen.push(fromA!.done);
      if (fromA!.state === "finished") break;
    }
    expect(seen.at(-1)).toBe(120);
    expect(seen.some((done) => done > 0 && done < 120)).toBe(true);
    expect(seen).toEqual([...seen].sort((x, y) => x - y));
    expect(ranBy).toEqual(new Set(["a", "b"]));

    const [resultA, resultB] = await Promise.all([a.bulk.result(admin, T, id), b.bulk.result(admin, T, id)]);
    expect(resultA).toEqual(resultB);
    expect(resultA!.counts).toEqual({ invited: 116, alreadyInvited: 0, alreadyGuest: 0, invalid: 4, failed: 0 });
    // Each row once: one invitation and one creation event per good address, no more.
    expect(await db.prisma.invitation.count({ where: { tenantId: T, email: { startsWith: "row" } } })).toBe(116);
    expect(await db.prisma.auditEvent.count({ where: { tenantId: T, type: "invitation.created" } })).toBe(116);
    expect(await db.prisma.auditEvent.count({ where: { tenantId: T, type: "invitation.created", actorId: admin.id } })).toBe(116);

    // The same file again: a new job, nobody invited twice.
    const again = await b.bulk.submit(admin, T, "people.csv", parsed.rows, { redirectUrl: APP, sendInvitationMessage: false });
    for (let round = 0; round < 200 && (await a.bulk.find(admin, T, again))!.state !== "finished"; round++)
      await Promise.all([a.runner.runDue({ force: true }), b.runner.runDue({ force: true })]);
    expect((await a.bulk.result(admin, T, again))!.counts).toEqual({
      invited: 0,
      alreadyInvited: 116,
      alreadyGuest: 0,
      invalid: 4,
      failed: 0,
    });
    expect(await db.prisma.auditEvent.count({ where: { tenantId: T, type: "invitation.created" } })).toBe(116);
  }, 300_000);
});
