import { services } from "../../../../_lib/server";
import { adminAction } from "../../_lib/action";
import { isRefusal } from "./problems";

export type InvitationAction = "resend" | "revoke" | "reset";
const INVITATION_ID = /^[A-Za-z0-9-]{1,64}$/;

/**
 * A row button of the invitation list: one service verb with the administrator as actor (the
 * service audits it), then 303 back to the list with what happened. Another tenant's invitation
 * is not found (404). Resetting a redemption (Entra: Guest Inviter or higher) unlinks the guest's
 * sign-ins, so it comes from its confirmation page, asks for a fresh proof of who the
 * administrator is, and sends the new invitation only when the page's box was left ticked.
 */
export function invitationActionRoute(action: InvitationAction) {
  return adminAction<{ id: string }>(
    "guests.invite",
    async ({ tenant, actor, params, form }) => {
      if (!INVITATION_ID.test(params.id)) return new Response(null, { status: 404 });
      const { invitations } = services();
      const back = listPath(tenant.slug, form.get("state"));
      let sent = true;
      try {
        if (action === "revoke") await invitations.revoke(actor, tenant.slug, params.id);
        else if (action === "resend") await invitations.resend(actor, tenant.slug, params.id);
        else {
          sent = form.get("send") === "yes";
          await invitations.resetRedemption(actor, tenant.slug, params.id, { send: sent });
        }
      } catch (error) {
        if (isRefusal(error) && error.code === "notFound") return new Response(null, { status: 404 });
        if (isRefusal(error) && (error.code === "conflict" || error.code === "forbidden"))
          return { redirect: `${back}${back.includes("?") ? "&" : "?"}refused=${encodeURIComponent(error.reason)}` };
        throw error;
      }
      return {
        redirect: `${back}${back.includes("?") ? "&" : "?"}done=${action === "reset" ? (sent ? "resetDone" : "resetDoneQuiet") : `${action}Done`}`,
      };
    },
    { recent: action === "reset" },
  );
}

const STATES = ["pending", "accepted", "expired", "revoked"];

function listPath(tenantSlug: string, state: string | null): string {
  const base = `/${tenantSlug}/admin/invitations`;
  return state && STATES.includes(state) ? `${base}?state=${state}` : base;
}
