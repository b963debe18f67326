import type { ProviderContext } from "../context";

/**
 * Whether a guest may be signed in to a client now: it exists in this tenant and is active (not
 * blocked, not deleted). Authorize asks it of the session's guest (a session of a guest who may not
 * sign in counts for nothing); resume asks it of the guest the journey signed in, because an
 * administrator may have blocked or deleted them since.
 */
export async function guestMaySignIn(p: ProviderContext, tenant: string, guestId: string): Promise<boolean> {
  return (await p.repositories.guests.state(tenant, guestId)) === "active";
}
