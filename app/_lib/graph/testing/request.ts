import { randomBytes } from "node:crypto";
import { createCursorCodec, type Actor } from "../../directory";
import type { GraphQueryOptions, GraphRequest, GraphServices } from "../context";

/**
 * A GraphRequest as the API hands it to a route, for tests of one route's handle(): the options
 * are already parsed, the body already validated (run the route's `body` schema yourself when the
 * test is about the body).
 */
export function graphRequest<S = GraphServices>(
  services: S,
  fields: Partial<Omit<GraphRequest<S>, "services" | "query">> & { query?: Partial<GraphQueryOptions> } = {},
): GraphRequest<S> {
  const tenant = fields.tenant ?? {
    slug: "woodgrove",
    id: "6f1c2d4e-8a3b-4c5d-9e7f-0a1b2c3d4e5f",
    extensionsAppId: "0f1e2d3c4b5a69788796a5b4c3d2e1f0",
  };
  const serviceRoot = fields.serviceRoot ?? `https://id.guestgate.test/${tenant.slug}/graph/v1.0`;
  const actor: Actor = fields.actor ?? { type: "application", clientId: "test-client", permissions: ["User.ReadWrite.All"] };
  return {
    method: fields.method ?? "GET",
    tenant,
    actor,
    params: fields.params ?? {},
    query: { count: false, advanced: false, raw: [], ...fields.query },
    headers: fields.headers ?? new Headers(),
    body: fields.body,
    ...(fields.text !== undefined ? { text: fields.text } : {}),
    requestId: fields.requestId ?? "00000000-0000-4000-8000-000000000001",
    serviceRoot,
    url: fields.url ?? new URL(serviceRoot),
    services,
    cursors: fields.cursors ?? createCursorCodec(randomBytes(32)),
    now: fields.now ?? new Date(),
  };
}
