import { OAuthError } from "../../errors";
import { guestMaySignIn } from "../check-guest";
import type { ResumeContext } from "./context";

/**
 * The guest the journey signed in may still sign in: an administrator may have blocked or deleted
 * them between the journey's end and the browser's return. The person did authenticate, so this is
 * not login_required (OIDC Core §3.1.2.6: for when a login page would be needed, e.g. prompt=none);
 * the authorization server refuses: access_denied (RFC 6749 §4.1.2.1). Blocked and deleted answer
 * alike, so the client learns nothing about the account's state.
 */
export async function checkGuest(ctx: ResumeContext): Promise<void> {
  if (!(await guestMaySignIn(ctx.p, ctx.tenant, ctx.login!.guestId))) {
    throw new OAuthError("access_denied", "the guest may not sign in");
  }
}
