import { createOidcAdministration } from "./clients/administration";
import { createApplicationAdmin } from "./clients/register";
import { createProviderContext, type OidcDeps } from "./context";
import { createAuthorizeEndpoint } from "./authorize";
import { createResumeEndpoint } from "./authorize/resume";
import { createDiscoveryEndpoint, createJwksEndpoint, createMetadataAnswers } from "./discovery";
import { createInteractionApi } from "./interaction/interaction";
import { createIntrospectionEndpoint } from "./introspect";
import { createLogoutEndpoint } from "./logout";
import { createRevocationEndpoint } from "./revoke";
import { createTokenEndpoint } from "./token";
import { createUserinfoEndpoint } from "./userinfo";
import { withJsonEndpointHeaders } from "./web/responses";
import { verifyAccessToken } from "./tokens/verify";
import { accessTokenGrant } from "./tokens/app-grants";
import { authenticationEventsClientId, mintExtensionToken } from "./tokens/extension-token";
import { tenantGuidOf } from "./tokens/mint";

/**
 * The OpenID provider of every tenant. Endpoints are plain `(request, tenant) => Promise<Response>`
 * functions, so that a route handler — or a lighter server in front of Next — can call them.
 */
export function createOidcProvider(deps: OidcDeps) {
  const p = createProviderContext(deps);
  const interactions = createInteractionApi(p);
  const applications = createApplicationAdmin({ applications: p.repositories.applications, clock: p.clock });
  const metadata = createMetadataAnswers(p);
  return {
    endpoints: {
      // The JSON endpoints' baseline headers, success and error, in one place (web/responses.ts).
      discovery: withJsonEndpointHeaders(createDiscoveryEndpoint(p, metadata)),
      jwks: withJsonEndpointHeaders(createJwksEndpoint(p, metadata)),
      authorize: createAuthorizeEndpoint(p),
      resume: createResumeEndpoint(p),
      token: withJsonEndpointHeaders(createTokenEndpoint(p)),
      userinfo: withJsonEndpointHeaders(createUserinfoEndpoint(p)),
      logout: createLogoutEndpoint(p),
      revoke: withJsonEndpointHeaders(createRevocationEndpoint(p)),
      introspect: withJsonEndpointHeaders(createIntrospectionEndpoint(p)),
    },
    /** The discovery and JWKS GETs' answers as plain data, the same the endpoints give (front/front.ts). */
    metadataAnswers: metadata,
    ...interactions,
    /** Unaudited, for the seed and tests; surfaces use `administration`. */
    applications,
    /** Registering applications, secrets, key rotation: actor-checked and audited. */
    administration: createOidcAdministration({ applications, keys: p.keys }),
    keys: { rotate: (tenant: string) => p.keys.rotate(tenant), jwks: (tenant: string) => p.keys.jwks(tenant) },
    urls: (tenant: string) => p.urls(tenant),
    /**
     * The application directory (portal, Graph, CLI) changed an application or its secrets in this
     * process: the token endpoint must not go on trusting its copy for the rest of the bound — a
     * secret revoked in the portal stops working at once here, and within the bound elsewhere.
     */
    forgetApplications: () => p.forgetApplications(),
    /**
     * The bearer token for a call to a custom authentication extension (contract §6.2): issued by
     * the tenant to its authentication-events application, for the extension's app id.
     */
    async extensionToken(tenant: string, audience: string): Promise<string> {
      const tenantGuid = tenantGuidOf(p.tenants, tenant);
      return mintExtensionToken(p.keys, {
        tenant,
        tenantGuid,
        issuer: p.urls(tenant).issuer,
        audience,
        clientId: authenticationEventsClientId(tenantGuid),
        now: p.clock.now(),
      });
    },
    /**
     * A resource server's check of one of our access tokens (the Graph-shaped API will use it):
     * signature, issuer, audience, expiry, and the grant not revoked.
     */
    async verifyAccessToken(tenant: string, token: string, audience: string) {
      const claims = await verifyAccessToken(p.keys, tenant, token, {
        issuer: p.urls(tenant).issuer,
        audience,
        now: p.clock.now(),
      });
      if (!claims) return undefined;
      return (await accessTokenGrant(p.repositories.tokens, tenant, claims)) ? claims : undefined;
    },
  };
}

export type OidcProvider = ReturnType<typeof createOidcProvider>;
