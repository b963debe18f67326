import { OAuthError } from "../../errors";
import { sha256 } from "../../crypto";
import { splitScope } from "../../tokens/claims";
import type { TokenContext, TokenStep } from "../context";
import { issueUserTokens, newRefreshToken } from "../issue-tokens";
import { checkGuest } from "./authorization-code";

const invalidGrant = (description: string) => new OAuthError("invalid_grant", description);

export function requireRefreshToken(ctx: TokenContext): void {
  if (ctx.body.get("refresh_token") === undefined) throw new OAuthError("invalid_request", "refresh_token is missing");
}

/**
 * The refresh token must be ours, this client's, unexpired and not revoked. An already rotated one
 * is a reuse: the whole family (the grant) is revoked (RFC 9700 §4.14.2).
 */
export async function findRefreshToken(ctx: TokenContext): Promise<void> {
  const { tokens } = ctx.p.repositories;
  const now = ctx.p.clock.now();
  const token = await tokens.findRefreshToken(sha256(ctx.body.get("refresh_token")!));
  if (!token || token.tenantId !== ctx.tenant || token.clientId !== ctx.client!.clientId)
    throw invalidGrant("unknown refresh token");
  if (token.revokedAt) throw invalidGrant("the refresh token was revoked");
  if (token.consumedAt) {
    await tokens.revokeGrant(token.grantId, now);
    throw invalidGrant("the refresh token was already used");
  }
  if (token.expiresAt.getTime() <= now.getTime()) throw invalidGrant("the refresh token has expired");
  const grant = await tokens.findGrant(token.grantId);
  if (!grant || grant.revokedAt) throw invalidGrant("the grant was revoked");
  ctx.refreshToken = token;
  ctx.grant = grant;
}

/** A narrower scope may be asked for; never a wider one (RFC 6749 §6). */
export function checkRefreshScope(ctx: TokenContext): void {
  const original = splitScope(ctx.refreshToken!.scope);
  const requested = ctx.body.get("scope");
  if (requested === undefined) {
    ctx.scope = original;
    return;
  }
  const asked = [...new Set(splitScope(requested))];
  if (asked.some((s) => !original.includes(s))) throw new OAuthError("invalid_scope", "the scope exceeds what was granted");
  ctx.scope = asked;
}

/** Rotation: the old token is consumed by one conditional update; losing that race is a reuse. */
export async function rotateRefreshToken(ctx: TokenContext): Promise<void> {
  const { tokens } = ctx.p.repositories;
  const now = ctx.p.clock.now();
  const fresh = newRefreshToken(ctx, splitScope(ctx.refreshToken!.scope));
  if (!(await tokens.rotateRefreshToken(ctx.refreshToken!.id, now, fresh.record))) {
    await tokens.revokeGrant(ctx.grant!.id, now);
    throw invalidGrant("the refresh token was already used");
  }
  await issueUserTokens(ctx, { refreshToken: fresh.token });
}

/** grant_type=refresh_token (RFC 6749 §6, OIDC Core §12). */
export const REFRESH_TOKEN_STEPS: readonly TokenStep[] = [
  requireRefreshToken,
  findRefreshToken,
  checkRefreshScope,
  checkGuest,
  rotateRefreshToken,
];
