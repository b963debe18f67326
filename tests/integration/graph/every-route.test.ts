// Every route of the Graph API through the Graph client over the in-process API, on SQLite and
// PostgreSQL: the same tour the browser tier takes against next start (route-tour.ts).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GRAPH_ROUTES } from "../../../app/_lib/graph";
import { MANAGEMENT_PERMISSIONS } from "../../../app/_lib/oidc";
import { createTenantDirectory, loadTenantsConfig } from "../../../app/_lib/tenant";
import { testDatabaseProviders } from "../../helpers/database";
import { BASE, TENANT } from "../oidc/harness";
import { createGraphBed, type GraphBed } from "./api-bed";
import { tourEveryRoute } from "./route-tour";

describe.each(testDatabaseProviders())("every Graph route through the Graph client in process on %s", (provider) => {
  let graph: GraphBed;

  beforeAll(async () => {
    graph = await createGraphBed(provider, { userFlowTenants: createTenantDirectory(loadTenantsConfig("tenants.json")) });
  });
  afterAll(async () => {
    expect(graph?.bed.errors).toEqual([]);
    await graph?.bed.close();
  });

  it("answers each route as Graph does, and the tour takes them all", async () => {
    const client = graph.client(await graph.appToken([...MANAGEMENT_PERMISSIONS]));
    const taken = await tourEveryRoute(client, `${BASE}/${TENANT}/graph/v1.0`);
    expect([...taken].sort()).toEqual(GRAPH_ROUTES.map((route) => `${route.method} ${route.path}`).sort());
  });
});
