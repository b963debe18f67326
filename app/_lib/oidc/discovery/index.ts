import { errorBody } from "../errors";
import type { ProviderContext } from "../context";
import { LIFETIMES } from "../constants";
import { CORS, json, methodNotAllowed, notFound, preflight } from "../web/responses";
import { providerMetadata } from "./metadata";

const cacheable = { "Cache-Control": `public, max-age=${LIFETIMES.metadataMaxAge}` };

/** GET /{tenant}/v2.0/.well-known/openid-configuration (and /{tenant}/.well-known/…). */
export function createDiscoveryEndpoint(p: ProviderContext) {
  return async function discovery(request: Request, tenant: string): Promise<Response> {
    const config = p.tenants.find(tenant);
    if (!config) return notFound();
    if (request.method === "OPTIONS") return preflight("GET");
    if (request.method !== "GET" && request.method !== "HEAD") return methodNotAllowed("GET, HEAD, OPTIONS");
    return json(providerMetadata(p.urls(tenant), config.locales.enabled), 200, { ...cacheable, ...CORS });
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
      return json(await p.keys.jwks(tenant), 200, { ...cacheable, ...CORS, "Content-Type": "application/jwk-set+json" });
    } catch (error) {
      p.reportError(error);
      return json(errorBody("server_error", "the keys are not available"), 500, {
        "Cache-Control": "no-store",
      });
    }
  };
}
