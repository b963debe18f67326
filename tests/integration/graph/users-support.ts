// Calls a Graph users route the way the API does once it has authenticated and parsed the request:
// the body through the route's schema, then handle(); a GraphError comes back as its status and code.
import { createDirectoryStore } from "../../../app/_lib/db";
import { createDirectoryService, type Actor, type DirectoryService } from "../../../app/_lib/directory";
import {
  GRAPH_ROUTES,
  isGraphError,
  type GraphQueryOptions,
  type GraphResult,
  type GraphServices,
} from "../../../app/_lib/graph";
import { graphRequest } from "../../../app/_lib/graph/testing/request";
import type { PrismaClient } from "../../../app/_lib/db";

export const writer: Actor = { type: "application", clientId: "approvals", permissions: ["User.ReadWrite.All"] };
export const reader: Actor = { type: "application", clientId: "reports", permissions: ["User.Read.All"] };

/** The users routes call only the directory, so that is all this wires. */
export function graphServices(prisma: PrismaClient): GraphServices & { directory: DirectoryService } {
  return <GraphServices>{
    directory: createDirectoryService({
      store: createDirectoryStore(prisma),
      clock: { now: () => new Date() },
      cursorKey: new Uint8Array(32).fill(7),
    }),
  };
}

export type Answer = (GraphResult & { error?: undefined }) | { status: number; error: { code: string; message: string } };

export interface Call {
  params?: Record<string, string>;
  query?: Partial<GraphQueryOptions>;
  body?: unknown;
  actor?: Actor;
  headers?: Record<string, string>;
  tenant?: string;
}

export function caller(services: GraphServices) {
  return async (method: string, path: string, call: Call = {}): Promise<Answer> => {
    const route = GRAPH_ROUTES.find((r) => r.method === method && r.path === path);
    if (!route) throw new Error(`no route ${method} ${path}`);
    try {
      const body = route.body ? route.body.parse(call.body) : undefined;
      const tenant = call.tenant ?? "woodgrove";
      return await route.handle(
        graphRequest(services, {
          method: route.method,
          params: call.params ?? {},
          query: call.query ?? {},
          body,
          ...(call.actor ? { actor: call.actor } : { actor: writer }),
          headers: new Headers(call.headers ?? {}),
          tenant: {
            slug: tenant,
            id: "6f1c2d4e-8a3b-4c5d-9e7f-0a1b2c3d4e5f",
            extensionsAppId: "0f1e2d3c4b5a69788796a5b4c3d2e1f0",
          },
          serviceRoot: `https://id.guestgate.test/${tenant}/graph/v1.0`,
          url: new URL(`https://id.guestgate.test/${tenant}/graph/v1.0/${path}`),
        }),
      );
    } catch (error) {
      if (isGraphError(error)) return { status: error.status, error: { code: error.code, message: error.message } };
      if (error instanceof Error && error.name === "ZodError")
        return { status: 400, error: { code: "Request_BadRequest", message: error.message } };
      throw error;
    }
  };
}

/** The JSON body without `@odata.context` (what clients rarely read, contract §0.3). */
export const bodyOf = (answer: Answer) => {
  if ("body" in answer && answer.body) {
    const { "@odata.context": context, ...rest } = answer.body;
    if (typeof context !== "string") throw new Error("no @odata.context");
    return rest as Record<string, unknown> & { value: Record<string, unknown>[] };
  }
  throw new Error(`no body: ${JSON.stringify(answer)}`);
};

/** The `$skiptoken` of a page's `@odata.nextLink`, or undefined on the last page. */
export const skipTokenOf = (answer: Answer) => {
  const link = bodyOf(answer)["@odata.nextLink"];
  return typeof link === "string" ? (new URL(link).searchParams.get("$skiptoken") ?? undefined) : undefined;
};
