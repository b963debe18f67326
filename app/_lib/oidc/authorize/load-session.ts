import { readSessionAndGuest } from "../session/op-session";
import type { AuthorizeContext } from "./context";

/**
 * The browser's live OP session at this tenant, if its guest may still sign in (the guest's state
 * is read with the session, one statement; guestMaySignIn asks the same of a journey's guest).
 */
export async function loadSession(ctx: AuthorizeContext): Promise<void> {
  const found = await readSessionAndGuest(ctx.p, ctx.request, ctx.tenant);
  if (found?.guestActive) ctx.session = found.session;
}
