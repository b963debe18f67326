/**
 * The error_description an application gets with access_denied (RFC 6749 §4.1.2.1) when
 * self-service sign-up is off — for the tenant or for the application's flow — and the person has
 * no guest account: only an invitation admits them. Documented in docs/INTEGRATION.md
 * ("Invite-only"), so an application can tell it from a person who merely cancelled.
 */
export const INVITATION_ONLY_DESCRIPTION = "sign-up is by invitation only and this person has no guest account";

/**
 * The error_description with access_denied (RFC 6749 §4.1.2.1) when the person signed up through
 * a flow with an approval queue and no approver decided yet (or they came back before one did).
 * Documented in docs/INTEGRATION.md ("Sign-up approval"): the application can say "we will let
 * you know" instead of "sign-in failed".
 */
export const APPROVAL_PENDING_DESCRIPTION = "the sign-up is waiting for approval by the organisation";

/** What the application reads in error_description when a sign-up journey ends without a sign-in. */
export function accessDeniedDescription(state: string): string {
  if (state === "signUpClosed") return INVITATION_ONLY_DESCRIPTION;
  if (state === "pendingApproval") return APPROVAL_PENDING_DESCRIPTION;
  return "the person did not sign in";
}
