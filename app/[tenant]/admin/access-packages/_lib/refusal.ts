import { isEntitlementError, type EntitlementErrorCode } from "../../../../_lib/access";

/** The entitlement service's refusal code (by name: a refusal from another bundle's copy counts too). */
export function entitlementRefusal(error: unknown): EntitlementErrorCode | undefined {
  return isEntitlementError(error) ? error.code : undefined;
}

/** The property an `invalid` refusal names (`justification`, `requestApprovalSettings.stages`), if any. */
export function refusedField(error: unknown): string | undefined {
  return isEntitlementError(error) ? error.field : undefined;
}

export const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A route or query id that can name a row, lower-cased as the store keeps ids; undefined otherwise. */
export const guidOrUndefined = (value: unknown): string | undefined =>
  typeof value === "string" && GUID.test(value) ? value.toLowerCase() : undefined;
