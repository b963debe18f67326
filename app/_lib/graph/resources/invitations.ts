import { z } from "zod";
import { isInvitationError, type InvitationOutcome } from "../../invitations";
import type { GraphRoute } from "../context";
import { graphErrors } from "../errors";
import { ACCESS } from "../permissions";
import { entity } from "../results";

const recipient = z.strictObject({
  emailAddress: z.strictObject({ address: z.string().max(254), name: z.string().max(256).nullable().optional() }),
});

/** Graph's invitation (contract §"invitations"): the create body, strictly. */
const createBody = z.strictObject({
  invitedUserEmailAddress: z.string().max(254),
  inviteRedirectUrl: z.string().max(2048),
  invitedUserDisplayName: z.string().max(256).nullable().optional(),
  invitedUserType: z.enum(["Guest", "Member"]).nullable().optional(),
  sendInvitationMessage: z.boolean().nullable().optional(),
  invitedUserMessageInfo: z
    .strictObject({
      customizedMessageBody: z.string().max(10_000).nullable().optional(),
      messageLanguage: z.string().max(35).nullable().optional(),
      ccRecipients: z.array(recipient).max(10).nullable().optional(),
    })
    .nullable()
    .optional(),
  resetRedemption: z.boolean().nullable().optional(),
  invitedUser: z
    .strictObject({ id: z.string().max(64) })
    .nullable()
    .optional(),
});

const invitationResponse = z.object({
  id: z.string(),
  inviteRedeemUrl: z.string(),
  inviteRedirectUrl: z.string(),
  invitedUserDisplayName: z.string().nullable(),
  invitedUserEmailAddress: z.string(),
  invitedUserType: z.string(),
  sendInvitationMessage: z.boolean(),
  resetRedemption: z.boolean(),
  status: z.string(),
  invitedUserMessageInfo: z.object({
    messageLanguage: z.string().nullable(),
    customizedMessageBody: z.string().nullable(),
    ccRecipients: z.array(recipient),
  }),
  invitedUser: z.object({ id: z.string() }),
});

type CreateBody = z.infer<typeof createBody>;

/**
 * `POST /invitations` (User.Invite.All; delegated: Guest Inviter or higher): the invitation
 * service creates (or finds) the pending guest and a ticket; the answer is Graph's invitation with
 * the redeem URL, which an application may put in its own e-mail. Not stored as a Graph entity to
 * read back (Graph has no GET /invitations either).
 */
export const INVITATION_ROUTES: readonly GraphRoute[] = [
  {
    method: "POST",
    path: "invitations",
    access: ACCESS.invite,
    summary: "Invite a guest by e-mail address",
    body: createBody,
    response: invitationResponse,
    async handle(request) {
      const body = request.body as CreateBody;
      if (body.resetRedemption && !body.invitedUser?.id)
        throw graphErrors.badRequest("invitedUser.id is required when resetRedemption is true.");
      const messageInfo = body.invitedUserMessageInfo ?? {};
      const outcome = await asGraph(body.invitedUser?.id ?? "invitation", () =>
        request.services.invitations.create(request.actor, request.tenant.slug, {
          email: body.invitedUserEmailAddress,
          redirectUrl: body.inviteRedirectUrl,
          displayName: body.invitedUserDisplayName ?? null,
          userType: body.invitedUserType ?? "Guest",
          sendInvitationMessage: body.sendInvitationMessage ?? false,
          customMessage: messageInfo.customizedMessageBody ?? null,
          messageLanguage: messageInfo.messageLanguage ?? null,
          ccRecipients: (messageInfo.ccRecipients ?? []).map((cc) => cc.emailAddress.address),
          ...(body.resetRedemption && body.invitedUser ? { resetRedemptionOf: body.invitedUser.id } : {}),
          correlationId: request.requestId,
        }),
      );
      return entity(request, "invitations", invitationJson(outcome, body), { status: 201 });
    },
  },
];

function invitationJson(outcome: InvitationOutcome, body: CreateBody): Record<string, unknown> {
  const { invitation, guest } = outcome;
  return {
    id: invitation.id,
    inviteRedeemUrl: outcome.redeemUrl,
    inviteRedirectUrl: invitation.redirectUrl,
    invitedUserDisplayName: guest.displayName ?? invitation.displayName,
    invitedUserEmailAddress: invitation.email,
    invitedUserType: guest.userType,
    sendInvitationMessage: body.sendInvitationMessage ?? false,
    resetRedemption: body.resetRedemption ?? false,
    status: outcome.status,
    invitedUserMessageInfo: {
      messageLanguage: body.invitedUserMessageInfo?.messageLanguage ?? null,
      customizedMessageBody: invitation.customMessage,
      ccRecipients: invitation.ccRecipient ? [{ emailAddress: { name: null, address: invitation.ccRecipient } }] : [],
    },
    invitedUser: { id: guest.id },
  };
}

/**
 * An invitation refusal as Graph says it (contract §0.4): forbidden → 403, an unknown invitedUser
 * (resetRedemption) → 404 naming its id, anything the input got wrong → 400 with the message naming the property.
 */
async function asGraph<T>(id: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (!isInvitationError(error)) throw error;
    switch (error.code) {
      case "forbidden":
        throw graphErrors.denied();
      case "notFound":
        throw graphErrors.notFound(id);
      case "invalid":
      case "conflict":
        throw graphErrors.badRequest(
          error.message,
          error.field ? [{ code: error.reason, target: error.field, message: error.message }] : undefined,
        );
    }
  }
}
