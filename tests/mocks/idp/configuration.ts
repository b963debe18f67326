// node-oidc-provider's configuration for the test identity provider: the clients Guestgate registers,
// a small account table, and claims placed in the ID token (Auth.js reads an OpenID profile from it).
import { generateKeyPairSync, randomBytes } from "node:crypto";
import type { Configuration, KoaContextWithOIDC } from "oidc-provider";

export interface TestIdpClient {
  clientId: string;
  clientSecret: string;
  redirectUris: string[];
}

/** An account; any other login name signs in as `{ sub: login }` with no further claims (interaction.ts). */
export interface TestIdpAccount {
  sub: string;
  /** What to type into the login form (default: `sub`). */
  login?: string;
  email?: string;
  email_verified?: boolean;
  name?: string;
  given_name?: string;
  family_name?: string;
  /** Anything else, e.g. Microsoft's `tid`, `oid`, `xms_edov`. */
  [claim: string]: unknown;
}

/** Claims by scope (OIDC Core §5.4), plus the Microsoft-shaped ones the federation tests need. */
const CLAIMS = {
  openid: ["sub", "tid", "oid"],
  email: ["email", "email_verified", "xms_edov", "verified_primary_email"],
  profile: ["name", "given_name", "family_name", "preferred_username", "locale"],
};

function findAccountFor(accounts: readonly TestIdpAccount[], everyone: Record<string, unknown>): Configuration["findAccount"] {
  return (_ctx, sub) => {
    const { login: _login, ...claims } = accounts.find((candidate) => candidate.sub === sub) ?? { sub };
    return { accountId: sub, claims: () => ({ ...everyone, ...claims, sub }) };
  };
}

/** First-party test clients: consent is implied, so the browser sees one login form and comes back. */
async function grantEverythingRequested(ctx: KoaContextWithOIDC) {
  const existing = ctx.oidc.result?.consent?.grantId ?? ctx.oidc.session?.grantIdFor(ctx.oidc.client!.clientId);
  if (existing) return ctx.oidc.provider.Grant.find(existing);
  const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client!.clientId, accountId: ctx.oidc.session!.accountId! });
  grant.addOIDCScope([...(ctx.oidc.requestParamScopes ?? [])].join(" "));
  grant.addOIDCClaims(Object.values(CLAIMS).flat());
  await grant.save();
  return grant;
}

/** `everyone`: claims every account has (e.g. the directory's `tid`). */
export function idpConfiguration(
  clients: readonly TestIdpClient[],
  accounts: readonly TestIdpAccount[],
  options: { mountPath: string; everyone: Record<string, unknown> },
): Configuration {
  const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  return {
    clients: clients.map((client) => ({
      client_id: client.clientId,
      client_secret: client.clientSecret,
      redirect_uris: client.redirectUris,
      grant_types: ["authorization_code"],
      response_types: ["code"],
      token_endpoint_auth_method: "client_secret_basic",
    })),
    findAccount: findAccountFor(accounts, options.everyone),
    claims: CLAIMS,
    // Put the scopes' claims into the ID token even though an access token is issued (Auth.js builds
    // an OIDC profile from ID-token claims only).
    conformIdTokenClaims: false,
    loadExistingGrant: grantEverythingRequested,
    features: { devInteractions: { enabled: false } },
    interactions: { url: (_ctx, interaction) => `${options.mountPath}/interaction/${interaction.uid}` },
    pkce: { required: () => true },
    jwks: { keys: [{ ...privateKey.export({ format: "jwk" }), kid: "test-rs256", alg: "RS256", use: "sig" }] },
    cookies: { keys: [randomBytes(32).toString("base64url")] },
    // Test runs are short; keep node-oidc-provider from warning about defaults it wants changed.
    ttl: { AccessToken: 600, AuthorizationCode: 60, IdToken: 600, Interaction: 600, Session: 3600, Grant: 3600 },
  };
}
