import { createHash, randomUUID } from "node:crypto";
import { ConfigError } from "../errors";
import { createCursorCodec, isDirectoryError, type Actor } from "../directory";
import { authenticate, checkAccess, type Caller, type GraphAuthDeps } from "./auth";
import { parseJsonBody, readBodyText, validateBody } from "./body";
import type { GraphMethod, GraphRequest, GraphResult, GraphRoute, GraphTenant } from "./context";
import { GraphError, graphErrorBody, graphErrors, isGraphError } from "./errors";
import { parseQueryOptions } from "./odata/query";
import { createRouter } from "./router";
import { runBatch } from "./batch";
import { openApiDocument } from "./openapi";

export interface GraphApiDeps<S> extends GraphAuthDeps {
  /** GUESTGATE_BASE_URL: service roots and `@odata.nextLink`s are built from it, never from Host. */
  baseUrl: string;
  tenants: { find(slug: string): { slug: string; id: string } | undefined };
  routes: readonly GraphRoute<S>[];
  services: S;
  /** ≥ 256 bits: MACs the `$skiptoken`s. */
  cursorKey: Uint8Array;
  /** One hit for the caller `key`; a refusal is a 429 before anything ran (contract §0.1: never after a write). */
  rateLimit?(key: string): Promise<{ allowed: true } | { allowed: false; retryAfterSeconds: number }>;
  now?: () => Date;
  logError(message: string, fields: Record<string, unknown>): void;
  /** The caller's name for its audit events (the application's or the administrator's), if known. */
  callerName?(tenant: string, actor: Actor): Promise<string | null>;
  /** The client's address as seen behind the trusted proxies (http clientAddress), if known. */
  clientAddress?(headers: Headers): string | null;
}

/** Versions served: v1.0, `beta` as its alias (the issue allows it), `guestgate` for Guestgate's own endpoints (contract §8 rule 5). */
export const GRAPH_VERSIONS = ["v1.0", "beta", "guestgate"] as const;

const METHODS = new Set<GraphMethod>(["GET", "POST", "PATCH", "PUT", "DELETE"]);

/** The hex id of the tenant's extensions app: `extension_<it>_<name>` (contract §1), stable per tenant GUID. */
export const extensionsAppIdOf = (tenantGuid: string) =>
  createHash("sha256").update(`guestgate-extensions:${tenantGuid.toLowerCase()}`).digest("hex").slice(0, 32);

export interface InnerRequest {
  method: string;
  /** Path relative to the version root, percent-encoded, with its query string. */
  target: string;
  headers: Headers;
  bodyText: string;
}

export interface GraphAnswer {
  status: number;
  headers: Record<string, string>;
  /** JSON body, text body, or none. */
  json?: unknown;
  text?: string;
}

/**
 * The Graph-shaped API of every tenant (docs/ARCHITECTURE.md, "Graph API"): one entry point for
 * the route handler, and the same pipeline for each request of a `$batch`. Order matters: the
 * tenant and token first (401 before anything else), the route's access (403), the rate (429,
 * before any effect), options and body (400, nothing written), then the route.
 */
export function createGraphApi<S>(deps: GraphApiDeps<S>) {
  const router = createRouter(deps.routes);
  const cursors = createCursorCodec(deps.cursorKey);
  const now = deps.now ?? (() => new Date());

  /** The caller with what its audit events record beyond its id: its name and address. */
  async function identified(caller: Caller, tenant: GraphTenant, headers: Headers): Promise<Caller> {
    const { actor } = caller;
    if (actor.type === "system") return caller;
    const displayName = deps.callerName ? await deps.callerName(tenant.slug, actor) : null;
    const ipAddress = deps.clientAddress?.(headers) ?? null;
    return { ...caller, actor: { ...actor, displayName, ipAddress } };
  }

  async function execute(
    tenant: GraphTenant,
    version: string,
    inner: InnerRequest,
    ids: { requestId: string },
    batchCaller?: Caller,
  ): Promise<GraphAnswer> {
    const serviceRoot = `${deps.baseUrl}/${tenant.slug}/graph/${version}`;
    const resource = `${deps.baseUrl}/${tenant.slug}/graph`;
    const url = new URL(`${serviceRoot}/${inner.target.replace(/^\/+/, "")}`);
    const method = inner.method.toUpperCase() as GraphMethod;
    const caller =
      batchCaller ??
      (await identified(
        await authenticate(deps, tenant.slug, resource, inner.headers.get("authorization")),
        tenant,
        inner.headers,
      ));
    const { actor } = caller;
    if (!METHODS.has(method)) throw graphErrors.methodNotAllowed();
    const path = readablePath(url.pathname.slice(new URL(serviceRoot).pathname.length).replace(/^\/+|\/+$/g, ""));
    const match = router.match(method, path);
    if (match.kind === "none")
      throw new GraphError(400, "Request_BadRequest", `Resource not found for the segment '${path.split("/")[0] || "/"}'.`);
    if (match.kind === "methodNotAllowed") throw graphErrors.methodNotAllowed();
    const { route, params } = match;
    checkAccess(caller, route.access);
    if (deps.rateLimit) {
      const key =
        actor.type === "application"
          ? `app:${actor.clientId}`
          : actor.type === "administrator"
            ? `admin:${actor.id}`
            : actor.type === "guest"
              ? `user:${actor.guestId}`
              : actor.type;
      const decision = await deps.rateLimit(`graph:${tenant.slug}:${key}`);
      if (!decision.allowed)
        throw new GraphError(429, "TooManyRequests", "Too many requests. Retry after the number of seconds in Retry-After.", {
          headers: { "Retry-After": String(decision.retryAfterSeconds) },
        });
    }
    const query = parseQueryOptions(url, inner.headers, route);
    let body: unknown;
    let text: string | undefined;
    if (route.textBody) text = inner.bodyText;
    else if (route.body)
      body = validateBody(route.body, parseJsonBody(inner.bodyText, inner.headers.get("content-type")), route.summary);
    else if (inner.bodyText.trim() && method !== "GET" && method !== "DELETE")
      parseJsonBody(inner.bodyText, inner.headers.get("content-type")); // a body where none is expected must at least be JSON
    const request: GraphRequest<S> = {
      method,
      tenant,
      actor,
      params,
      query,
      headers: inner.headers,
      body,
      ...(text !== undefined ? { text } : {}),
      requestId: ids.requestId,
      serviceRoot,
      url,
      services: deps.services,
      cursors,
      now: now(),
    };
    let result: GraphResult;
    try {
      result = await route.handle(request);
    } catch (error) {
      throw asGraphError(error, params);
    }
    return toAnswer(result);
  }

  async function handle(request: Request, tenantSlug: string, segments: readonly string[]): Promise<Response> {
    // A GUID, as Graph's (contract §0.8); a failure's log line carries it beside the log's own request id.
    const requestId = randomUUID();
    const clientRequestId = sanitizeId(request.headers.get("client-request-id")) ?? requestId;
    const ids = { requestId, clientRequestId };
    let answer: GraphAnswer;
    try {
      const known = deps.tenants.find(tenantSlug);
      if (!known) throw graphErrors.notFound(tenantSlug);
      const tenant: GraphTenant = { slug: known.slug, id: known.id, extensionsAppId: extensionsAppIdOf(known.id) };
      const [version, ...rest] = segments;
      if (!version || !(GRAPH_VERSIONS as readonly string[]).includes(version))
        throw new GraphError(400, "Request_BadRequest", `Invalid version: '${version ?? ""}'. Use v1.0.`);
      const search = new URL(request.url).search;
      const inner: InnerRequest = {
        method: request.method,
        target: `${rest.map(encodeURIComponent).join("/")}${search}`,
        headers: request.headers,
        bodyText: request.method === "GET" || request.method === "HEAD" ? "" : await readBodyText(request),
      };
      if (rest.length === 1 && rest[0] === "openapi.json" && request.method === "GET")
        answer = {
          status: 200,
          headers: {},
          json: openApiDocument(deps.routes as readonly GraphRoute<unknown>[], `${deps.baseUrl}/${tenant.slug}/graph/${version}`),
        };
      else if (rest.length === 1 && rest[0] === "$batch") {
        answer = await runBatch(inner, {
          authenticate: async () =>
            identified(
              await authenticate(deps, tenant.slug, `${deps.baseUrl}/${tenant.slug}/graph`, request.headers.get("authorization")),
              tenant,
              request.headers,
            ),
          run: (item, caller) => execute(tenant, version === "beta" ? "v1.0" : version, item, ids, caller),
          answerFor: (error) => errorAnswer(error, ids),
          tenantSlug: tenant.slug,
        });
      } else answer = await execute(tenant, version, inner, ids);
    } catch (error) {
      answer = errorAnswer(error, ids);
    }
    return toResponse(answer, ids);
  }

  function errorAnswer(error: unknown, ids: { requestId: string; clientRequestId?: string }): GraphAnswer {
    const graphError = isGraphError(error) ? error : undefined;
    if (!graphError)
      deps.logError("graph request failed", { requestId: ids.requestId, error: error instanceof Error ? error : String(error) });
    const shaped =
      graphError ??
      new GraphError(500, "generalException", "An unexpected error occurred. Quote the request-id to the operator.");
    return {
      status: shaped.status,
      headers: { ...shaped.options.headers },
      json: graphErrorBody(shaped, { requestId: ids.requestId, clientRequestId: ids.clientRequestId ?? ids.requestId }, now()),
    };
  }

  return { handle, execute };
}

/** What the route handler calls: `segments` is the path after `/{tenant}/graph/`, version first. */
export interface GraphApi {
  handle(request: Request, tenant: string, segments: readonly string[]): Promise<Response>;
}

/** Service refusals as Graph's codes; a route that shapes its own errors never gets here. */
export function asGraphError(error: unknown, params: Record<string, string>): unknown {
  if (isGraphError(error)) return error;
  if (isDirectoryError(error)) {
    switch (error.code) {
      case "forbidden":
        return graphErrors.denied();
      case "notFound":
        return graphErrors.notFound(Object.values(params).at(-1) ?? "");
      case "invalid":
        return graphErrors.badRequest(error.message);
      case "conflict":
        return new GraphError(409, "Request_BadRequest", error.message);
    }
  }
  if (error instanceof ConfigError)
    return graphErrors.badRequest(
      error.problems.join(" "),
      error.problems.map((message) => ({ code: "InvalidValue", message })),
    );
  if (error instanceof Error && (error.name === "AdministrationError" || error.name === "UserFlowPermissionError"))
    return graphErrors.denied();
  return error;
}

function toAnswer(result: GraphResult): GraphAnswer {
  if (result.status === 204) return { status: 204, headers: { ...result.headers } };
  if ("text" in result) return { status: 200, headers: { "Content-Type": result.contentType }, text: result.text };
  return { status: result.status, headers: { ...result.headers }, json: result.body };
}

function toResponse(answer: GraphAnswer, ids: { requestId: string; clientRequestId: string }): Response {
  const headers = new Headers(answer.headers);
  headers.set("request-id", ids.requestId);
  headers.set("client-request-id", ids.clientRequestId);
  headers.set("Cache-Control", "no-store");
  headers.set("OData-Version", "4.0");
  headers.set("X-Content-Type-Options", "nosniff");
  for (const [name, value] of Object.entries(CORS)) headers.set(name, value);
  // Never 200 with an empty JSON body: the Graph JS client throws on it (contract §0.1).
  if (answer.status === 204 || (answer.json === undefined && answer.text === undefined))
    return new Response(null, { status: 204, headers });
  if (answer.text !== undefined) return new Response(answer.text, { status: answer.status, headers });
  headers.set("Content-Type", "application/json");
  return new Response(JSON.stringify(answer.json), { status: answer.status, headers });
}

/** Browser callers send a bearer token, never cookies, so any origin may call (contract §0.1 lists the headers). */
export const CORS: Record<string, string> = {
  "Access-Control-Allow-Origin": "*",
  "Access-Control-Allow-Headers":
    "Authorization, Content-Type, ConsistencyLevel, client-request-id, SdkVersion, Prefer, If-Match",
  "Access-Control-Allow-Methods": "GET, POST, PATCH, PUT, DELETE, OPTIONS",
  "Access-Control-Expose-Headers": "request-id, client-request-id, Location, Retry-After, ETag",
  "Access-Control-Max-Age": "600",
};

/**
 * OData's path punctuation (`$count`, `$ref`, `(appId='…')`) may arrive percent-encoded; templates
 * are written plain. `%2F` stays encoded, so a parameter never spans segments.
 */
const readablePath = (path: string) => path.replace(/%(24|3D|2C|27|28|29)/gi, (escaped) => decodeURIComponent(escaped));

/** A caller's client-request-id is echoed only when it is a plain token (no header injection, bounded). */
function sanitizeId(value: string | null): string | undefined {
  return value && /^[A-Za-z0-9._:-]{1,128}$/.test(value) ? value : undefined;
}
