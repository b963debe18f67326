import type { IncomingMessage, ServerResponse } from "node:http";
import type { PlainAnswer } from "../oidc";
import type { Front } from "./handoff";
import { matchJsonEndpoint, matchNavigationEndpoint, type JsonEndpointName, type NavigationEndpointName } from "./routes";

type Endpoint = (request: Request, tenant: string) => Promise<Response>;
/** A GET's 200 as plain data, or null when the endpoint itself must answer (an unknown tenant). */
type PlainGet = (tenant: string) => Promise<PlainAnswer | null>;

export interface FrontDeps {
  /** `oidc().endpoints`: the functions the route handlers call. */
  endpoints: () => Readonly<Record<JsonEndpointName | NavigationEndpointName, Endpoint>>;
  /**
   * `oidc().metadataAnswers`: the discovery and JWKS GETs' answers, written as they are with no
   * WHATWG Request or Response made; anything else about those requests (an unknown tenant, the
   * keys failing) goes to the endpoint, which answers it as it answers the route handler.
   */
  plainGets: () => Readonly<Partial<Record<JsonEndpointName, PlainGet>>>;
  /**
   * Whether the tenant exists. A navigation to an unknown tenant goes to Next, whose proxy answers
   * it with the tenant-not-found page (a page, so not the front's to answer).
   */
  knownTenant: (tenant: string) => boolean;
  /** The headers the proxy gives an answer to a navigation (http/navigation-headers.ts), for this request. */
  navigationHeaders: (request: Request, tenant: string) => Record<string, string>;
  /** GUESTGATE_BASE_URL: request URLs are built on it, never on the Host header. */
  baseUrl: () => string;
  /** An endpoint that throws (they answer their own errors, so this is a bug): logged, then a 500. */
  onError: (error: unknown) => void;
}

/**
 * Read at most this much of a body. The endpoints refuse more than 64 KiB themselves
 * (web/read-request.ts); reading a little past that is enough for them to see it is too large.
 */
export const FRONT_MAX_BODY = 64 * 1024 + 1;

/**
 * The provider's JSON endpoints answered straight from node:http, before Next (docs/PERFORMANCE.md:
 * Next's request handling cost more than the token endpoint's own work). A WHATWG Request is made
 * from the IncomingMessage and given to the same endpoint function the route handler calls, and its
 * Response is written back as it is: the headers, statuses and bodies are the endpoints' own. The
 * authorization endpoint too, at a known tenant: its answers are redirects (a silent sign-in's code,
 * the interaction page, an error), to which the front adds what the proxy adds to a navigation's
 * answer. Returns false, having touched nothing, for any other request; Next then handles it.
 */
export function createFront(deps: FrontDeps): Front {
  return function front(req, res) {
    const target = req.url ?? "/";
    const method = req.method ?? "GET";
    const json = matchJsonEndpoint(target, method);
    if (json) {
      const plain = method === "GET" ? deps.plainGets()[json.endpoint] : undefined;
      if (plain) void answerPlainly(deps, plain, deps.endpoints()[json.endpoint], json.tenant, req, res);
      else void answer(deps, deps.endpoints()[json.endpoint], json.tenant, req, res, false);
      return true;
    }
    const navigation = matchNavigationEndpoint(target, method);
    if (!navigation || !deps.knownTenant(navigation.tenant)) return false;
    void answer(deps, deps.endpoints()[navigation.endpoint], navigation.tenant, req, res, true);
    return true;
  };
}

async function answer(
  deps: FrontDeps,
  endpoint: Endpoint,
  tenant: string,
  req: IncomingMessage,
  res: ServerResponse,
  navigation: boolean,
) {
  try {
    const headers = new Headers();
    const raw = req.rawHeaders;
    for (let i = 0; i < raw.length; i += 2) headers.append(raw[i]!, raw[i + 1]!);
    const body = await readBody(req);
    // Left unread (declared too large, or past the limit): the connection cannot carry another request.
    if (!req.complete) res.shouldKeepAlive = false;
    const url = new URL(deps.baseUrl()).origin + req.url;
    const request = new Request(url, { method: req.method, headers, ...(body ? { body } : {}) });
    const response = await endpoint(request, tenant);
    // As the proxy does (response.headers.set): its headers win over the endpoint's of the same name.
    if (navigation)
      for (const [name, value] of Object.entries(deps.navigationHeaders(request, tenant))) response.headers.set(name, value);
    await write(res, response);
  } catch (error) {
    deps.onError(error);
    if (res.headersSent) return void res.destroy();
    // The baseline headers of every JSON answer (web/responses.ts), on this one too.
    res.writeHead(500, {
      "content-type": "application/json; charset=utf-8",
      "cache-control": "no-store",
      pragma: "no-cache",
      "x-content-type-options": "nosniff",
      "referrer-policy": "no-referrer",
    });
    res.end(JSON.stringify({ error: "server_error", error_description: "the request could not be processed" }));
  }
}

/** The plain answer when there is one; otherwise (null, or it threw) the endpoint answers. */
async function answerPlainly(
  deps: FrontDeps,
  plain: PlainGet,
  endpoint: Endpoint,
  tenant: string,
  req: IncomingMessage,
  res: ServerResponse,
) {
  let found: PlainAnswer | null = null;
  try {
    found = await plain(tenant);
  } catch {
    // The endpoint meets the same failure and answers it (and reports it) as it always does.
  }
  if (!found) return answer(deps, endpoint, tenant, req, res, false);
  let head = heads.get(found);
  if (!head) heads.set(found, (head = { ...found.headers, "Content-Length": String(Buffer.byteLength(found.body)) }));
  res.writeHead(found.status, head);
  res.end(found.body);
}

/** The headers of each plain answer with its length, made once: the answers are reused until they change. */
const heads = new WeakMap<PlainAnswer, Record<string, string>>();

/**
 * GET and OPTIONS carry no body; a declared Content-Length over the limit is not read at all, and a
 * stream is read no further than the limit (paused, not destroyed: the answer still goes out).
 */
function readBody(req: IncomingMessage): Promise<Buffer<ArrayBuffer> | undefined> {
  if (req.method === "GET" || req.method === "OPTIONS") return Promise.resolve(undefined);
  if (Number(req.headers["content-length"] ?? 0) > FRONT_MAX_BODY) return Promise.resolve(Buffer.alloc(0));
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const done = () => {
      req.off("data", onData).off("end", done).off("error", reject);
      resolve(Buffer.concat(chunks));
    };
    const onData = (chunk: Buffer) => {
      chunks.push(chunk);
      size += chunk.length;
      if (size > FRONT_MAX_BODY) {
        req.pause();
        done();
      }
    };
    req.on("data", onData).on("end", done).on("error", reject);
  });
}

async function write(res: ServerResponse, response: Response): Promise<void> {
  const out: Record<string, string | string[]> = {};
  response.headers.forEach((value, name) => {
    if (name !== "set-cookie") out[name] = value;
  });
  const cookies = response.headers.getSetCookie();
  if (cookies.length) out["set-cookie"] = cookies;
  const payload = response.body ? Buffer.from(await response.arrayBuffer()) : undefined;
  if (payload) out["content-length"] = String(payload.length);
  res.writeHead(response.status, out);
  res.end(payload);
}
