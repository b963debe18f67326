/**
 * The error_description an application gets with access_denied (RFC 6749 §4.1.2.1) when
 * self-service sign-up is off — for the tenant or for the application's flow — and the person has
 * no guest account: only an invitation admits them. Documented in docs/INTEGRATION.md
 * ("Invite-only"), so an application can tell it from a person who merely cancelled.
 */
export const INVITATION_ONLY_DESCRIPTION = "sign-up is by invitation only and this person has no guest account";
