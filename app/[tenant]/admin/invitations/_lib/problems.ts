/** The invitation service's reasons the portal words itself; any other refusal reads as "could not". */
export const KNOWN_REASONS = [
  "invalidAddress",
  "domainNotAllowed",
  "domainBlocked",
  "redirectNotAllowed",
  "redirectAmbiguous",
  "redirectMissing",
  "duplicateInFile",
  "invalidLanguage",
  "displayNameTooLong",
  "messageTooLong",
  "guestBlocked",
  "accepted",
  "revoked",
  "modified",
  "forbidden",
] as const;
export type KnownReason = (typeof KNOWN_REASONS)[number];

export const reasonKey = (reason: string): KnownReason | "other" =>
  (KNOWN_REASONS as readonly string[]).includes(reason) ? (reason as KnownReason) : "other";

/** The form field a service field (Graph's property names) belongs to. */
const FIELDS: Record<string, string> = {
  invitedUserEmailAddress: "email",
  invitedUserDisplayName: "displayName",
  inviteRedirectUrl: "redirectUrl",
  messageLanguage: "language",
  customizedMessageBody: "message",
};
export const formField = (serviceField: string | undefined) => (serviceField && FIELDS[serviceField]) || "email";

/** A service refusal, matched by name (the registry may come from another bundle: no instanceof). */
export interface InvitationRefusal {
  name: "InvitationError";
  code: "forbidden" | "notFound" | "invalid" | "conflict";
  reason: string;
  field?: string;
}
export const isRefusal = (error: unknown): error is InvitationRefusal =>
  error instanceof Error && error.name === "InvitationError";
