import { errorBody } from "../errors";
import type { ProviderContext } from "../context";
import { LIFETIMES } from "../constants";
import { CORS, json, jsonText, methodNotAllowed, notFound, preflight } from "../web/responses";
import { providerMetadata } from "./metadata";

const cacheable = { "Cache-Control": `public, max-age=${LIFETIMES.metadataMaxAge}` };

/** GET /{tenant}/v2.0/.well-known/openid-configuration (and /{tenant}/.well-known/…). */
export function createDiscoveryEndpoint(p: ProviderContext) {
  // The document depends only on the base URL and the tenants file, fixed while the process runs.
  const documents = new Map<string, string>();
  return async function discovery(request: Request, tenant: string): Promise<Response> {
    const config = p.tenants.find(tenant);
    if (!config) return notFound();
    if (request.method === "OPTIONS") return preflight("GET");
    if (request.method !== "GET" && request.method !== "HEAD") return methodNotAllowed("GET, HEAD, OPTIONS");
    let document = documents.get(tenant);
    if (document === undefined)
      documents.set(tenant, (document = JSON.stringify(providerMetadata(p.urls(tenant), config.locales.enabled))));
    return jsonText(document, 200, { ...cacheable, ...CORS });
  };
}

/**
 * GET /{tenant}/discovery/v2.0/keys: the JWKS. Cacheable for a few minutes: relying parties refetch
 * on an unknown kid anyway, and a rotated-out key stays published for LIFETIMES.retiredKeyGrace.
 */
export function createJwksEndpoint(p: ProviderContext) {
  return async function jwks(request: Request, tenant: string): Promise<Response> {
    if (!p.tenants.find(tenant)) return notFound();
    if (request.method === "OPTIONS") return preflight("GET");
    if (request.method !== "GET" && request.method !== "HEAD") return methodNotAllowed("GET, HEAD, OPTIONS");
    try {
      return jsonText(await p.keys.jwksText(tenant), 200, { ...cacheable, ...CORS, "Content-Type": "application/jwk-set+json" });
    } catch (error) {
      p.reportError(error);
      return json(errorBody("server_error", "the keys are not available"), 500, {
        "Cache-Control": "no-store",
      });
    }
  };
}
