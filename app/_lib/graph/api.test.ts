import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { createGraphApi, type GraphApiDeps } from "./api";
import type { GraphRoute } from "./context";
import { collection, entity, noContent } from "./results";

interface Services {
  writes: unknown[];
}

const access = { permissions: ["Thing.ReadWrite.All"], roles: ["globalAdministrator"] as const };
const routes: GraphRoute<Services>[] = [
  {
    method: "GET",
    path: "things",
    access,
    summary: "List things",
    queryOptions: ["top", "skipToken"],
    handle: async (request) =>
      collection(request, "things", [{ id: "1" }], { nextSkipToken: request.cursors.encode("things", { value: null, id: "1" }) }),
  },
  {
    method: "GET",
    path: "things/$count",
    access,
    summary: "Count",
    handle: async () => ({ status: 200, text: "1", contentType: "text/plain" }),
  },
  {
    method: "GET",
    path: "things/{id}",
    access,
    summary: "Get a thing",
    handle: async (request) => entity(request, "things", { id: request.params.id }),
  },
  {
    method: "POST",
    path: "things",
    access,
    summary: "thing",
    body: z.strictObject({ name: z.string().max(5) }),
    handle: async (request) => {
      request.services.writes.push(request.body);
      return entity(request, "things", { id: "2" }, { status: 201 });
    },
  },
  { method: "DELETE", path: "things/{id}", access, summary: "Delete", handle: async () => noContent() },
  {
    method: "POST",
    path: "things/{id}/decide",
    access: { ...access, signedInUsers: true, delegatedOnly: true },
    summary: "Decide (a signed-in user's own business)",
    handle: async (request) => {
      request.services.writes.push(request.actor);
      return noContent();
    },
  },
  {
    method: "GET",
    path: "broken",
    access,
    summary: "Broken",
    handle: async () => {
      throw new Error("secret internals");
    },
  },
];

function api(overrides: Partial<GraphApiDeps<Services>> = {}) {
  const services: Services = { writes: [] };
  const logged: unknown[] = [];
  const graph = createGraphApi<Services>({
    baseUrl: "https://id.example",
    tenants: { find: (slug) => (slug === "t1" ? { slug, id: "6f1c2d4e-8a3b-4c5d-9e7f-0a1b2c3d4e5f" } : undefined) },
    routes,
    services,
    cursorKey: randomBytes(32),
    verifyToken: async (tenant, token, audience) =>
      token === "good" && tenant === "t1" && audience === "https://id.example/t1/graph"
        ? { sub: "c1", client_id: "c1", roles: ["Thing.ReadWrite.All"] }
        : token === "weak"
          ? { sub: "c2", client_id: "c2", roles: ["Other.Read.All"] }
          : undefined,
    administratorRoles: async () => [],
    logError: (message, fields) => logged.push({ message, fields }),
    ...overrides,
  });
  const call = (
    method: string,
    path: string,
    init: { token?: string | null; body?: string; headers?: Record<string, string> } = {},
  ) => {
    const headers = new Headers(init.headers);
    if (init.token !== null) headers.set("authorization", `Bearer ${init.token ?? "good"}`);
    if (init.body !== undefined && !headers.has("content-type")) headers.set("content-type", "application/json");
    const url = new URL(`https://id.example/t1/graph/${path}`);
    const segments = url.pathname.split("/").slice(3).map(decodeURIComponent);
    return graph.handle(
      new Request(url, { method, headers, ...(init.body !== undefined ? { body: init.body } : {}) }),
      "t1",
      segments,
    );
  };
  return { call, services, logged };
}

describe("the Graph API pipeline", () => {
  it("answers with request ids, Graph's media type and an absolute https nextLink", async () => {
    const { call } = api();
    const response = await call("GET", "v1.0/things?$top=1", { headers: { "client-request-id": "abc-1" } });
    expect(response.status).toBe(200);
    expect(response.headers.get("request-id")).toMatch(/^[0-9a-f-]{36}$/);
    expect(response.headers.get("client-request-id")).toBe("abc-1");
    expect(response.headers.get("content-type")).toBe("application/json");
    const body = await response.json();
    expect(body["@odata.context"]).toBe("https://id.example/t1/graph/v1.0/$metadata#things");
    expect(body["@odata.nextLink"]).toMatch(/^https:\/\/id\.example\/t1\/graph\/v1\.0\/things\?\$top=1&\$skiptoken=[\w.-]+$/);
  });

  it("401s without a token or with a bad one, naming Bearer in WWW-Authenticate", async () => {
    const { call } = api();
    const missing = await call("GET", "v1.0/things", { token: null });
    expect(missing.status).toBe(401);
    expect(missing.headers.get("www-authenticate")).toMatch(/^Bearer realm=/);
    const body = await missing.json();
    expect(body.error).toMatchObject({ code: "InvalidAuthenticationToken", message: "Access token is empty." });
    expect(body.error.innerError["request-id"]).toBe(missing.headers.get("request-id"));
    expect(body.error.innerError.date).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$/);
    const bad = await call("GET", "v1.0/things", { token: "forged" });
    expect(bad.status).toBe(401);
    expect(bad.headers.get("www-authenticate")).toContain('error="invalid_token"');
  });

  it("403s a token without the route's permission before reading the body", async () => {
    const { call, services } = api();
    const response = await call("POST", "v1.0/things", { token: "weak", body: "{not json" });
    expect(response.status).toBe(403);
    expect((await response.json()).error.code).toBe("Authorization_RequestDenied");
    expect(services.writes).toEqual([]);
  });

  it("400s malformed JSON, unknown properties and wrong types, naming them, and writes nothing", async () => {
    const { call, services } = api();
    const malformed = await call("POST", "v1.0/things", { body: "{not json" });
    expect(malformed.status).toBe(400);
    expect((await malformed.json()).error.message).toMatch(/not valid JSON/);
    const unknown = await call("POST", "v1.0/things", { body: JSON.stringify({ name: "a", colour: "red" }) });
    expect((await unknown.json()).error.message).toContain("'colour'");
    const wrong = await call("POST", "v1.0/things", { body: JSON.stringify({ name: 5 }) });
    expect((await wrong.json()).error.message).toContain("'name'");
    const big = await call("POST", "v1.0/things", { body: JSON.stringify({ name: "x".repeat(1024 * 1024) }) });
    expect(big.status).toBe(400);
    expect(services.writes).toEqual([]);
    const ok = await call("POST", "v1.0/things", { body: JSON.stringify({ name: "a" }) });
    expect(ok.status).toBe(201);
    expect(services.writes).toEqual([{ name: "a" }]);
  });

  it("matches literal segments before parameters, and says when a method or segment is unknown", async () => {
    const { call } = api();
    const count = await call("GET", "v1.0/things/$count");
    expect(await count.text()).toBe("1");
    expect(count.headers.get("content-type")).toBe("text/plain");
    expect((await (await call("GET", "v1.0/things/42")).json()).id).toBe("42");
    expect((await call("PATCH", "v1.0/things/42", { body: "{}" })).status).toBe(405);
    expect((await call("GET", "v1.0/nothing")).status).toBe(400);
    expect((await call("GET", "v9/things")).status).toBe(400);
  });

  it("answers 204 with no body, and 500 generalException without internals on a bug", async () => {
    const { call, logged } = api();
    const deleted = await call("DELETE", "v1.0/things/1");
    expect(deleted.status).toBe(204);
    expect(await deleted.text()).toBe("");
    const broken = await call("GET", "v1.0/broken");
    expect(broken.status).toBe(500);
    const text = await broken.text();
    expect(text).not.toContain("secret internals");
    expect(JSON.parse(text).error.code).toBe("generalException");
    expect(logged).toHaveLength(1);
  });

  it("refuses a rate-limited caller with 429 and Retry-After before the route runs", async () => {
    const { call, services } = api({ rateLimit: async () => ({ allowed: false, retryAfterSeconds: 7 }) });
    const response = await call("POST", "v1.0/things", { body: JSON.stringify({ name: "a" }) });
    expect(response.status).toBe(429);
    expect(response.headers.get("retry-after")).toBe("7");
    expect(services.writes).toEqual([]);
  });

  it("runs a batch item by item, authorising each, with 424 after a failed dependency", async () => {
    const { call } = api();
    const response = await call("POST", "v1.0/$batch", {
      body: JSON.stringify({
        requests: [
          { id: "1", method: "GET", url: "t1/graph/v1.0/things/7" },
          { id: "2", method: "POST", url: "/things", headers: { "Content-Type": "application/json" }, body: { name: "toolong" } },
          { id: "3", method: "GET", url: "things/8", dependsOn: ["2"] },
          { id: "4", method: "DELETE", url: "things/9" },
        ],
      }),
    });
    expect(response.status).toBe(200);
    const { responses } = await response.json();
    expect(responses.map((r: { id: string; status: number }) => [r.id, r.status])).toEqual([
      ["1", 200],
      ["2", 400],
      ["3", 424],
      ["4", 204],
    ]);
    expect(responses[0].body.id).toBe("7");
  });

  it("refuses a batch over 20 requests or with a repeated id", async () => {
    const { call } = api();
    const many = Array.from({ length: 21 }, (_, i) => ({ id: String(i), method: "GET", url: "things" }));
    expect((await call("POST", "v1.0/$batch", { body: JSON.stringify({ requests: many }) })).status).toBe(400);
    const twice = [
      { id: "a", method: "GET", url: "things" },
      { id: "A", method: "GET", url: "things" },
    ];
    expect((await call("POST", "v1.0/$batch", { body: JSON.stringify({ requests: twice }) })).status).toBe(400);
  });

  it("serves an OpenAPI 3.1 document built from the routes' schemas", async () => {
    const { call } = api();
    const response = await call("GET", "v1.0/openapi.json", { token: null });
    const document = await response.json();
    expect(document.openapi).toBe("3.1.0");
    expect(document.paths["/things"].post.requestBody.content["application/json"].schema).toMatchObject({
      type: "object",
      properties: { name: { type: "string", maxLength: 5 } },
      additionalProperties: false,
    });
  });

  it("lets a signed-in user without a role through only the routes open to them, and never an app-only token there", async () => {
    const { call, services } = api({
      verifyToken: async (_tenant, token) =>
        token === "user"
          ? { sub: "u1", client_id: "spa", scp: "openid Thing.ReadWrite.All" }
          : token === "unscoped"
            ? { sub: "u1", client_id: "spa", scp: "openid" }
            : token === "good"
              ? { sub: "c1", client_id: "c1", roles: ["Thing.ReadWrite.All"] }
              : undefined,
    });
    expect((await call("GET", "v1.0/things", { token: "user" })).status).toBe(403);
    expect((await call("POST", "v1.0/things/1/decide", { token: "unscoped" })).status).toBe(403);
    expect((await call("POST", "v1.0/things/1/decide", { token: "good" })).status).toBe(403);
    expect((await call("POST", "v1.0/things/1/decide", { token: "user" })).status).toBe(204);
    expect(services.writes).toEqual([expect.objectContaining({ type: "guest", guestId: "u1" })]);
  });

  it("404s an unknown tenant", async () => {
    const { call } = api({ tenants: { find: () => undefined } });
    expect((await call("GET", "v1.0/things")).status).toBe(404);
  });
});
