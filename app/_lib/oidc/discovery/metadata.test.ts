import { describe, expect, it } from "vitest";
import { tenantUrls } from "../urls";
import { providerMetadata } from "./metadata";

describe("OpenID Provider Metadata (OIDC Discovery §3, RFC 8414)", () => {
  const urls = tenantUrls("https://id.example", "woodgrove");
  const metadata = providerMetadata(urls, ["nl", "en"]);

  it("puts every endpoint under the tenant, the issuer at /{tenant}/v2.0", () => {
    expect(metadata).toMatchObject({
      issuer: "https://id.example/woodgrove/v2.0",
      authorization_endpoint: "https://id.example/woodgrove/oauth2/v2.0/authorize",
      token_endpoint: "https://id.example/woodgrove/oauth2/v2.0/token",
      userinfo_endpoint: "https://id.example/woodgrove/oauth2/v2.0/userinfo",
      end_session_endpoint: "https://id.example/woodgrove/oauth2/v2.0/logout",
      revocation_endpoint: "https://id.example/woodgrove/oauth2/v2.0/revoke",
      introspection_endpoint: "https://id.example/woodgrove/oauth2/v2.0/introspect",
      jwks_uri: "https://id.example/woodgrove/discovery/v2.0/keys",
    });
  });
  it("describes the code flow with S256 PKCE and RFC 9207 only", () => {
    expect(metadata).toMatchObject({
      response_types_supported: ["code"],
      response_modes_supported: ["query"],
      code_challenge_methods_supported: ["S256"],
      authorization_response_iss_parameter_supported: true,
      grant_types_supported: ["authorization_code", "refresh_token", "client_credentials"],
      token_endpoint_auth_methods_supported: ["client_secret_basic", "client_secret_post", "none"],
      id_token_signing_alg_values_supported: ["RS256"],
      request_parameter_supported: false,
      request_uri_parameter_supported: false,
      claims_parameter_supported: false,
      ui_locales_supported: ["nl", "en"],
    });
    expect(metadata.scopes_supported).toEqual(
      expect.arrayContaining(["openid", "profile", "email", "address", "phone", "offline_access"]),
    );
    expect(metadata.claims_supported).toEqual(
      expect.arrayContaining(["sub", "email", "email_verified", "address", "phone_number", "sid", "auth_time"]),
    );
  });
});
