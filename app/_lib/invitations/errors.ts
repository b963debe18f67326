/**
 * Why an invitation verb refused. `field` names the input at fault (Graph's property name), so a
 * surface can say which one; `reason` is a stable code the portal and the bulk report show.
 */
export type InvitationErrorCode = "forbidden" | "notFound" | "invalid" | "conflict";

export class InvitationError extends Error {
  override readonly name = "InvitationError";
  constructor(
    readonly code: InvitationErrorCode,
    readonly reason: string,
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}

export const isInvitationError = (error: unknown): error is InvitationError => error instanceof InvitationError;

export const invalid = (field: string, reason: string, message: string) => new InvitationError("invalid", reason, message, field);
