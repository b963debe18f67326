import type { Tenant } from "../../tenant";
import type { BeginResult, JourneyKind } from "../engine/kind";
import type { JourneyDeps } from "../engine/types";
import { reachedProofOfWorkThreshold } from "../sign-up-protection/proof-of-work-policy";
import type { UserFlow } from "../user-flows/types";
import { signUpFunnel } from "./funnel";
import { identified } from "./identify";
import { signUpMachine, type SignUpState } from "./machine";
import { chooseProvider, offeredProviders } from "./steps/choose-provider";
import { collectAttributes } from "./steps/collect-attributes";
import { enterCode } from "./steps/enter-code";
import { enterEmail } from "./steps/enter-email";
import { federating } from "./steps/federating";

export const SIGN_UP_KIND = "signup";

/**
 * Sign up or sign in, for an application's authorization request: prove an identity (passcode or
 * upstream provider), give the flow's attributes if new (or the ones it gained), and the OpenID
 * provider's interaction is completed. Started by /{tenant}/interaction/{id}.
 */
export const signUpKind: JourneyKind<SignUpState> = {
  name: SIGN_UP_KIND,
  machine: signUpMachine,
  initial: "chooseProvider",
  steps: { chooseProvider, enterEmail, enterCode, federating, collectAttributes },
  completes: "interaction",
  federation: { state: "federating", identified: (context, identity) => identified(context, identity, ["fed"]) },
  requiresSignedInGuest: false,
  funnel: signUpFunnel,
  async begin({ tenant, deps, input }) {
    const flow = input.clientId ? await deps.flowFor(tenant.slug, input.clientId) : undefined;
    if (!flow || !input.clientId) return { ok: false, reason: "noUserFlow" };
    if (!flow.enabled) return { ok: false, reason: "flowDisabled" };
    const begun = firstStep(
      tenant,
      flow,
      input.clientId,
      offeredProviders(flow.identityProviders, deps.availableProviders(tenant)),
    );
    const { held, raised } = await countStart(deps, tenant, input.client);
    if (!held && !raised) return begun;
    return {
      ...begun,
      internal: { ...begun.internal, ...(held ? { signUpHeldUntil: held } : {}), ...(raised ? { proofOfWorkRaised: true } : {}) },
    };
  },
};

/**
 * A single way in needs no choice: the journey opens on it (as Entra's sign-in does), the
 * passcode's address page or the upstream provider (the endpoint sends the browser there).
 */
function firstStep(tenant: Tenant, flow: UserFlow, clientId: string, offered: readonly string[]): BeginResult & { ok: true } {
  const only = offered.length === 1 ? tenant.identityProviders.find((p) => p.id === offered[0]) : undefined;
  if (only?.kind === "email-otp")
    return { ok: true, clientId, flow, event: { type: "emailChosen" }, internal: { federatingWith: only.id } };
  if (only)
    return {
      ok: true,
      clientId,
      flow,
      event: { type: "upstreamChosen", providerId: only.id },
      internal: { federatingWith: only.id },
    };
  return { ok: true, clientId, flow };
}

/**
 * Counts the journey against the journeys-started limit. Over it the journey still starts, since
 * it may be an existing guest signing in (never blocked); it only holds a new identity back until
 * the window ends (`internal.signUpHeldUntil`, checked by signUpGate). A count at the proof-of-work
 * threshold (`aboveRate`) makes this journey ask for a solved challenge.
 */
async function countStart(
  deps: JourneyDeps,
  tenant: Tenant,
  client: string | undefined,
): Promise<{ held?: string; raised: boolean }> {
  if (!deps.signUpLimits || client === undefined) return { raised: false };
  const { decision, counts } = await deps.signUpLimits.count("journeysStarted", tenant, client);
  const raised = reachedProofOfWorkThreshold(tenant.signUpProtection.proofOfWork, "journeysStarted", counts);
  if (decision.allowed) return { raised };
  return { held: new Date(deps.now().getTime() + decision.retryAfterSeconds * 1000).toISOString(), raised };
}
