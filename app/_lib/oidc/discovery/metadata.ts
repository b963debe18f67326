import { SCOPE_CLAIMS, USER_SCOPES, PROMPT_VALUES, ID_TOKEN_ALG } from "../constants";
import type { TenantUrls } from "../urls";

/**
 * OpenID Provider Metadata (OIDC Discovery §3, RFC 8414 §2): only what is true of this provider.
 * Every value here is checked by a test against the behaviour it describes.
 */
export function providerMetadata(urls: TenantUrls, uiLocales: readonly string[]): Record<string, unknown> {
  return {
    issuer: urls.issuer,
    authorization_endpoint: urls.authorize,
    token_endpoint: urls.token,
    userinfo_endpoint: urls.userinfo,
    jwks_uri: urls.jwks,
    end_session_endpoint: urls.logout,
    revocation_endpoint: urls.revoke,
    introspection_endpoint: urls.introspect,
    scopes_supported: [...USER_SCOPES],
    response_types_supported: ["code"],
    response_modes_supported: ["query"],
    grant_types_supported: ["authorization_code", "refresh_token", "client_credentials"],
    subject_types_supported: ["public"],
    id_token_signing_alg_values_supported: [ID_TOKEN_ALG],
    token_endpoint_auth_methods_supported: ["client_secret_basic", "client_secret_post", "none"],
    revocation_endpoint_auth_methods_supported: ["client_secret_basic", "client_secret_post", "none"],
    introspection_endpoint_auth_methods_supported: ["client_secret_basic", "client_secret_post"],
    code_challenge_methods_supported: ["S256"],
    prompt_values_supported: [...PROMPT_VALUES],
    claims_supported: [
      "sub",
      "iss",
      "aud",
      "exp",
      "iat",
      "auth_time",
      "nonce",
      "acr",
      "amr",
      "sid",
      "tid",
      ...new Set(Object.values(SCOPE_CLAIMS).flat()),
    ],
    claim_types_supported: ["normal"],
    claims_parameter_supported: false,
    request_parameter_supported: false,
    request_uri_parameter_supported: false,
    require_request_uri_registration: false,
    authorization_response_iss_parameter_supported: true,
    ui_locales_supported: [...uiLocales],
    frontchannel_logout_supported: false,
    backchannel_logout_supported: false,
  };
}
