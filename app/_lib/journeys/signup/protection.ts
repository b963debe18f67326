import type { ProvenIdentity } from "../../directory";
import type { StepContext } from "../engine/step";
import type { JourneyInternal, UiMessage } from "../engine/types";
import { normaliseEmailAddress } from "../otp";
import { reachedProofOfWorkThreshold, signUpAddressRefusal } from "../sign-up-protection";

/**
 * Why a new identity may not sign up now: a refused address (a message), or a limit (come back
 * later); or that it may, and its count reached the proof-of-work threshold (`aboveRate`).
 */
export type SignUpGate = { refused: UiMessage } | { retryAfterSeconds: number } | { proofOfWorkRaised: true } | undefined;

/**
 * Sign-up only (the callers ask for identities no guest has): the tenant's and the flow's domain
 * rules and disposable list, then whether the journey started over the journeys-started limit,
 * then one count of `limit` for this client and tenant (whose passcodes-sent count may raise the
 * journey's proof of work). An upstream identity without an e-mail
 * cannot pass an allow-list; one whose e-mail is unverified is still held to the deny-lists.
 */
export async function signUpGate(
  context: StepContext,
  email: string | undefined,
  limit: "passcodesSent" | "signUps",
  options: { verified: boolean } = { verified: true },
): Promise<SignUpGate> {
  const { tenant, flow, deps, client, journey } = context;
  const address = normaliseEmailAddress(email);
  const rules = tenant.signUpProtection;
  const hasAllowList = rules.allowedDomains !== undefined || flow.signUpDomains?.allowed !== undefined;
  if (!address || (!options.verified && hasAllowList)) {
    if (hasAllowList) return { refused: { id: "signUpProtection.refused.domainNotAllowed" } };
  } else {
    const refusal = signUpAddressRefusal(rules, flow, address);
    if (refusal) return { refused: { id: `signUpProtection.refused.${refusal}`, context: { domain: domainOf(address) } } };
  }
  const held = heldFor(journey.internal, deps.now());
  if (held) return { retryAfterSeconds: held };
  if (!deps.signUpLimits) return undefined;
  const { decision, counts } = await deps.signUpLimits.count(limit, tenant, client);
  if (!decision.allowed) return { retryAfterSeconds: decision.retryAfterSeconds };
  if (limit === "passcodesSent" && reachedProofOfWorkThreshold(rules.proofOfWork, limit, counts))
    return { proofOfWorkRaised: true };
  return undefined;
}

/** Whether an address proven by a passcode would be a new guest: only then do the sign-up rules apply. */
export async function isNewPasscodeIdentity(context: StepContext, address: string, issuer: string): Promise<boolean> {
  const identity: ProvenIdentity = { providerId: "email", issuer, subject: address, email: address, emailVerified: true };
  return !(await context.deps.directory.findByIdentity(context.tenant.slug, identity));
}

function heldFor(internal: JourneyInternal, now: Date): number | undefined {
  if (!internal.signUpHeldUntil) return undefined;
  const seconds = Math.ceil((Date.parse(internal.signUpHeldUntil) - now.getTime()) / 1000);
  return seconds > 0 ? seconds : undefined;
}

const domainOf = (address: string) => address.slice(address.lastIndexOf("@") + 1);
