import type { ProvenIdentity } from "../../directory";
import { provesInvitedAddress, type AddressProof } from "../../invitations";
import { startAttributeCollection } from "../engine/attributes";
import { runHooks } from "../engine/hooks";
import type { StepContext, StepResult } from "../engine/step";
import type { JourneyInvitations } from "../engine/types";
import { flowAttributeNames, hookContextOf } from "../engine/write-guest";
import { sendPasscode } from "../signup/steps/enter-email";
import { editableAttributesFor } from "../user-flows/visible-attributes";

/** The invitation this journey redeems (set when it began). */
export function invitationOf(context: StepContext) {
  const invitation = context.journey.internal.invitation;
  if (!invitation || !context.deps.invitations) throw new Error(`journey ${context.journey.id} redeems no invitation`);
  return { invitation, invitations: context.deps.invitations };
}

/** The passcode always goes to the invited address, never to one the person types. */
export function sendToInvitedAddress(context: StepContext): Promise<StepResult> {
  return sendPasscode(context, invitationOf(context).invitation.email);
}

/**
 * Back from the upstream provider: a verified e-mail equal to the invited address is proof
 * enough; anything else (no e-mail, unverified, another address: a forwarded link) keeps the
 * identity aside and sends a passcode to the invited address first. Nothing is linked before.
 */
export async function identifiedUpstream(context: StepContext, identity: ProvenIdentity): Promise<StepResult> {
  const { invitation } = invitationOf(context);
  if (provesInvitedAddress(invitation.email, { kind: "upstream", identity }))
    return redeemWith(context, identity, { kind: "upstream", identity }, ["fed"]);
  const sent = await sendToInvitedAddress(context);
  if (!("event" in sent)) return sent;
  return {
    event: { type: "proofRequired" },
    ui: { ...sent.ui, messages: [{ id: "invitation.proof.required" }, ...(sent.ui?.messages ?? [])] },
    internal: { identity, amr: ["fed"] },
  };
}

/**
 * The invited address is proven. Nothing is spent or linked yet: the ticket stays good while the
 * person fills in the attributes the invitation's flow collects, so a form abandoned halfway leaves
 * the invitation redeemable. {@link spendTicket} links and spends together when the journey completes.
 * Checked now all the same (a dead ticket, an identity that belongs to someone else) so that
 * nobody fills in a form that cannot succeed.
 */
export async function redeemWith(
  context: StepContext,
  identity: ProvenIdentity,
  proof: AddressProof,
  amr: string[],
): Promise<StepResult> {
  const { journey, flow, deps } = context;
  const { invitation, invitations } = invitationOf(context);
  const proven = await runHooks(deps.hooks, "afterIdentityProof", hookContextOf(context), { identity, guest: null });
  if (proven.blocked) return { event: { type: "refused" }, ui: { messages: [proven.blocked] } };

  if (!provesInvitedAddress(invitation.email, proof)) return refusal("proofRequired");
  const opened = await invitations.open(journey.tenantId, { hash: invitation.ticketHash });
  if (opened.status !== "valid") return refusal(opened.status);
  if (await deps.directory.findByIdentity(journey.tenantId, identity)) return refusal("identityTaken");

  const guestId = opened.invitation.guestId;
  const internal = {
    identity,
    amr: [...new Set(amr)],
    guestId,
    addressProof: proof.kind === "passcode" ? proof : { kind: "upstream" as const },
  };
  if (editableAttributesFor(flow, { appId: journey.clientId }).length === 0) {
    const spent = await spendTicket({ ...context, journey: { ...journey, internal: { ...journey.internal, ...internal } } });
    return spent ?? { event: { type: "guestReady" }, internal };
  }
  const guest = await deps.directory.get({ type: "guest", guestId }, journey.tenantId, guestId);
  const started = await startAttributeCollection(deps.hooks, hookContextOf(context), flowAttributeNames(flow, journey.clientId), {
    identity,
    guest,
    attributes: [],
    prefill: prefillOf(identity, guest.displayName),
  });
  if (started.blocked) return { event: { type: "refused" }, ui: { messages: [started.blocked] }, internal };
  return { event: { type: "attributesNeeded", attributes: [] }, ui: { attributes: [], values: started.prefill }, internal };
}

/**
 * The redemption completes: the ticket is spent and the identity linked to the invited guest in
 * one winner-takes-it redemption (of two at once, one links; the other is told the invitation was
 * accepted). Undefined when it went through, else the step result that says why not.
 */
export async function spendTicket(context: StepContext): Promise<StepResult | undefined> {
  const { journey } = context;
  const { invitation, invitations } = invitationOf(context);
  const { identity, addressProof } = journey.internal;
  if (!identity || !addressProof) throw new Error(`journey ${journey.id} completes a redemption without a proven identity`);
  const proof: AddressProof = addressProof.kind === "passcode" ? addressProof : { kind: "upstream", identity };
  const redeemed = await invitations.redeem(journey.tenantId, { hash: invitation.ticketHash }, identity, proof, journey.id);
  return redeemed.ok ? undefined : refusal(redeemed.reason);
}

type RedemptionRefusal = Exclude<Awaited<ReturnType<JourneyInvitations["redeem"]>>, { ok: true }>["reason"];

function refusal(reason: RedemptionRefusal): StepResult {
  switch (reason) {
    case "expired":
    case "revoked":
    case "redeemed":
    case "unknown":
      return {
        event: { type: "ticketClosed", reason },
        ui: { messages: [{ id: `invitation.closed.${reason}.body` }] },
      };
    case "identityTaken":
      return { event: { type: "refused" }, ui: { messages: [{ id: "invitation.errors.identityTaken" }] } };
    case "blocked":
    case "proofRequired":
      return { event: { type: "refused" }, ui: { messages: [{ id: "invitation.errors.notRedeemable" }] } };
  }
}

function prefillOf(identity: ProvenIdentity, invitedName: string | null): Record<string, string> {
  const values: Record<string, string> = {};
  const name = invitedName ?? identity.name;
  if (name) values.displayName = name;
  if (identity.givenName) values.givenName = identity.givenName;
  if (identity.familyName) values.surname = identity.familyName;
  return values;
}
