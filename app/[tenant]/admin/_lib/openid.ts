import * as client from "openid-client";
import { PORTAL_SCOPE, portalClientId, portalRedirectUri } from "../../../_lib/admin";
import { oidc, settings } from "../../../_lib/server";

/**
 * The portal as a relying party of its own tenant, with openid-client doing the real code flow
 * (PKCE S256, state, nonce; ID token signature, iss, aud, nonce, and the RFC 9207 `iss` of the
 * response checked by the library). Its requests to the provider — discovery, token, JWKS — are
 * answered in-process by the provider's own endpoints: the same code a network call would reach,
 * without a server calling its own public URL (which a proxy or a container may not route).
 */
export async function portalConfiguration(tenantSlug: string): Promise<client.Configuration> {
  const provider = oidc();
  const urls = provider.urls(tenantSlug);
  const inProcess: client.CustomFetch = async (url, options) => {
    const request = new Request(url, {
      method: options.method,
      headers: options.headers,
      ...(options.body === undefined ? {} : { body: options.body as BodyInit }),
    });
    const path = new URL(url).pathname;
    if (path === new URL(urls.discovery).pathname) return provider.endpoints.discovery(request, tenantSlug);
    if (path === new URL(urls.token).pathname) return provider.endpoints.token(request, tenantSlug);
    if (path === new URL(urls.jwks).pathname) return provider.endpoints.jwks(request, tenantSlug);
    throw new Error(`the portal does not call ${path}`);
  };
  const config = await client.discovery(new URL(urls.issuer), portalClientId(tenantSlug), undefined, client.None(), {
    [client.customFetch]: inProcess,
    // http only for local runs on a loopback address; https otherwise.
    ...(urls.issuer.startsWith("http:") ? { execute: [client.allowInsecureRequests] } : {}),
  });
  // Also verify the ID token's signature against the tenant's JWKS (OIDC Core §3.1.3.7 step 6).
  client.enableNonRepudiationChecks(config);
  return config;
}

export function portalRedirect(tenantSlug: string): string {
  return portalRedirectUri(settings().GUESTGATE_BASE_URL, tenantSlug);
}

export { client, PORTAL_SCOPE };
