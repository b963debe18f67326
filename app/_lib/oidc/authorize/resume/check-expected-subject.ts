import { OAuthError } from "../../errors";
import type { ResumeContext } from "./context";

/** With id_token_hint, only the person it names may come back signed in (OIDC Core §3.1.2.1: login_required). */
export function checkExpectedSubject(ctx: ResumeContext): void {
  const expected = ctx.authorization.expectedSubject;
  if (expected !== undefined && expected !== ctx.login!.guestId) {
    throw new OAuthError("login_required", "the person who signed in is not the one id_token_hint names");
  }
}
