import { GRAPH_CORS_HEADERS } from "../../../_lib/graph";
import { services } from "../../../_lib/server";

type Context = { params: Promise<{ tenant: string; path: string[] }> };

// Every method goes to the one Graph pipeline (docs/ARCHITECTURE.md, "Graph API"), which answers
// each request with Graph's status codes and error bodies; nothing here decides anything.
const handle = async (request: Request, { params }: Context) => {
  const { tenant, path } = await params;
  return services().graph.handle(request, tenant, path);
};

export const dynamic = "force-dynamic";
export { handle as GET, handle as POST, handle as PATCH, handle as PUT, handle as DELETE };

/** CORS preflight for browser callers (contract §0.1): bearer tokens, no cookies. */
export const OPTIONS = async () => new Response(null, { status: 204, headers: GRAPH_CORS_HEADERS });
