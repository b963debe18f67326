import { randomUUID } from "node:crypto";
import type { GrantRecord, TokenRepository } from "../ports";
import type { AccessTokenClaims } from "./verify";

/**
 * Client-credentials grants are not stored while they live. Such a grant holds one access token
 * and nothing else (no refresh token, no guest, no session), so a row per token only ever served
 * to say "not revoked" — at the price of an insert and a commit per token. Its id carries this
 * prefix instead, inside the signed token; revocation (RFC 7009) stores the grant as revoked, and
 * every check of an access token asks `accessTokenGrant`, where a missing row means alive for
 * these ids and revoked for every other (a user grant is always stored before its tokens exist).
 */
const APP_GRANT_PREFIX = "app.";

export const newAppGrantId = (): string => `${APP_GRANT_PREFIX}${randomUUID()}`;

export const isAppGrantId = (id: string): boolean => id.startsWith(APP_GRANT_PREFIX);

/** The grant behind a verified access token of this tenant; undefined when it is revoked or gone. */
export async function accessTokenGrant(
  tokens: Pick<TokenRepository, "findGrant">,
  tenant: string,
  claims: AccessTokenClaims,
): Promise<GrantRecord | undefined> {
  const stored = await tokens.findGrant(claims.grant_id);
  if (stored) return stored.revokedAt || stored.tenantId !== tenant ? undefined : stored;
  if (!isAppGrantId(claims.grant_id)) return undefined;
  return {
    id: claims.grant_id,
    tenantId: tenant,
    clientId: claims.client_id,
    guestId: null,
    kind: "client_credentials",
    // What the token endpoint grants these tokens: the management API's `.default` (its audience).
    scope: typeof claims.aud === "string" ? `${claims.aud}/.default` : "",
    sid: null,
    authTime: null,
    amr: [],
    acr: null,
    codeId: null,
    createdAt: new Date((claims.iat ?? 0) * 1000),
    revokedAt: null,
  };
}
