// The query GET /users?$filter=userType eq 'Guest'&$orderby=displayName&$top=100 sends, captured
// from Prisma's query events as issued (not rebuilt by hand), then explained on each database:
// the page must come from the (tenantId, displayName, id) index, never from a scan of guests
// followed by a sort.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPrismaClient, type PrismaClient } from "../../../app/_lib/db";
import { GRAPH_ROUTES } from "../../../app/_lib/graph";
import { graphRequest } from "../../../app/_lib/graph/testing/request";
import { createTestDatabase, testDatabaseProviders, type TestDatabase } from "../../helpers/database";
import { graphServices } from "./users-support";

const TENANT = "woodgrove";

describe.each(testDatabaseProviders())("the Graph users list query on %s", (provider) => {
  let db: TestDatabase;
  let capturing: PrismaClient;
  const issued: { query: string; params: unknown[] }[] = [];
  // PostgreSQL's planner only prefers an index once the table is big enough to make it pay.
  const rows = provider === "postgres" ? 20_000 : 3_000;

  beforeAll(async () => {
    db = await createTestDatabase(provider);
    for (let start = 0; start < rows; start += 1_000) {
      await db.prisma.guest.createMany({
        data: Array.from({ length: 1_000 }, (_, k) => {
          const i = start + k;
          return {
            // A fifth in another tenant, a few members: the filter and the tenant both select.
            tenantId: i % 5 === 0 ? "sparbanken" : TENANT,
            userType: i % 20 === 1 ? "Member" : "Guest",
            createdVia: "selfServiceSignUp",
            email: `g${i}@example.org`,
            displayName: `Guest ${String((i * 7919) % rows).padStart(6, "0")}`,
          };
        }),
      });
    }
    if (provider === "postgres") await db.prisma.$executeRawUnsafe("ANALYZE guests");
    else await db.prisma.$executeRawUnsafe("ANALYZE");
    capturing = createPrismaClient(db.url, {
      onQuery: (event) => issued.push({ query: event.query, params: JSON.parse(event.params) as unknown[] }),
    });
  }, 180_000);
  afterAll(async () => {
    await capturing?.$disconnect();
    await db?.drop();
  });

  async function listQuery(): Promise<{ query: string; params: unknown[] }> {
    const route = GRAPH_ROUTES.find((r) => r.method === "GET" && r.path === "users")!;
    issued.length = 0;
    const answer = await route.handle(
      graphRequest(graphServices(capturing), {
        query: {
          advanced: true,
          filter: { kind: "compare", op: "eq", property: "userType", value: "Guest" },
          orderBy: [{ property: "displayName", direction: "asc" }],
          top: 100,
        },
      }),
    );
    expect(answer.status === 200 && "body" in answer && (answer.body.value as unknown[]).length).toBe(100);
    const selects = issued.filter((q) => /FROM\s+[`"\w.]*"?guests"?/i.test(q.query) && /ORDER BY/i.test(q.query));
    expect(selects).toHaveLength(1);
    return selects[0]!;
  }

  it("is served by the (tenantId, displayName, id) index", async () => {
    const { query, params } = await listQuery();
    // The where clause Prisma sent: tenant, the filter, nothing that needs the whole table.
    expect(query).toMatch(/tenantId/);
    expect(query).toMatch(/userType/);
    expect(query).toMatch(/LIMIT/i);
    if (provider === "sqlite") {
      const plan = await capturing.$queryRawUnsafe<{ detail: string }[]>(`EXPLAIN QUERY PLAN ${query}`, ...params);
      const details = plan.map((row) => row.detail);
      const onGuests = details.filter((d) => /\bguests\b/.test(d));
      expect(onGuests.length, details.join("\n")).toBeGreaterThan(0);
      for (const detail of onGuests)
        expect(detail, details.join("\n")).toMatch(/USING (COVERING )?INDEX guests_tenantId_displayName_id_idx/);
      expect(details.join("\n")).not.toMatch(/TEMP B-TREE FOR ORDER BY/);
    } else {
      const plan = await capturing.$queryRawUnsafe<{ "QUERY PLAN": string }[]>(`EXPLAIN ${query}`, ...params);
      const text = plan.map((row) => row["QUERY PLAN"]).join("\n");
      expect(text).toMatch(/Index (Only )?Scan using "?guests_tenantId_displayName_id_idx"? on "?guests"?/);
      expect(text).not.toMatch(/Seq Scan on "?guests"?/);
      expect(text).not.toMatch(/Sort\b/);
    }
  });
});
