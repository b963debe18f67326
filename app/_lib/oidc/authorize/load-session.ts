import { readSession } from "../session/op-session";
import { guestMaySignIn } from "./check-guest";
import type { AuthorizeContext } from "./context";

/** The browser's live OP session at this tenant, if its guest may still sign in. */
export async function loadSession(ctx: AuthorizeContext): Promise<void> {
  const session = await readSession(ctx.p, ctx.request, ctx.tenant);
  if (!session) return;
  if (await guestMaySignIn(ctx.p, ctx.tenant, session.guestId)) ctx.session = session;
}
