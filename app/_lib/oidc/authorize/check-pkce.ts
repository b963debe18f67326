import { OAuthError } from "../errors";
import type { AuthorizeContext } from "./context";

/** RFC 7636 §4.2: S256 of a 43–128 character verifier is 43 base64url characters. */
const S256_CHALLENGE = /^[A-Za-z0-9_-]{43}$/;

/**
 * PKCE (RFC 7636; RFC 9700 §2.1.1): S256 only — `plain` offers nothing against a leaked request —,
 * required for public clients, accepted for confidential ones. A challenge without a method means
 * `plain` (RFC 7636 §4.3), so it is refused too.
 */
export function checkPkce(ctx: AuthorizeContext): void {
  const challenge = ctx.params.get("code_challenge");
  const method = ctx.params.get("code_challenge_method");
  if (challenge === undefined) {
    if (method !== undefined) throw new OAuthError("invalid_request", "code_challenge_method without code_challenge");
    if (ctx.client!.clientType === "public")
      throw new OAuthError("invalid_request", "PKCE is required: send code_challenge with S256");
    return;
  }
  if (method !== "S256") throw new OAuthError("invalid_request", "code_challenge_method must be S256");
  if (!S256_CHALLENGE.test(challenge)) throw new OAuthError("invalid_request", "code_challenge is not a base64url SHA-256 value");
  ctx.authorization.codeChallenge = challenge;
  ctx.authorization.codeChallengeMethod = "S256";
}
