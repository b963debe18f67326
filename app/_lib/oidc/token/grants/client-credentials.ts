import { OAuthError } from "../../errors";
import { mintAccessToken, tenantGuidOf } from "../../tokens/mint";
import { splitScope } from "../../tokens/claims";
import { newAppGrantId } from "../../tokens/app-grants";
import type { TokenContext, TokenStep } from "../context";

/** Only a confidential client can prove who it is (RFC 6749 §4.4). */
export function requireConfidentialClient(ctx: TokenContext): void {
  if (ctx.client!.clientType !== "confidential")
    throw new OAuthError("unauthorized_client", "client_credentials needs a confidential client");
}

/** Microsoft Graph's resource names, which MSAL-based daemons hard-code (contract §0.2): they mean ours. */
const GRAPH_ALIASES = ["https://graph.microsoft.com/.default", "00000003-0000-0000-c000-000000000000/.default"];

/**
 * The management API is the only resource: scope is absent or `{resource}/.default` (the Entra
 * convention MSAL uses: all application permissions the client holds), or Graph's own name for it.
 */
export function checkClientCredentialsScope(ctx: TokenContext): void {
  const requested = splitScope(ctx.body.get("scope"));
  const expected = `${ctx.urls.managementResource}/.default`;
  if (requested.some((s) => s !== expected && !GRAPH_ALIASES.includes(s)))
    throw new OAuthError("invalid_scope", `the only scope is ${expected}`);
  ctx.scope = [expected];
}

/** Application permissions appear as roles (as in Entra client-credentials tokens). */
export async function issueClientCredentialsToken(ctx: TokenContext): Promise<void> {
  const { p, tenant, urls } = ctx;
  const client = ctx.client!;
  const now = p.clock.now();
  // No row while the token lives: revocation stores one (tokens/app-grants.ts).
  const access = await mintAccessToken(p.keys, {
    tenant,
    tenantGuid: tenantGuidOf(p.tenants, tenant),
    issuer: urls.issuer,
    audience: urls.managementResource,
    clientId: client.clientId,
    sub: client.clientId,
    now,
    grantId: newAppGrantId(),
    roles: client.permissions,
  });
  ctx.response = { access_token: access.token, token_type: "Bearer", expires_in: access.expiresIn, scope: ctx.scope!.join(" ") };
}

/** grant_type=client_credentials (RFC 6749 §4.4). */
export const CLIENT_CREDENTIALS_STEPS: readonly TokenStep[] = [
  requireConfidentialClient,
  checkClientCredentialsScope,
  issueClientCredentialsToken,
];
