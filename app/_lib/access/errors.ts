/**
 * Why an entitlement-management verb refused. The Graph surface maps these onto Graph's errors
 * (forbidden → 403, notFound → 404, invalid/conflict → 400 naming the property).
 */
export type EntitlementErrorCode = "forbidden" | "notFound" | "invalid" | "conflict";

export class EntitlementError extends Error {
  override readonly name = "EntitlementError";
  constructor(
    readonly code: EntitlementErrorCode,
    message: string,
    /** The Graph property the refusal is about (`requestApprovalSettings.stages`), when there is one. */
    readonly field?: string,
  ) {
    super(message);
  }
}

export const isEntitlementError = (error: unknown): error is EntitlementError => error instanceof EntitlementError;

export const invalid = (field: string, message: string) => new EntitlementError("invalid", message, field);
export const notFound = (id: string) => new EntitlementError("notFound", id);
