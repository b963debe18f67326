import { OAuthError } from "../errors";
import { verifyIdTokenHint } from "../tokens/verify";
import type { AuthorizeContext } from "./context";

/**
 * id_token_hint must be an ID token we issued to this client (OIDC Core §3.1.2.1); its subject is
 * the person the client expects, so a session of someone else needs a new sign-in.
 */
export async function checkIdTokenHint(ctx: AuthorizeContext): Promise<void> {
  const hint = ctx.params.get("id_token_hint");
  if (hint === undefined) return;
  const verified = await verifyIdTokenHint(ctx.p.keys, ctx.tenant, hint, ctx.urls.issuer);
  if (!verified || !verified.aud.includes(ctx.client!.clientId))
    throw new OAuthError("invalid_request", "id_token_hint is not valid");
  ctx.authorization.expectedSubject = verified.sub;
}
