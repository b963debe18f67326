import type { ProvenIdentity } from "../../directory";
import type { JourneyKind } from "../engine/kind";
import type { StepContext, StepResult } from "../engine/step";
import { chooseProvider } from "../signup/steps/choose-provider";
import { checkPasscode } from "../signup/steps/enter-code";
import { enterEmail } from "../signup/steps/enter-email";
import { federating } from "../signup/steps/federating";
import { adminSignInMachine, type AdminSignInState } from "./machine";

export const ADMIN_SIGN_IN_KIND = "adminSignIn";

/**
 * The admin portal's user flow: prove an identity (the e-mail passcode, or a provider the tenant
 * allows for administrators), then sign in as the active Member holding a directory role it
 * belongs to. Sign-in only: nobody is created, a Guest or a Member without a role is refused with
 * a message. Started by /{tenant}/interaction/{id} when the portal's application asks.
 */
export const adminSignInKind: JourneyKind<AdminSignInState> = {
  name: ADMIN_SIGN_IN_KIND,
  machine: adminSignInMachine,
  initial: "chooseProvider",
  steps: { chooseProvider, enterEmail, enterCode: (context) => checkPasscode(context, administratorIdentified), federating },
  completes: "interaction",
  federation: { state: "federating", identified: (context, identity) => administratorIdentified(context, identity, ["fed"]) },
  requiresSignedInGuest: false,
  async begin({ tenant, deps, input }) {
    const flow = input.clientId && deps.administrators ? await deps.flowFor(tenant.slug, input.clientId) : undefined;
    if (!flow || !input.clientId) return { ok: false, reason: "noUserFlow" };
    // With one way in, the choice is made for the person.
    const only =
      flow.identityProviders.length === 1 ? tenant.identityProviders.find((p) => p.id === flow.identityProviders[0]) : undefined;
    if (only?.kind === "email-otp")
      return { ok: true, clientId: input.clientId, flow, event: { type: "emailChosen" }, internal: { federatingWith: only.id } };
    return { ok: true, clientId: input.clientId, flow };
  },
};

async function administratorIdentified(context: StepContext, identity: ProvenIdentity, amr: string[]): Promise<StepResult> {
  const outcome = await context.deps.administrators!.resolve(context.tenant.slug, identity);
  if (!outcome.ok)
    return { event: { type: "refused" }, ui: { messages: [{ id: "admin.signIn.refused" }] }, internal: { identity, amr } };
  return { event: { type: "guestReady" }, internal: { identity, amr, guestId: outcome.memberId } };
}
