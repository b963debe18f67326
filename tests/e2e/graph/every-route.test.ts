// Every route of the Graph API, driven once through the unmodified @microsoft/microsoft-graph-client
// against next start over https, on SQLite and PostgreSQL (issue 8: "integration tests drive every
// endpoint through the Graph client, against next start"). The tour is shared with the in-process
// tier (tests/integration/graph/route-tour.ts).
import { describe, expect, it } from "vitest";
import { GRAPH_ROUTES } from "../../../app/_lib/graph";
import { tourEveryRoute } from "../../integration/graph/route-tour";
import { graphDatabaseProviders, withGraphServer } from "../support/graph";

describe.each(graphDatabaseProviders())("every Graph route through the Graph client (%s)", (provider) => {
  const graph = withGraphServer(provider);

  it("answers each route as Graph does, and the tour takes them all", async () => {
    const taken = await tourEveryRoute(await graph.client(), graph.serviceRoot());
    expect([...taken].sort()).toEqual(GRAPH_ROUTES.map((route) => `${route.method} ${route.path}`).sort());
  });
});
