import { submitAttributes } from "../engine/attributes";
import type { Step } from "../engine/step";
import { field } from "../engine/step";
import { passcodeProblem } from "../otp";
import { EMAIL_OTP_ISSUER } from "../signup/identify";
import { offeredProviders } from "../signup/steps/choose-provider";
import { invitationOf, redeemWith, sendToInvitedAddress, spendTicket } from "./redeem";

/** How to sign in: the passcode to the invited address, or one of the flow's upstream providers. */
export const chooseProvider: Step = async (context) => {
  const { tenant, flow, input, deps } = context;
  const providerId = field(input, "provider");
  const provider = tenant.identityProviders.find((p) => p.id === providerId);
  if (!provider || !offeredProviders(flow.identityProviders, deps.availableProviders(tenant)).includes(provider.id))
    return { stay: true, ui: { messages: [{ id: "journey.errors.chooseProvider" }] } };
  if (provider.kind !== "email-otp")
    return { event: { type: "upstreamChosen", providerId: provider.id }, internal: { federatingWith: provider.id } };
  const sent = await sendToInvitedAddress({
    ...context,
    journey: { ...context.journey, internal: { ...context.journey.internal, federatingWith: provider.id } },
  });
  return "event" in sent ? { ...sent, internal: { federatingWith: provider.id, identity: undefined } } : sent;
};

/**
 * The passcode sent to the invited address. A correct one proves that address: the identity linked
 * is the upstream one kept aside (a forwarded link opened with another account), else the passcode's.
 */
export const enterCode: Step = async (context) => {
  const { journey, input, deps } = context;
  const { invitation } = invitationOf(context);
  const action = field(input, "action");
  if (action === "restart")
    return {
      event: { type: "restart" },
      ui: { messages: [], fieldErrors: {}, values: {}, email: invitation.email },
      internal: { identity: undefined },
    };
  if (action === "resend") return sendToInvitedAddress(context);
  const result = await deps.passcodes.verify({
    journeyId: journey.id,
    email: invitation.email,
    code: (field(input, "code") ?? "").trim().slice(0, 32),
  });
  if (result.status !== "verified") {
    const problem = passcodeProblem(result) ?? { id: "otp.errors.expired" };
    return { stay: true, ui: { messages: [], fieldErrors: { code: problem } } };
  }
  const upstream = journey.internal.identity;
  const identity = upstream ?? {
    providerId: journey.internal.federatingWith ?? "email",
    issuer: EMAIL_OTP_ISSUER,
    subject: result.address,
    email: result.address,
    emailVerified: true,
  };
  return redeemWith(context, identity, { kind: "passcode", address: result.address }, upstream ? ["fed", "otp"] : ["otp"]);
};

/** While the person is at the upstream provider, the only thing our page offers is to choose again. */
export const federating: Step = async ({ input }) => {
  if (field(input, "action") === "restart") return { event: { type: "restart" }, internal: { identity: undefined } };
  return { stay: true, ui: {} };
};

/**
 * The attributes the invitation's flow collects, with the same page and validators as sign-up.
 * Once they pass, the redemption completes: the ticket is spent and the identity linked first, and
 * only then are the attributes written to the (now redeemed) guest.
 */
export const collectAttributes: Step = async (context) => {
  const submitted = await submitAttributes(context);
  if (!("event" in submitted) || submitted.event.type !== "guestReady") return submitted;
  return (await spendTicket(context)) ?? submitted;
};
