/**
 * Why an entitlement-management verb refused. The Graph surface maps these onto Graph's errors
 * (forbidden → 403, notFound → 404, invalid/conflict → 400 naming the property, decided → 409:
 * another approver decided the stage first).
 */
export type EntitlementErrorCode = "forbidden" | "notFound" | "invalid" | "conflict" | "decided";

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

// By name, not instanceof: Next's bundles can hold two copies of this class.
export const isEntitlementError = (error: unknown): error is EntitlementError =>
  error instanceof Error && error.name === "EntitlementError" && "code" in error;

export const invalid = (field: string, message: string) => new EntitlementError("invalid", message, field);
export const notFound = (id: string) => new EntitlementError("notFound", id);
export const forbidden = (message: string) => new EntitlementError("forbidden", message);
