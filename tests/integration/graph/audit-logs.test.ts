// GET /auditLogs/directoryAudits[/{id}] (contract §8, "Audit records") over the real AuditEvent
// table on every provider: keyset paging, filters translated onto the index, tenant isolation,
// actor shapes, and the AuditLog.Read.All check of the service behind the route's declared access.
import { randomBytes, randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAuditReadService } from "../../../app/_lib/audit";
import { auditRow, createAuditReadStore } from "../../../app/_lib/db";
import { createCursorCodec, type Actor, type AuditEventInput } from "../../../app/_lib/directory";
import {
  GRAPH_ROUTES,
  GraphError,
  type FilterExpression,
  type GraphQueryOptions,
  type GraphServices,
} from "../../../app/_lib/graph";
import { graphRequest } from "../../../app/_lib/graph/testing/request";
import { createTestDatabase, testDatabaseProviders, type TestDatabase } from "../../helpers/database";

const TENANT = "woodgrove";
const OTHER = "contoso";
const READER: Actor = { type: "application", clientId: "reader-app", permissions: ["AuditLog.Read.All"] };
const list = GRAPH_ROUTES.find((route) => route.method === "GET" && route.path === "auditLogs/directoryAudits")!;
const get = GRAPH_ROUTES.find((route) => route.method === "GET" && route.path === "auditLogs/directoryAudits/{id}")!;
const START = Date.parse("2026-03-02T09:00:00Z");
// One key for the run, as every instance of a deployment shares one: a page's cursor opens the next.
const cursors = createCursorCodec(randomBytes(32));

type Body = { value: Record<string, unknown>[]; "@odata.nextLink"?: string };

const and = (...clauses: FilterExpression[]): FilterExpression => clauses.reduce((left, right) => ({ kind: "and", left, right }));
const eq = (property: string, value: string): FilterExpression => ({ kind: "compare", op: "eq", property, value });
const at = (op: "ge" | "le" | "gt" | "lt" | "eq", iso: string): FilterExpression => ({
  kind: "compare",
  op,
  property: "activityDateTime",
  value: { dateTime: iso },
});

describe.each(testDatabaseProviders())("Graph directoryAudits on %s", (provider) => {
  let db: TestDatabase;
  let services: GraphServices;
  const bulkIds: string[] = [];
  const named = { admin: "", app: "", system: "", unknown: "", foreign: "" };

  async function insert(event: AuditEventInput, createdAt: Date, id = randomUUID()) {
    await db.prisma.auditEvent.create({ data: { ...auditRow(event), id, createdAt } });
    return id;
  }

  async function page(fields: Parameters<typeof graphRequest>[1] = {}) {
    const result = await list.handle(graphRequest(services, { actor: READER, cursors, ...fields }));
    if (!("body" in result)) throw new Error("no body");
    return result.body as Body;
  }

  /** Follows @odata.nextLink to the end, as the Graph JS client's PageIterator does. */
  async function everything(query: Partial<GraphQueryOptions> = {}) {
    const seen: Record<string, unknown>[] = [];
    let skipToken: string | undefined;
    let pages = 0;
    do {
      const body = await page({ query: { ...query, ...(skipToken ? { skipToken } : {}) } });
      seen.push(...body.value);
      pages += 1;
      skipToken = body["@odata.nextLink"] ? new URL(body["@odata.nextLink"]).searchParams.get("$skiptoken")! : undefined;
    } while (skipToken);
    return { seen, pages };
  }

  beforeAll(async () => {
    db = await createTestDatabase(provider);
    services = { auditLogs: createAuditReadService({ store: createAuditReadStore(db.prisma) }) } as unknown as GraphServices;
    // 250 sign-ups a minute apart, every tenth pair sharing a timestamp so the keyset's id tiebreak is exercised.
    for (let i = 0; i < 250; i++) {
      const guestId = randomUUID();
      const minute = i - (i % 10 === 1 ? 1 : 0);
      bulkIds.push(
        await insert(
          {
            tenantId: TENANT,
            type: "guest.created",
            actor: { type: "guest", guestId },
            target: { type: "guest", id: guestId },
            data: { createdVia: i % 2 ? "selfServiceSignUp" : "invitation" },
          },
          new Date(START + minute * 60_000),
        ),
      );
    }
    const later = (minutes: number) => new Date(START + (300 + minutes) * 60_000);
    named.admin = await insert(
      {
        tenantId: TENANT,
        type: "group.created",
        actor: { type: "administrator", id: "admin-1", role: "globalAdministrator" },
        target: { type: "group", id: "g-1" },
        correlationId: "req-42",
      },
      later(1),
    );
    named.app = await insert(
      {
        tenantId: TENANT,
        type: "application.secretAdded",
        actor: { type: "application", clientId: "ops-client", permissions: [] },
        target: { type: "application", id: "app-1" },
      },
      later(2),
    );
    named.system = await insert(
      {
        tenantId: TENANT,
        type: "signingKey.rotated",
        actor: { type: "system", name: "cli" },
        target: { type: "signingKey", id: "k-1" },
      },
      later(3),
    );
    named.unknown = await insert(
      {
        tenantId: TENANT,
        type: "group.labelAdded",
        actor: { type: "system", name: "job:sync" },
        target: { type: "group", id: "g-1" },
      },
      later(4),
    );
    named.foreign = await insert(
      {
        tenantId: OTHER,
        type: "group.created",
        actor: { type: "administrator", id: "admin-1", role: "globalAdministrator" },
        target: { type: "group", id: "g-1" },
        correlationId: "req-42",
      },
      later(5),
    );
  });

  afterAll(async () => {
    await db?.drop();
  });

  it("pages over 250 events newest first without gaps or repeats", async () => {
    const { seen, pages } = await everything({ filter: eq("category", "UserManagement"), top: 100 });
    expect(pages).toBe(3);
    expect(seen.map((audit) => audit.id)).toHaveLength(250);
    expect(new Set(seen.map((audit) => audit.id))).toEqual(new Set(bulkIds.map((id) => `GG_${id}`)));
    const times = seen.map((audit) => Date.parse(audit.activityDateTime as string));
    expect(times).toEqual([...times].sort((a, b) => b - a));
  });

  it("pages oldest first with $orderby=activityDateTime asc", async () => {
    const { seen } = await everything({ orderBy: [{ property: "activityDateTime", direction: "asc" }], top: 37 });
    expect(seen).toHaveLength(254);
    // Ties on the timestamp break by id in the same direction, so ascending is exactly descending reversed.
    const newestFirst = (await everything({ top: 999 })).seen.map((audit) => audit.id);
    expect(seen.map((audit) => audit.id)).toEqual(newestFirst.reverse());
    expect(seen.at(-1)!.id).toBe(`GG_${named.unknown}`);
  });

  it("filters on a date range and a category on the index", async () => {
    const body = await page({
      query: {
        filter: and(at("ge", "2026-03-02T09:10:00Z"), at("le", "2026-03-02T09:19:00Z"), eq("category", "UserManagement")),
      },
    });
    // 09:10 holds two events (a tie broken by id), so compare the set; the order is the paging test's.
    expect(body.value).toHaveLength(10);
    expect(new Set(body.value.map((audit) => audit.id))).toEqual(new Set(bulkIds.slice(10, 20).map((id) => `GG_${id}`)));
    const groups = await page({ query: { filter: eq("category", "GroupManagement") } });
    expect(groups.value.map((audit) => audit.id)).toEqual([`GG_${named.unknown}`, `GG_${named.admin}`]);
    const strict = await page({ query: { filter: and(at("gt", "2026-03-02T09:10:00Z"), at("lt", "2026-03-02T09:13:00Z")) } });
    expect(strict.value.map((audit) => audit.id)).toEqual([`GG_${bulkIds[12]}`]);
  });

  it("filters on activity, service, correlation, target and initiator", async () => {
    const ids = async (filter: FilterExpression) => (await page({ query: { filter, top: 999 } })).value.map((audit) => audit.id);
    expect(await ids(eq("activityDisplayName", "Add service principal credentials"))).toEqual([`GG_${named.app}`]);
    expect(await ids({ kind: "function", name: "startsWith", property: "activityDisplayName", value: "Add g" })).toEqual([
      `GG_${named.admin}`,
    ]);
    expect(await ids(eq("loggedByService", "Self-service Sign-up"))).toHaveLength(125);
    expect(await ids(eq("loggedByService", "Invited Users"))).toHaveLength(125);
    expect(await ids(eq("correlationId", "req-42"))).toEqual([`GG_${named.admin}`]);
    expect(await ids({ kind: "any", property: "targetResources", body: eq("id", "g-1") })).toEqual([
      `GG_${named.unknown}`,
      `GG_${named.admin}`,
    ]);
    expect(await ids(eq("initiatedBy/user/id", "admin-1"))).toEqual([`GG_${named.admin}`]);
    expect(await ids(eq("initiatedBy/app/appId", "ops-client"))).toEqual([`GG_${named.app}`]);
    expect(await ids(eq("id", `GG_${named.system}`))).toEqual([`GG_${named.system}`]);
  });

  it("shapes each kind of actor as Graph's initiatedBy", async () => {
    const one = async (id: string) => {
      const result = await get.handle(graphRequest(services, { actor: READER, params: { id } }));
      return "body" in result ? (result.body as Record<string, unknown>) : {};
    };
    expect(await one(`GG_${named.admin}`)).toMatchObject({
      activityDisplayName: "Add group",
      initiatedBy: { user: { id: "admin-1" }, app: null },
      targetResources: [{ id: "g-1", type: "Group" }],
      correlationId: "req-42",
    });
    expect(await one(named.app)).toMatchObject({
      initiatedBy: { user: null, app: { appId: "ops-client" } },
      category: "ApplicationManagement",
    });
    expect(await one(named.system)).toMatchObject({
      initiatedBy: { user: null, app: { appId: null, displayName: "Guestgate cli" } },
    });
    expect(await one(named.unknown)).toMatchObject({
      activityDisplayName: "group.labelAdded",
      category: "GroupManagement",
      operationType: "Add",
    });
    expect(await one(bulkIds[0]!)).toMatchObject({
      initiatedBy: { app: null },
      loggedByService: "Invited Users",
      targetResources: [{ type: "User" }],
    });
  });

  it("keeps another tenant's events invisible, in the list and by id", async () => {
    const { seen } = await everything({ top: 999 });
    expect(seen.map((audit) => audit.id)).not.toContain(`GG_${named.foreign}`);
    for (const id of [named.foreign, `GG_${named.foreign}`])
      await expect(get.handle(graphRequest(services, { actor: READER, params: { id } }))).rejects.toMatchObject({
        status: 404,
        code: "Request_ResourceNotFound",
      });
  });

  it("refuses an application without AuditLog.Read.All, and the routes declare ACCESS.auditRead", async () => {
    // ACCESS.auditRead (app/_lib/graph/permissions.ts), as the API checks it before the service does.
    for (const route of [list, get])
      expect(route.access).toEqual({ permissions: ["AuditLog.Read.All"], roles: ["globalAdministrator", "directoryReader"] });
    const writer: Actor = { type: "application", clientId: "writer", permissions: ["User.ReadWrite.All", "Directory.Read.All"] };
    await expect(page({ actor: writer })).rejects.toMatchObject({ status: 403, code: "Authorization_RequestDenied" });
    await expect(get.handle(graphRequest(services, { actor: writer, params: { id: named.admin } }))).rejects.toBeInstanceOf(
      GraphError,
    );
    await expect(page({ actor: { type: "administrator", id: "a", role: "userAdministrator" } })).rejects.toMatchObject({
      status: 403,
    });
    expect(
      (await page({ actor: { type: "administrator", id: "r", role: "directoryReader" }, query: { top: 1 } })).value,
    ).toHaveLength(1);
  });

  it("names an unsupported $filter or $orderby property, and refuses a forged $skiptoken", async () => {
    await expect(page({ query: { filter: eq("result", "success") } })).rejects.toMatchObject({
      code: "Request_UnsupportedQuery",
      message: expect.stringContaining("'result'"),
    });
    await expect(
      page({
        query: { filter: and(eq("category", "Policy"), { kind: "any", property: "targetResources", body: eq("type", "User") }) },
      }),
    ).rejects.toMatchObject({
      message: expect.stringContaining("'targetResources/type'"),
    });
    await expect(page({ query: { orderBy: [{ property: "category", direction: "asc" }] } })).rejects.toMatchObject({
      code: "Request_UnsupportedQuery",
      message: expect.stringContaining("'category'"),
    });
    await expect(page({ query: { skipToken: "forged.token" } })).rejects.toMatchObject({
      status: 400,
      message: expect.stringContaining("$skiptoken"),
    });
  });
});
