import { errorBody } from "../errors";
import type { ProviderContext } from "../context";
import { LIFETIMES } from "../constants";
import { CORS, json, jsonAnswer, methodNotAllowed, notFound, preflight, toResponse, type PlainAnswer } from "../web/responses";
import { providerMetadata } from "./metadata";

const cacheable = { "Cache-Control": `public, max-age=${LIFETIMES.metadataMaxAge}` };

/**
 * The 200 answers of the two metadata GETs, or null for an unknown tenant: what the endpoints below
 * answer a GET with, and what `npm start`'s front writes straight to node:http (front/front.ts).
 */
export interface MetadataAnswers {
  discovery(tenant: string): Promise<PlainAnswer | null>;
  /** Throws when the keys cannot be read (the endpoint answers that with a 500). */
  jwks(tenant: string): Promise<PlainAnswer | null>;
}

export function createMetadataAnswers(p: ProviderContext): MetadataAnswers {
  // The document depends only on the base URL and the tenants file, fixed while the process runs.
  const documents = new Map<string, PlainAnswer>();
  const keySets = new Map<string, PlainAnswer>();
  return {
    async discovery(tenant) {
      const config = p.tenants.find(tenant);
      if (!config) return null;
      let answer = documents.get(tenant);
      if (answer === undefined) {
        const document = JSON.stringify(providerMetadata(p.urls(tenant), config.locales.enabled));
        documents.set(tenant, (answer = jsonAnswer(document, 200, { ...cacheable, ...CORS })));
      }
      return answer;
    },
    async jwks(tenant) {
      if (!p.tenants.find(tenant)) return null;
      const text = await p.keys.jwksText(tenant);
      // The same answer while the key store hands out the same document (until a rotation or reload).
      let answer = keySets.get(tenant);
      if (answer?.body !== text)
        keySets.set(
          tenant,
          (answer = jsonAnswer(text, 200, { ...cacheable, ...CORS, "Content-Type": "application/jwk-set+json" })),
        );
      return answer;
    },
  };
}

/** GET /{tenant}/v2.0/.well-known/openid-configuration (and /{tenant}/.well-known/…). */
export function createDiscoveryEndpoint(p: ProviderContext, answers: MetadataAnswers = createMetadataAnswers(p)) {
  return async function discovery(request: Request, tenant: string): Promise<Response> {
    if (!p.tenants.find(tenant)) return notFound();
    if (request.method === "OPTIONS") return preflight("GET");
    if (request.method !== "GET" && request.method !== "HEAD") return methodNotAllowed("GET, HEAD, OPTIONS");
    return toResponse((await answers.discovery(tenant))!);
  };
}

/**
 * GET /{tenant}/discovery/v2.0/keys: the JWKS. Cacheable for a few minutes: relying parties refetch
 * on an unknown kid anyway, and a rotated-out key stays published for LIFETIMES.retiredKeyGrace.
 */
export function createJwksEndpoint(p: ProviderContext, answers: MetadataAnswers = createMetadataAnswers(p)) {
  return async function jwks(request: Request, tenant: string): Promise<Response> {
    if (!p.tenants.find(tenant)) return notFound();
    if (request.method === "OPTIONS") return preflight("GET");
    if (request.method !== "GET" && request.method !== "HEAD") return methodNotAllowed("GET, HEAD, OPTIONS");
    try {
      return toResponse((await answers.jwks(tenant))!);
    } catch (error) {
      p.reportError(error);
      return json(errorBody("server_error", "the keys are not available"), 500, {
        "Cache-Control": "no-store",
      });
    }
  };
}
