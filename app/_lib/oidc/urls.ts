/**
 * Every URL of a tenant's provider, from the configured base URL and the slug only: never from
 * Host or X-Forwarded-* headers (an attacker-chosen Host would otherwise become an issuer).
 */
export interface TenantUrls {
  issuer: string;
  authorize: string;
  token: string;
  userinfo: string;
  logout: string;
  revoke: string;
  introspect: string;
  jwks: string;
  discovery: string;
  /** The resource the userinfo endpoint is: audience of access tokens for OIDC scopes (RFC 9068 §3). */
  userinfoResource: string;
  /** The Graph-shaped management API: audience of client-credentials access tokens. */
  managementResource: string;
  resume(interactionId: string): string;
  interaction(interactionId: string): string;
  errorPage(code: string): string;
  signedOutPage: string;
  logoutConfirmPage: string;
}

export function tenantUrls(baseUrl: string, tenant: string): TenantUrls {
  const root = `${baseUrl}/${tenant}`;
  const oauth = `${root}/oauth2/v2.0`;
  return {
    issuer: `${root}/v2.0`,
    authorize: `${oauth}/authorize`,
    token: `${oauth}/token`,
    userinfo: `${oauth}/userinfo`,
    logout: `${oauth}/logout`,
    revoke: `${oauth}/revoke`,
    introspect: `${oauth}/introspect`,
    jwks: `${root}/discovery/v2.0/keys`,
    discovery: `${root}/v2.0/.well-known/openid-configuration`,
    userinfoResource: `${oauth}/userinfo`,
    managementResource: `${root}/graph`,
    resume: (id) => `${oauth}/authorize/resume/${encodeURIComponent(id)}`,
    interaction: (id) => `${root}/interaction/${encodeURIComponent(id)}`,
    errorPage: (code) => `${root}/error?code=${encodeURIComponent(code)}`,
    signedOutPage: `${root}/signed-out`,
    logoutConfirmPage: `${root}/logout`,
  };
}
