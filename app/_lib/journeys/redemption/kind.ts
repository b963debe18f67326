import type { JourneyKind, StartFailure } from "../engine/kind";
import { redemptionMachine, type RedemptionState } from "./machine";
import { identifiedUpstream } from "./redeem";
import { chooseProvider, collectAttributes, enterCode, federating } from "./steps";

export const REDEMPTION_KIND = "redemption";

const CLOSED: Record<"expired" | "revoked" | "redeemed" | "unknown", StartFailure> = {
  expired: "invitationExpired",
  revoked: "invitationRevoked",
  redeemed: "invitationRedeemed",
  unknown: "invitationUnknown",
};

/** The path a redemption finishes at: it sends the browser on to the invitation's (re-checked) redirect URL. */
export const invitationContinuePath = (tenantId: string, invitationId: string) =>
  `/${tenantId}/invite/continue/${encodeURIComponent(invitationId)}`;

/**
 * Redeeming an invitation (the redeem URL's ticket): prove the invited address — a passcode sent to
 * it, or an upstream identity whose verified e-mail is it, else that passcode too — then the
 * identity is linked to the pending guest once (the ticket is single use), the invitation's flow
 * collects its attributes, and the browser goes on to the invitation's redirect URL.
 */
export const redemptionKind: JourneyKind<RedemptionState> = {
  name: REDEMPTION_KIND,
  machine: redemptionMachine,
  initial: "chooseProvider",
  steps: { chooseProvider, enterCode, federating, collectAttributes },
  completes: "redirect",
  federation: { state: "federating", identified: identifiedUpstream },
  // The redirect URL is usually an application of the tenant: its next authorization is silent.
  startsSession: true,
  requiresSignedInGuest: false,
  async begin({ tenant, deps, input }) {
    if (!deps.invitations || !input.ticket) return { ok: false, reason: "invitationUnknown" };
    const opened = await deps.invitations.open(tenant.slug, input.ticket);
    if (opened.status !== "valid") return { ok: false, reason: CLOSED[opened.status] };
    const { invitation, ticketHash } = opened;
    // The completion is this invitation's own continue path, nothing a request chose.
    if (input.completion.type !== "redirect" || input.completion.url !== invitationContinuePath(tenant.slug, invitation.id))
      return { ok: false, reason: "badCompletion" };
    const clientId = await deps.invitations.clientFor(tenant.slug, invitation.redirectUrl);
    const flow = clientId ? await deps.flowFor(tenant.slug, clientId) : undefined;
    if (!clientId || !flow) return { ok: false, reason: "noUserFlow" };
    if (!flow.enabled) return { ok: false, reason: "flowDisabled" };
    return {
      ok: true,
      clientId,
      flow,
      ui: { email: invitation.email, invitedBy: invitation.inviterName },
      internal: { invitation: { id: invitation.id, ticketHash, email: invitation.email } },
    };
  },
};
