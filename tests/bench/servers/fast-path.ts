// The "fast path in front of Next" of shared/STACK.md: a node:http handler that answers the
// provider's endpoints by calling the framework-free endpoint functions directly, with a WHATWG
// Request built from the IncomingMessage. Anything else is left to the caller (e.g. Next).
import type { IncomingMessage, ServerResponse } from "node:http";
import type { OidcProvider } from "../../../app/_lib/oidc";

/** Larger bodies are cut off here; the endpoints themselves refuse more than 64 KiB. */
const MAX_BODY = 128 * 1024;

type Endpoint = (request: Request, tenant: string) => Promise<Response>;

/** URL path → endpoint, mirroring the route files under app/[tenant]/ (as tests/integration/oidc/harness.ts does). */
export function route(op: OidcProvider, pathname: string): { tenant: string; call: Endpoint } | undefined {
  const slash = pathname.indexOf("/", 1);
  if (slash === -1) return undefined;
  const tenant = decodeURIComponent(pathname.slice(1, slash));
  const rest = pathname.slice(slash + 1);
  const e = op.endpoints;
  switch (rest) {
    case "oauth2/v2.0/token":
      return { tenant, call: e.token };
    case "discovery/v2.0/keys":
      return { tenant, call: e.jwks };
    case "v2.0/.well-known/openid-configuration":
    case ".well-known/openid-configuration":
      return { tenant, call: e.discovery };
    case "oauth2/v2.0/authorize":
      return { tenant, call: e.authorize };
    case "oauth2/v2.0/userinfo":
      return { tenant, call: e.userinfo };
    case "oauth2/v2.0/logout":
      return { tenant, call: e.logout };
    case "oauth2/v2.0/revoke":
      return { tenant, call: e.revoke };
    case "oauth2/v2.0/introspect":
      return { tenant, call: e.introspect };
  }
  const resume = /^oauth2\/v2\.0\/authorize\/resume\/([^/]+)$/.exec(rest);
  if (resume) {
    const id = decodeURIComponent(resume[1]!);
    return { tenant, call: (request, t) => e.resume(request, t, id) };
  }
  return undefined;
}

async function readBody(req: IncomingMessage): Promise<Buffer<ArrayBuffer> | undefined> {
  if (req.method === "GET" || req.method === "HEAD") return undefined;
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY) break;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

/**
 * Answers the request when it is one of the provider's endpoints and resolves true; resolves false
 * (having touched nothing) otherwise. `origin` is the public origin: request URLs are built from it,
 * never from the Host header (the endpoints use only the path and query anyway).
 */
export function createFastPath(op: OidcProvider, origin: string) {
  return async function handle(req: IncomingMessage, res: ServerResponse): Promise<boolean> {
    const target = req.url ?? "/";
    const question = target.indexOf("?");
    const found = route(op, question === -1 ? target : target.slice(0, question));
    if (!found) return false;
    const headers = new Headers();
    for (let i = 0; i < req.rawHeaders.length; i += 2) headers.append(req.rawHeaders[i]!, req.rawHeaders[i + 1]!);
    const body = await readBody(req);
    const request = new Request(origin + target, { method: req.method, headers, ...(body ? { body } : {}) });
    const response = await found.call(request, found.tenant);
    const out: Record<string, string | string[]> = {};
    response.headers.forEach((value, name) => {
      if (name !== "set-cookie") out[name] = value;
    });
    const cookies = response.headers.getSetCookie();
    if (cookies.length) out["set-cookie"] = cookies;
    const payload = response.body ? Buffer.from(await response.arrayBuffer()) : undefined;
    if (payload) out["content-length"] = String(payload.length);
    res.writeHead(response.status, out);
    res.end(req.method === "HEAD" ? undefined : payload);
    return true;
  };
}
