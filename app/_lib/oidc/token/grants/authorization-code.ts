import { createHash } from "node:crypto";
import { OAuthError } from "../../errors";
import { sha256 } from "../../crypto";
import type { TokenContext, TokenStep } from "../context";
import { issueUserTokens, newRefreshToken } from "../issue-tokens";

const invalidGrant = (description: string) => new OAuthError("invalid_grant", description);

/** RFC 6749 §4.1.3: code and redirect_uri are required (we always require redirect_uri at authorize). */
export function requireCodeParameters(ctx: TokenContext): void {
  if (ctx.body.get("code") === undefined) throw new OAuthError("invalid_request", "code is missing");
  if (ctx.body.get("redirect_uri") === undefined) throw new OAuthError("invalid_request", "redirect_uri is missing");
}

/**
 * The code must be ours, for this tenant and this client, unexpired and unused. A used code is a
 * replay: what was issued from it is revoked (RFC 6749 §4.1.2, RFC 9700 §4.5) — but only when its
 * own client presents it, so another client holding someone's used code cannot revoke their grant.
 */
export async function findCode(ctx: TokenContext): Promise<void> {
  const found = await ctx.p.repositories.tokens.findCodeWithGuest(sha256(ctx.body.get("code")!));
  if (!found || found.code.tenantId !== ctx.tenant) throw invalidGrant("unknown authorization code");
  const { code } = found;
  // Bound to the client it was issued to (RFC 6749 §4.1.3), checked before anything else happens.
  if (code.clientId !== ctx.client!.clientId) throw invalidGrant("the code was issued to another client");
  if (code.consumedAt) {
    await ctx.p.repositories.tokens.revokeGrantFromCode(code.id, ctx.p.clock.now());
    throw invalidGrant("the authorization code was already used");
  }
  if (code.expiresAt.getTime() <= ctx.p.clock.now().getTime()) throw invalidGrant("the authorization code has expired");
  ctx.code = code;
  ctx.codeGuest = found.guest;
}

/** Bound to the exact redirect_uri of the authorization request (RFC 6749 §4.1.3). */
export function checkCodeRedirectUri(ctx: TokenContext): void {
  if (ctx.code!.redirectUri !== ctx.body.get("redirect_uri"))
    throw invalidGrant("redirect_uri differs from the authorization request");
}

/** RFC 7636 §4.1: 43–128 unreserved characters. */
const VERIFIER = /^[A-Za-z0-9._~-]{43,128}$/;

/**
 * PKCE (RFC 7636 §4.6): the verifier must hash to the challenge. A verifier for a code issued
 * without a challenge is refused, so that an attacker cannot downgrade (RFC 9700 §2.1.1).
 */
export function checkCodeVerifier(ctx: TokenContext): void {
  const verifier = ctx.body.get("code_verifier");
  const challenge = ctx.code!.codeChallenge;
  if (!challenge) {
    if (verifier !== undefined) throw invalidGrant("code_verifier sent for a code issued without code_challenge");
    return;
  }
  if (verifier === undefined) throw invalidGrant("code_verifier is missing");
  if (!VERIFIER.test(verifier)) throw new OAuthError("invalid_request", "code_verifier must be 43–128 unreserved characters");
  const computed = createHash("sha256").update(verifier, "ascii").digest("base64url");
  if (computed !== challenge) throw invalidGrant("code_verifier does not match code_challenge");
}

/** Tokens only for a guest who may still sign in. */
export async function checkGuest(ctx: TokenContext): Promise<void> {
  const guestId = ctx.code?.guestId ?? ctx.grant?.guestId;
  // A code brought its guest along (findCode); a refresh token's grant did not.
  const guest =
    ctx.codeGuest !== undefined ? ctx.codeGuest : guestId ? await ctx.p.repositories.guests.find(ctx.tenant, guestId) : null;
  if (!guest || guest.state !== "active") throw invalidGrant("the guest may not sign in");
  ctx.guest = guest;
}

/** One conditional update decides the one redemption that wins; the losers are replays (see findCode). */
export async function redeemCode(ctx: TokenContext): Promise<void> {
  const code = ctx.code!;
  const now = ctx.p.clock.now();
  const grant = await ctx.p.repositories.tokens.redeemCode(code.id, now, {
    tenantId: ctx.tenant,
    clientId: code.clientId,
    guestId: code.guestId,
    kind: "authorization_code",
    scope: code.scope,
    sid: code.sid,
    authTime: code.authTime,
    amr: code.amr,
    acr: code.acr,
    codeId: code.id,
  });
  if (!grant) {
    await ctx.p.repositories.tokens.revokeGrantFromCode(code.id, now);
    throw invalidGrant("the authorization code was already used");
  }
  ctx.grant = grant;
}

export async function issueCodeTokens(ctx: TokenContext): Promise<void> {
  const scope = ctx.grant!.scope.split(" ").filter(Boolean);
  let refreshToken: string | undefined;
  if (scope.includes("offline_access") && ctx.client!.grantTypes.includes("refresh_token")) {
    const fresh = newRefreshToken(ctx, scope);
    await ctx.p.repositories.tokens.createRefreshToken(fresh.record);
    refreshToken = fresh.token;
  }
  await issueUserTokens(ctx, { nonce: ctx.code!.nonce, refreshToken });
}

/** grant_type=authorization_code (RFC 6749 §4.1.3, OIDC Core §3.1.3.2). */
export const AUTHORIZATION_CODE_STEPS: readonly TokenStep[] = [
  requireCodeParameters,
  findCode,
  checkCodeRedirectUri,
  checkCodeVerifier,
  checkGuest,
  redeemCode,
  issueCodeTokens,
];
