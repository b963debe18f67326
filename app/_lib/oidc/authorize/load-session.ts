import { readSession } from "../session/op-session";
import type { AuthorizeContext } from "./context";

/** The browser's live OP session at this tenant, if its guest may still sign in. */
export async function loadSession(ctx: AuthorizeContext): Promise<void> {
  const session = await readSession(ctx.p, ctx.request, ctx.tenant);
  if (!session) return;
  const guest = await ctx.p.repositories.guests.find(ctx.tenant, session.guestId);
  if (guest?.state === "active") ctx.session = session;
}
