import { normaliseAddress } from "./address";
import type { AddressProof } from "./contract";

/**
 * Whether the invitee proved they hold the invited address: a passcode the journey sent to that
 * very address, or an upstream identity whose e-mail the provider *verified* and which equals it
 * (federation/normalise.ts decides per provider what counts as verified: Microsoft's `email` claim
 * does not). A forwarded link opened by someone else therefore needs the invited address's passcode.
 */
export function provesInvitedAddress(invitedAddress: string, proof: AddressProof): boolean {
  const invited = normaliseAddress(invitedAddress);
  if (proof.kind === "passcode") return normaliseAddress(proof.address) === invited;
  const { email, emailVerified } = proof.identity;
  return emailVerified === true && typeof email === "string" && normaliseAddress(email) === invited;
}
