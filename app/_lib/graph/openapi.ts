import { z } from "zod";
import type { GraphRoute } from "./context";
import { MAX_TOP } from "./odata/query";

const OPTION_PARAMETERS: Record<string, { name: string; description: string; schema: Record<string, unknown> }> = {
  select: { name: "$select", description: "Comma-separated properties to return.", schema: { type: "string" } },
  filter: {
    name: "$filter",
    description: "OData filter (eq, ne, ge, le, in, startsWith, and/or/not, any).",
    schema: { type: "string" },
  },
  orderBy: { name: "$orderby", description: "Property and direction.", schema: { type: "string" } },
  top: {
    name: "$top",
    description: `Page size, 1–${MAX_TOP} (default 100).`,
    schema: { type: "integer", minimum: 1, maximum: MAX_TOP },
  },
  count: { name: "$count", description: "Adds @odata.count (with ConsistencyLevel: eventual).", schema: { type: "boolean" } },
  search: { name: "$search", description: '"property:text" (with ConsistencyLevel: eventual).', schema: { type: "string" } },
  skipToken: { name: "$skiptoken", description: "Opaque: follow @odata.nextLink.", schema: { type: "string" } },
  expand: { name: "$expand", description: "Related objects to include.", schema: { type: "string" } },
};

const jsonSchema = (schema: z.ZodType) => z.toJSONSchema(schema, { unrepresentable: "any", io: "input" });

const ERROR = {
  description: "Graph error",
  content: {
    "application/json": {
      schema: {
        type: "object",
        required: ["error"],
        properties: {
          error: {
            type: "object",
            required: ["code", "message", "innerError"],
            properties: {
              code: { type: "string" },
              message: { type: "string" },
              details: { type: "array", items: { type: "object" } },
              innerError: {
                type: "object",
                properties: {
                  date: { type: "string" },
                  "request-id": { type: "string" },
                  "client-request-id": { type: "string" },
                },
              },
            },
          },
        },
      },
    },
  },
};

/**
 * The OpenAPI 3.1 document of what is implemented, built from the routes themselves: the request
 * bodies are the same zod schemas that validate them, so the document cannot drift from the code.
 */
export function openApiDocument(routes: readonly GraphRoute<unknown>[], serverUrl: string) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    const path = `/${route.path}`;
    const parameters = [
      ...[...route.path.matchAll(/\{([A-Za-z]+)\}/g)].map((m) => ({
        name: m[1],
        in: "path",
        required: true,
        schema: { type: "string" },
      })),
      ...(route.queryOptions ?? []).map((option) => ({ ...OPTION_PARAMETERS[option], in: "query", required: false })),
    ];
    const success =
      route.method === "DELETE" || route.method === "PATCH" || route.method === "PUT"
        ? { "204": { description: "No content" } }
        : {
            [route.method === "POST" && !/\/(addPassword|revokeSignInSessions)$/.test(route.path) ? "201" : "200"]: {
              description: "OK",
              ...(route.response ? { content: { "application/json": { schema: jsonSchema(route.response) } } } : {}),
            },
          };
    (paths[path] ??= {})[route.method.toLowerCase()] = {
      summary: route.summary,
      security: [{ bearer: [] }],
      "x-permissions": { application: route.access.permissions, delegatedRoles: route.access.roles },
      ...(parameters.length ? { parameters } : {}),
      ...(route.body
        ? { requestBody: { required: true, content: { "application/json": { schema: jsonSchema(route.body) } } } }
        : route.textBody
          ? { requestBody: { required: true, content: { "application/json": { schema: { type: "object" } } } } }
          : {}),
      responses: { ...success, "400": ERROR, "401": ERROR, "403": ERROR, "404": ERROR, "429": ERROR },
    };
  }
  return {
    openapi: "3.1.0",
    info: {
      title: "Guestgate Graph-compatible management API",
      version: "v1.0",
      description: "The subset of Microsoft Graph v1.0 that Guestgate implements. See docs/GRAPH.md.",
    },
    servers: [{ url: serverUrl }],
    components: {
      securitySchemes: {
        bearer: {
          type: "http",
          scheme: "bearer",
          bearerFormat: "JWT",
          description: "An access token of this tenant for the resource {tenant}/graph (client credentials or delegated).",
        },
      },
    },
    paths,
  };
}
