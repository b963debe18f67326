import { OAuthError } from "../errors";
import type { AuthorizeContext, InteractionReason } from "./context";

/**
 * Whether the person must act (OIDC Core §3.1.2.3): no session, prompt=login/consent/select_account,
 * an authentication older than max_age, or a session of someone other than id_token_hint names.
 * With prompt=none any of these is login_required, never a page (OIDC Core §3.1.2.6).
 */
export function decideInteraction(ctx: AuthorizeContext): void {
  const { prompt, maxAge, expectedSubject } = ctx.authorization;
  const session = ctx.session;
  const now = ctx.p.clock.now().getTime();
  let reason: InteractionReason | undefined;
  if (!session) reason = "no_session";
  else if (expectedSubject !== undefined && session.guestId !== expectedSubject) reason = "other_subject";
  else if (maxAge !== undefined && now - session.authTime.getTime() >= maxAge * 1000) reason = "max_age";
  else if (prompt.includes("login")) reason = "login_requested";
  else if (prompt.includes("select_account")) reason = "select_account";
  else if (prompt.includes("consent")) reason = "consent_requested";

  if (prompt.includes("none")) {
    if (reason)
      throw new OAuthError(
        "login_required",
        reason === "no_session" ? "the person is not signed in" : "the person must sign in again",
      );
    return;
  }
  ctx.interaction = reason;
}
